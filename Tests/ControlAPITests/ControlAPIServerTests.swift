import ControlAPI
import Foundation
import HummingbirdTesting
import Logging
import RegistryTestSupport
import Synchronization
import Testing

/// `ControlAPIServer.run()` on a real socket: the listening line, serving, the busy-port error,
/// and stopping when cancelled.
@Suite struct ControlAPIServerTests {
    @Test func logsTheRealPortServesAndStopsWhenCancelled() async throws {
        try await withRegistry { registry in
            let lines = LogLines()
            let server = ControlAPIServer(registry: registry, host: "127.0.0.1", port: 0, logger: lines.logger)
            let serving = Task { try await server.run() }
            let port = try await lines.listeningPort()
            #expect(lines.all.contains("http listening on 127.0.0.1:\(port)"))

            try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                let health = try await client.get("/healthz")
                #expect(health.status == .ok)
                let missing = try await client.get("/v1/zones/nothing.internal")
                #expect(missing.status == .notFound)
                #expect(missing.body.map { String(buffer: $0) }?.contains(#""code":"NoSuchZone""#) == true)
            }

            serving.cancel()
            try await serving.value
        }
    }

    @Test func busyPortIsCannotListen() async throws {
        try await withRegistry { registry in
            let first = LogLines()
            let holder = Task {
                try await ControlAPIServer(registry: registry, host: "127.0.0.1", port: 0, logger: first.logger).run()
            }
            let port = try await first.listeningPort()

            let second = ControlAPIServer(registry: registry, host: "127.0.0.1", port: port, logger: LogLines().logger)
            let error = await #expect(throws: ControlAPIError.self) { try await second.run() }
            #expect(error?.code == .cannotListen)
            #expect(error?.message == "cannot listen on 127.0.0.1:\(port): Address already in use")

            holder.cancel()
            try await holder.value
        }
    }
}

/// Collects log messages, for reading the listening line.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    var logger: Logger {
        Logger(label: "controlapi-test") { _ in RecordingHandler(sink: self) }
    }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// The port of the first `http listening on 127.0.0.1:PORT` line, waiting up to 10 s for it.
    func listeningPort() async throws -> Int {
        let prefix = "http listening on 127.0.0.1:"
        for _ in 0..<500 {
            if let line = all.first(where: { $0.hasPrefix(prefix) }), let port = Int(line.dropFirst(prefix.count)) {
                return port
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CancellationError()
    }

    private struct RecordingHandler: LogHandler {
        let sink: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            sink.append(event.message.description)
        }
    }
}
