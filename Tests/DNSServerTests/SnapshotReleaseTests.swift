import DNSServer
import Glibc
import Synchronization
import Testing

/// A broadcast that replaces a handler's snapshot hands the old one back, so it is freed by the
/// publisher and never on a worker thread, where freeing a large snapshot would stall queries.
@Suite struct SnapshotReleaseTests {
    /// Puts `canary` in every worker's handler; returns what each worker held before.
    @discardableResult
    func install(_ canary: Canary, on server: DNSServer<EchoHandler>) async -> [Canary?] {
        await server.broadcast { handler in
            let old = handler.snapshot
            handler.snapshot = canary
            handler.mark = UInt8(truncatingIfNeeded: canary.id)
            return old
        }
    }

    func workerThreads(of server: DNSServer<EchoHandler>) async -> Set<UInt> {
        Set(await server.broadcast { _ in UInt(pthread_self()) })
    }

    @Test func oldSnapshotIsReleasedByThePublisherNotAWorker() async throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], workers: 2)
        defer { echo.server.stop() }
        let workers = await workerThreads(of: echo.server)
        #expect(workers.count == 2)
        let log = CanaryLog()
        await install(Canary(1, log: log), on: echo.server)
        #expect(log.releases.isEmpty)

        var retired: [Canary?]? = await install(Canary(2, log: log), on: echo.server)
        // Only the returned references keep canary 1 alive: the workers have let go of it.
        #expect(retired?.map { $0?.id } == [1, 1])
        #expect(log.releases.isEmpty)
        retired = nil
        let publisher = UInt(pthread_self())

        #expect(log.releases == [CanaryLog.Release(id: 1, thread: publisher)])
        #expect(!workers.contains(publisher))
        // Canary 2 is what the workers answer from now.
        let client = try UDPClient(to: echo.ipv4)
        try client.send(makeQuery(id: 1))
        #expect(try #require(client.receive())[3] == 2)
    }

    @Test func queriesAreAnsweredThroughABurstOfPublications() async throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], workers: 2)
        defer { echo.server.stop() }
        let workers = await workerThreads(of: echo.server)
        let log = CanaryLog()
        let counts = QueryCounts()
        let address = echo.ipv4
        let clients = BackgroundThread { counts.queryUntilStopped(address) }

        // Bursts of ten publications back to back; between bursts, wait until the clients have
        // had more answers, so queries and publications interleave however the threads run.
        let publications = 200
        for id in 1...publications {
            await install(Canary(id, log: log), on: echo.server)
            guard id % 10 == 0 else { continue }
            let target = counts.answered.load(ordering: .relaxed) + 10
            while counts.answered.load(ordering: .relaxed) < target && !counts.failed.load(ordering: .relaxed) {
                try await Task.sleep(for: .milliseconds(1))
            }
        }
        counts.publishing.store(false, ordering: .relaxed)
        clients.join()

        let failed = counts.failed.load(ordering: .relaxed)
        #expect(!failed)
        let sent = counts.sent.load(ordering: .relaxed)
        #expect(sent >= 200)
        #expect(counts.answered.load(ordering: .relaxed) == sent)
        #expect(counts.wentBack.load(ordering: .relaxed) == 0)
        let releases = log.releases
        #expect(releases.map(\.id).sorted() == Array(1..<publications))
        #expect(releases.count { workers.contains($0.thread) } == 0)
    }
}

/// What the background clients of the burst test saw.
final class QueryCounts: Sendable {
    let publishing = Atomic<Bool>(true)
    let sent = Atomic<Int>(0)
    let answered = Atomic<Int>(0)
    /// Replies whose mark was older than one already seen on the same socket (so the same
    /// worker): a worker must never go back to an older snapshot.
    let wentBack = Atomic<Int>(0)
    let failed = Atomic<Bool>(false)

    /// Four sockets (SO_REUSEPORT spreads them over the workers), one query each in turn, each
    /// waited for, until the publications are over.
    func queryUntilStopped(_ address: ListenAddress) {
        guard let sockets = try? (0..<4).map({ _ in try UDPClient(to: address) }) else { return fail() }
        var newest = [UInt8](repeating: 0, count: sockets.count)
        var id = 0
        while publishing.load(ordering: .relaxed) {
            for (index, socket) in sockets.enumerated() {
                id += 1
                let query = makeQuery(id: id)
                guard (try? socket.send(query)) != nil else { return fail() }
                sent.add(1, ordering: .relaxed)
                guard let reply = socket.receive(timeoutMilliseconds: 5000), reply.count == query.count,
                    reply[0..<2] == query[0..<2]
                else { return fail() }
                answered.add(1, ordering: .relaxed)
                if reply[3] < newest[index] { wentBack.add(1, ordering: .relaxed) }
                newest[index] = reply[3]
            }
        }
    }

    private func fail() {
        failed.store(true, ordering: .relaxed)
    }
}
