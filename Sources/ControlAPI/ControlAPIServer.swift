import AWSAuth
import Hummingbird
import Logging
import NIOCore
import Registry
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The HTTP control API on one address: the native JSON API under `/v1/` and `/healthz`.
///
/// ```swift
/// let api = ControlAPIServer(registry: registry, host: "127.0.0.1", port: 8053, logger: logger)
/// try await api.run()   // until the task is cancelled
/// ```
public struct ControlAPIServer: Sendable {
    public let registry: Registry
    public let host: String
    public let port: Int
    public let logger: Logger
    /// Keys the AWS APIs accept; nil leaves them unchecked.
    public let awsCredentials: AWSCredentials?

    /// How long requests in flight may take to finish once `run()` is cancelled.
    static let shutdownGrace: Duration = .seconds(5)

    public init(registry: Registry, host: String, port: Int, logger: Logger, awsCredentials: AWSCredentials? = nil) {
        self.registry = registry
        self.awsCredentials = awsCredentials
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// Binds, logs exactly `http listening on HOST:PORT` (the real port, also for port 0) and serves
    /// until the calling task is cancelled; then lets requests in flight finish (at most
    /// `shutdownGrace`) and returns.
    ///
    /// - Throws: `ControlAPIError` with code `.cannotListen` when the address cannot be bound,
    ///   e.g. "cannot listen on 127.0.0.1:8053: Address already in use".
    public func run() async throws {
        let listening = ListeningFlag()
        let logger = self.logger
        let app = Application(
            router: Self.router(registry: registry, awsCredentials: awsCredentials),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                listening.set()
                logger.info("http listening on \(Self.describe(channel.localAddress))")
            },
            logger: frameworkLogger
        )
        var configuration = ServiceGroupConfiguration(services: [app], logger: frameworkLogger)
        configuration.maximumGracefulShutdownDuration = Self.shutdownGrace
        let group = ServiceGroup(configuration: configuration)
        // The group runs in its own task so that cancelling ours starts a graceful shutdown
        // (stop accepting, finish requests in flight) instead of cutting requests off.
        let serving = Task { try await group.run() }
        do {
            try await withTaskCancellationHandler {
                try await serving.value
            } onCancel: {
                Task { await group.triggerGracefulShutdown() }
            }
        } catch {
            guard listening.isSet else {
                throw ControlAPIError.cannotListen(
                    on: Self.describe(host: host, port: port), reason: Self.reason(error))
            }
            throw error
        }
    }

    /// Hummingbird's own log lines ("Server started and listening on ...", service group events)
    /// repeat what `run()` logs; they show only when the log level is debug or lower.
    var frameworkLogger: Logger {
        var framework = logger
        if framework.logLevel > .debug {
            framework.logLevel = max(framework.logLevel, .notice)
        }
        return framework
    }

    static func describe(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else {
            return address.map { "\($0)" } ?? "unknown address"
        }
        return describe(host: ip, port: port)
    }

    /// `127.0.0.1:8053`, `[::1]:8053`.
    static func describe(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The system's words for a failed bind ("Address already in use"), else the error's own.
    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        return "\(error)"
    }
}

/// Set once the socket is bound: an error before that is a failure to listen.
private final class ListeningFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
