import DNSServer
import Testing

@Suite(.serialized) struct UDPTests {
    /// Several client sockets per address, so SO_REUSEPORT spreads them over both workers, each
    /// sending windows of 20 queries back to back so replies go out in sendmmsg batches.
    @Test func answersEveryDatagramOnIPv4AndIPv6() throws {
        let echo = try EchoServer()
        defer { echo.server.stop() }
        let bound = echo.server.boundAddresses
        #expect(bound.count == 2)
        #expect(bound[0].host == "127.0.0.1" && bound[0].port != 0)
        #expect(bound[1].host == "::1" && bound[1].port != 0)

        for address in bound {
            for client in 0..<4 {
                let socket = try UDPClient(to: address)
                for window in 0..<5 {
                    var expected: [[UInt8]: Int] = [:]
                    for slot in 0..<20 {
                        let query = makeQuery(id: client * 1000 + window * 20 + slot, payload: slot * 7)
                        expected[echoReply(query), default: 0] += 1
                        try socket.send(query)
                    }
                    for _ in 0..<20 {
                        let reply = try #require(socket.receive(), "no reply from \(address)")
                        let left = try #require(expected[reply], "unexpected reply \(reply)")
                        expected[reply] = left == 1 ? nil : left - 1
                    }
                    #expect(expected.isEmpty)
                }
            }
        }
        #expect(echo.stats.made.load(ordering: .relaxed) == 2)
        #expect(echo.stats.wrongThread.load(ordering: .relaxed) == 0)
    }

    @Test func handlerReturningZeroSendsNothing() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], workers: 1)
        defer { echo.server.stop() }
        let socket = try UDPClient(to: echo.ipv4)
        try socket.send([0x12, 0x34])
        #expect(socket.receive(timeoutMilliseconds: 200) == nil)
        let query = makeQuery(id: 7)
        try socket.send(query)
        #expect(socket.receive() == echoReply(query))
    }

    @Test func answersLargeDatagrams() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], workers: 1)
        defer { echo.server.stop() }
        let socket = try UDPClient(to: echo.ipv4)
        let query = makeQuery(id: 9, payload: 60_000)
        try socket.send(query)
        #expect(socket.receive() == echoReply(query))
    }
}
