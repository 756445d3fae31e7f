import DNSServer
import Glibc
import Logging
import Synchronization

/// Counts handlers alive and calls made off the thread that made the handler.
final class HandlerStats: Sendable {
    let alive = Atomic<Int>(0)
    let made = Atomic<Int>(0)
    let wrongThread = Atomic<Int>(0)
}

/// Echoes the query with the QR bit set; answers nothing to messages shorter than 3 bytes.
final class EchoHandler: DNSHandler {
    let stats: HandlerStats
    let thread = pthread_self()
    /// Written into the reply's second flags byte when set, so tests can see what a broadcast changed.
    var mark: UInt8 = 0
    /// Stands for the zone snapshot a real handler answers from, for tests of how broadcasts
    /// replace it.
    var snapshot: Canary?

    init(stats: HandlerStats) {
        self.stats = stats
        stats.alive.add(1, ordering: .relaxed)
        stats.made.add(1, ordering: .relaxed)
    }

    deinit {
        stats.alive.subtract(1, ordering: .relaxed)
    }

    func respond(to query: UnsafeRawBufferPointer, overTCP: Bool, into response: UnsafeMutableRawBufferPointer) -> Int {
        if pthread_equal(thread, pthread_self()) == 0 { stats.wrongThread.add(1, ordering: .relaxed) }
        guard query.count >= 3 else { return 0 }
        response.copyMemory(from: query)
        response[2] |= 0x80
        if mark != 0 { response[3] = mark }
        return query.count
    }
}

/// What the echo handler should answer to `query`.
func echoReply(_ query: [UInt8]) -> [UInt8] {
    var reply = query
    reply[2] |= 0x80
    return reply
}

/// A query-shaped message: a 16-bit id, flags without QR, and some payload that varies with the id.
func makeQuery(id: Int, payload: Int = 20) -> [UInt8] {
    var bytes: [UInt8] = [UInt8(truncatingIfNeeded: id >> 8), UInt8(truncatingIfNeeded: id), 0x01, 0x00]
    for index in 0..<payload { bytes.append(UInt8(truncatingIfNeeded: id &* 31 &+ index)) }
    return bytes
}

/// Length-prefixes a message for TCP.
func framed(_ message: [UInt8]) -> [UInt8] {
    [UInt8(message.count >> 8), UInt8(message.count & 0xff)] + message
}

/// Keeps log messages so tests can check what operators would read. A pthread mutex rather than
/// `Mutex`, so ThreadSanitizer runs stay free of false reports.
final class LogStore: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var stored: [String] = []

    init() { pthread_mutex_init(&mutex, nil) }

    func append(_ message: String) {
        pthread_mutex_lock(&mutex)
        stored.append(message)
        pthread_mutex_unlock(&mutex)
    }

    var messages: [String] {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return stored
    }
}

struct StoringLogHandler: LogHandler {
    let store: LogStore
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.append(event.message.description)
    }
}

/// A started echo server on loopback (IPv4 and IPv6, kernel-chosen ports), stopped by the test.
struct EchoServer {
    let server: DNSServer<EchoHandler>
    let stats = HandlerStats()
    let logs = LogStore()

    init(
        listen: [String] = ["127.0.0.1:0", "[::1]:0"], workers: Int = 2, idleTimeout: Duration = .seconds(10),
        maxConnections: Int = 512, maxMessageLength: Int = 65_535
    ) throws {
        let configuration = ServerConfiguration(
            listen: try listen.map { text throws(ServerError) in try ListenAddress(parsing: text) },
            workers: workers, tcpIdleTimeout: idleTimeout, maxTCPConnections: maxConnections,
            maxTCPMessageLength: maxMessageLength)
        let logs = self.logs
        let stats = self.stats
        server = DNSServer(
            configuration: configuration,
            logger: Logger(label: "test", factory: { _ in StoringLogHandler(store: logs) }),
            makeHandler: { EchoHandler(stats: stats) })
        try server.start()
    }

    var ipv4: ListenAddress { server.boundAddresses[0] }
    var ipv6: ListenAddress { server.boundAddresses[1] }
}
