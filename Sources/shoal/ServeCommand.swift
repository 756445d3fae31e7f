import ArgumentParser
import DNSServer
import DNSWire
import DNSZone
import Dispatch
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `shoal serve`: answers for the zones in --zones on every --dns address until SIGINT or SIGTERM.
struct ServeCommand: ParsableCommand {
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

    @Option(help: ArgumentHelp("Address of the HTTP control API (accepted; the API is not served yet).", valueName: "host:port"))
    var http: String = "127.0.0.1:8053"

    @Option(help: ArgumentHelp("Folder of the embedded store (accepted; nothing is stored yet).", valueName: "dir"))
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
    }

    func run() throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel.level
            return handler
        }
        let logger = Logger(label: "shoal")
        do {
            try serve(logger: logger)
        } catch let error as ZoneFileError {
            for diagnostic in error.diagnostics { logger.error("\(diagnostic.description)") }
            logger.critical("not starting: \(error.diagnostics.count) zone file error(s)")
            throw ExitCode.failure
        } catch let error as ServerError {
            logger.critical("not starting: \(error.message)")
            throw ExitCode.failure
        }
    }

    func serve(logger: Logger) throws {
        let listen = try dnsAddresses.map { text in
            do throws(ServerError) {
                return try ListenAddress(parsing: text)
            } catch {
                throw ValidationError("--dns '\(text)': \(error.message)")
            }
        }
        let zoneSet = try loadZones(logger: logger)
        let responderConfiguration = ResponderConfiguration(
            maxUDPPayload: UInt16(maxUDPPayload), rrsetOrder: rrsetOrder.order)
        let rotation = RotationCounter()
        let configuration = ServerConfiguration(
            listen: listen, workers: workers, tcpIdleTimeout: .milliseconds(Int64(tcpIdleTimeout * 1000)),
            maxTCPConnections: maxTCPConnections)
        let server = DNSServer(configuration: configuration, logger: logger) {
            Responder(zones: zoneSet, configuration: responderConfiguration, rotation: rotation)
        }
        // Watch signals before listening, so a client that acts on the listening line can
        // always stop the server cleanly.
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) { signal in
            logger.info("signal \(signal): shutting down")
            server.stop()
        }
        try server.start()
        logger.debug("control API at \(http) and store at \(data) are not served by this version")
        server.wait()
        signals.cancel()
        logger.info("stopped")
    }

    func loadZones(logger: Logger) throws -> ZoneSet {
        let files = try ZoneDirectory.load(zones)
        let loaded = files.map { Zone(origin: $0.origin, records: $0.records) }
        for zone in loaded {
            logger.info(
                "zone \(CheckCommand.zoneName(zone.origin)): \(zone.recordCount) records, serial \(zone.serial)")
        }
        if loaded.isEmpty { logger.warning("no zone files in \(zones): every query will be refused") }
        return ZoneSet(loaded)
    }
}
