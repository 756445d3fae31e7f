import DNSServer
import Glibc
import Synchronization
import Testing

@Suite struct BroadcastTests {
    /// Fresh client sockets get fresh source ports, so SO_REUSEPORT spreads them over the workers.
    func marks(of echo: EchoServer, queries: Int) throws -> Set<UInt8> {
        var seen: Set<UInt8> = []
        for id in 0..<queries {
            let client = try UDPClient(to: echo.ipv4)
            try client.send(makeQuery(id: id))
            let reply = try #require(client.receive())
            seen.insert(reply[3])
        }
        return seen
    }

    @Test func everyWorkerRunsTheJobBeforeBroadcastReturns() async throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], workers: 3)
        defer { echo.server.stop() }
        let threads = Mutex<Set<UInt>>([])
        await echo.server.broadcast { handler in
            #expect(pthread_equal(handler.thread, pthread_self()) != 0)
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
            handler.mark = 0x42
        }
        #expect(threads.withLock { $0.count } == 3)
        #expect(try marks(of: echo, queries: 40) == [0x42])
        await echo.server.broadcast { $0.mark = 0x43 }
        #expect(try marks(of: echo, queries: 40) == [0x43])
        #expect(echo.stats.wrongThread.load(ordering: .relaxed) == 0)
    }

    @Test func returnsWithoutRunningOnceStopped() async throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"])
        echo.server.stop()
        let runs = Atomic<Int>(0)
        let results = await echo.server.broadcast { _ in runs.add(1, ordering: .relaxed) }
        #expect(runs.load(ordering: .relaxed) == 0)
        #expect(results.isEmpty)
    }

    @Test func concurrentBroadcastsAllComplete() async throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"])
        defer { echo.server.stop() }
        let runs = HandlerStats()
        let server = echo.server
        let results = await withTaskGroup(of: [Int].self) { group in
            for index in 0..<50 {
                group.addTask {
                    await server.broadcast { _ in
                        runs.made.add(1, ordering: .relaxed)
                        return index
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(runs.made.load(ordering: .relaxed) == 100)
        // Each broadcast hands back one result per worker, its own.
        #expect(results.sorted() == (0..<50).flatMap { [$0, $0] })
    }
}
