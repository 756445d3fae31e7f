import Glibc

/// How a `DNSServer` listens. Plain values, so the CLI and tests can build one field by field.
public struct ServerConfiguration: Sendable {
    /// Every address gets a UDP and a TCP listener in every worker.
    public var listen: [ListenAddress]
    /// Worker threads, each with its own event loop and sockets. Defaults to the number of online CPUs.
    public var workers: Int
    /// A TCP connection that completes no query for this long is closed (RFC 7766 section 6.2.3).
    public var tcpIdleTimeout: Duration
    /// Open TCP connections allowed for the whole server, over all workers and addresses. One more
    /// is accepted and closed at once, so the client learns quickly instead of waiting in the backlog.
    public var maxTCPConnections: Int
    /// A TCP message whose length prefix is 0 or above this closes the connection (at most 65,535).
    public var maxTCPMessageLength: Int
    /// listen(2) backlog of each TCP socket.
    public var tcpBacklog: Int32

    public init(
        listen: [ListenAddress],
        workers: Int = ServerConfiguration.defaultWorkerCount,
        tcpIdleTimeout: Duration = .seconds(10),
        maxTCPConnections: Int = 512,
        maxTCPMessageLength: Int = 65_535,
        tcpBacklog: Int32 = 511
    ) {
        self.listen = listen
        self.workers = workers
        self.tcpIdleTimeout = tcpIdleTimeout
        self.maxTCPConnections = maxTCPConnections
        self.maxTCPMessageLength = maxTCPMessageLength
        self.tcpBacklog = tcpBacklog
    }

    public static var defaultWorkerCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// The idle timeout in libuv's unit (milliseconds), at least 1.
    var tcpIdleTimeoutMilliseconds: UInt64 {
        let (seconds, attoseconds) = tcpIdleTimeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return UInt64(max(1, milliseconds))
    }

    func validate() throws(ServerError) {
        func invalid(_ why: String) -> ServerError { ServerError(.invalidConfiguration, "invalid configuration: \(why)") }
        if listen.isEmpty { throw invalid("no listen address") }
        if workers < 1 || workers > 1024 { throw invalid("workers must be from 1 to 1024, not \(workers)") }
        if tcpIdleTimeout <= .zero { throw invalid("tcpIdleTimeout must be positive") }
        if maxTCPConnections < 0 { throw invalid("maxTCPConnections must not be negative") }
        if !(12...65_535).contains(maxTCPMessageLength) {
            throw invalid("maxTCPMessageLength must be from 12 to 65535, not \(maxTCPMessageLength)")
        }
        if tcpBacklog < 1 { throw invalid("tcpBacklog must be positive") }
        if Set(listen).count != listen.count { throw invalid("a listen address appears twice") }
    }
}
