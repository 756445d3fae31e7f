import AWSAuth
import ArgumentParser
import ControlAPI
import DNSServer
import DNSWire
import DNSZone
import Dispatch
import Logging
import Registry
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `shoal serve`: answers for the zones in --zones on every --dns address until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the zones in --zones over DNS (UDP and TCP) until SIGINT or SIGTERM."
    )

    @Option(
        name: .customLong("dns"),
        help: ArgumentHelp(
            "Address to answer DNS on, UDP and TCP, as HOST:PORT or [IPV6]:PORT. Repeat for more; port 0 picks a free one.",
            valueName: "host:port"))
    var dnsAddresses: [String] = ["127.0.0.1:5300"]

    @Option(help: ArgumentHelp("Address of the HTTP registration API, as HOST:PORT; port 0 picks a free one.", valueName: "host:port"))
    var http: String = "127.0.0.1:8053"

    @Option(help: ArgumentHelp("Folder of the embedded SQLite store of managed zones; created if missing.", valueName: "dir"))
    var data: String = "./data"

    @Option(help: ArgumentHelp("Folder of zone files; each NAME.zone holds the zone NAME.", valueName: "dir"))
    var zones: String = "./zones"

    @Option(help: "Event-loop threads, each with its own SO_REUSEPORT sockets; the default is the number of cores.")
    var workers: Int = ServerConfiguration.defaultWorkerCount

    @Option(help: "Order of multi-record answers: rotate starts each query one record further on; fixed keeps zone order.")
    var rrsetOrder: RRsetOrderArgument = .rotate

    @Option(help: "Largest UDP answer sent to EDNS clients, 512-65535; smaller client sizes are honoured.")
    var maxUDPPayload: Int = Int(ResponderConfiguration.defaultMaxUDPPayload)

    @Option(help: "Seconds a TCP connection may stay silent before it is closed.")
    var tcpIdleTimeout: Double = 10

    @Option(help: "Open TCP connections allowed over all workers; more are closed at once.")
    var maxTCPConnections: Int = 512

    @Option(
        name: .customLong("aws-credentials"),
        help: ArgumentHelp(
            "AWS shared credentials file (INI, [profile] sections with aws_access_key_id and aws_secret_access_key). When given, the AWS APIs (Route 53 under /2013-04-01/, Cloud Map at POST /) accept only requests SigV4-signed with one of its keys; without it they accept any Authorization. The native /v1 API is not affected.",
            valueName: "file"))
    var awsCredentials: String?

    @Option(
        help: ArgumentHelp(
            "Nice value added to every thread but the DNS workers (HTTP API, store, lease sweeps), 0 to 19 (the result is capped at 19): when the CPU is short, queries get it first and registrations wait. 0 turns it off.",
            valueName: "n"))
    var apiNice: Int = 19

    @Option(help: "Least severe log level shown: trace, debug, info, notice, warning, error or critical.")
    var logLevel: LogLevelArgument = .info

    func validate() throws {
        guard workers >= 1 && workers <= 256 else { throw ValidationError("--workers must be between 1 and 256") }
        guard (512...65_535).contains(maxUDPPayload) else {
            throw ValidationError("--max-udp-payload must be between 512 and 65535")
        }
        guard tcpIdleTimeout > 0 && tcpIdleTimeout <= 3600 else {
            throw ValidationError("--tcp-idle-timeout must be more than 0 and at most 3600 seconds")
        }
        guard maxTCPConnections >= 1 else { throw ValidationError("--max-tcp-connections must be at least 1") }
        guard (0...19).contains(apiNice) else { throw ValidationError("--api-nice must be between 0 and 19") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel.level
            return handler
        }
        let logger = Logger(label: "shoal")
        do {
            try await serve(logger: logger)
        } catch let error as ZoneFileError {
            for diagnostic in error.diagnostics { logger.error("\(diagnostic.description)") }
            logger.critical("not starting: \(error.diagnostics.count) zone file error(s)")
            throw ExitCode.failure
        } catch let error as ServerError {
            logger.critical("not starting: \(error.message)")
            throw ExitCode.failure
        } catch let error as RegistryError {
            logger.critical("not starting: data directory \(data): \(error.message)")
            throw ExitCode.failure
        } catch let error as AWSCredentialsError {
            logger.critical("not starting: --aws-credentials \(error.message)")
            throw ExitCode.failure
        } catch let error as APIStartError {
            logger.critical("not starting: \(error.message)")
            throw ExitCode.failure
        }
    }

    func serve(logger: Logger) async throws {
        let listen = try dnsAddresses.map { text in
            do throws(ServerError) {
                return try ListenAddress(parsing: text)
            } catch {
                throw ValidationError("--dns '\(text)': \(error.message)")
            }
        }
        let httpAddress: ListenAddress
        do {
            httpAddress = try ListenAddress(parsing: http)
        } catch {
            throw ValidationError("--http '\(http)': \(error.message)")
        }
        // Read first, so a bad file stops the start before anything listens.
        let credentials = try awsCredentials.map { path throws(AWSCredentialsError) in
            try AWSCredentials.load(path: path)
        }
        if let credentials {
            logger.info("aws apis: SigV4 signatures required, \(credentials.secrets.count) access key(s)")
        }
        let fileZones = try loadZones(logger: logger)
        let box = ZoneSetBox(ZoneSet(fileZones))
        let responderConfiguration = ResponderConfiguration(
            maxUDPPayload: UInt16(maxUDPPayload), rrsetOrder: rrsetOrder.order)
        let rotation = RotationCounter()
        let configuration = ServerConfiguration(
            listen: listen, workers: workers, tcpIdleTimeout: .milliseconds(Int64(tcpIdleTimeout * 1000)),
            maxTCPConnections: maxTCPConnections)
        let server = DNSServer(configuration: configuration, logger: logger) {
            Responder(zones: box.load(), configuration: responderConfiguration, rotation: rotation)
        }
        // Until the server runs, workers read the box when they start; after, each publication
        // is broadcast and awaited, so an API reply means every worker answers the change. The
        // broadcast returns the sets the workers dropped: they are released here, off the workers.
        let serving = Atomic<Bool>(false)
        let registry = try await Registry.open(
            directory: data, fileZones: fileZones, logger: logger,
            publisher: { zones in
                box.store(zones)
                guard serving.load(ordering: .acquiring) else { return }
                await server.broadcast { box.install(into: $0) }
            })
        let (signals, signalStream) = Self.watchSignals(logger: logger)
        defer { signals.cancel() }
        do {
            try server.start()
        } catch {
            await registry.close()
            throw error
        }
        serving.store(true, ordering: .releasing)
        await server.broadcast { box.install(into: $0) }
        let priority = Self.keepDataPlaneAhead(DataPlanePriority(offset: Int32(apiNice)), logger: logger)
        defer { priority.cancel() }
        let api = ControlAPIServer(
            registry: registry, host: httpAddress.host, port: Int(httpAddress.port), logger: logger,
            awsCredentials: credentials)
        let failure = await Self.runUntilSignal(api: api, signals: signalStream, logger: logger)
        server.stop()
        await registry.close()
        if let failure { throw failure }
        logger.info("stopped")
    }

    /// SIGINT and SIGTERM as a stream, watched before anything listens, so a client that acts
    /// on a listening line can always stop the server cleanly.
    static func watchSignals(logger: Logger) -> (SignalWatcher, AsyncStream<Int32>) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let watcher = SignalWatcher(signals: [SIGINT, SIGTERM]) { signal in
            logger.info("signal \(signal): shutting down")
            continuation.yield(signal)
        }
        return (watcher, stream)
    }

    /// Lowers the control plane's threads now and every second after, for threads started since.
    static func keepDataPlaneAhead(_ priority: DataPlanePriority, logger: Logger) -> Task<Void, Never> {
        let lowered = priority.apply()
        if priority.offset > 0 { logger.debug("api-nice \(priority.offset): \(lowered) threads lowered") }
        return Task {
            guard priority.offset > 0 else { return }
            while (try? await Task.sleep(for: .seconds(1))) != nil { priority.apply() }
        }
    }

    /// Serves the API until a signal arrives; returns the API's start error, if it failed.
    static func runUntilSignal(api: ControlAPIServer, signals: AsyncStream<Int32>, logger: Logger) async -> Error? {
        await withTaskGroup(of: Error?.self) { group in
            group.addTask {
                do {
                    try await api.run()
                    return nil
                } catch is CancellationError {
                    return nil
                } catch {
                    return APIStartError(message: "\(error)")
                }
            }
            group.addTask {
                for await _ in signals { return nil }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    func loadZones(logger: Logger) throws -> [Zone] {
        let loaded = try ZoneDirectory.loadZones(zones)
        for zone in loaded {
            logger.info(
                "zone \(zone.origin.displayName): \(zone.recordCount) records, serial \(zone.serial)")
        }
        return loaded
    }
}
