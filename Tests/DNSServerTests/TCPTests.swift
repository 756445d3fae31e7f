import DNSServer
import Glibc
import Testing

@Suite(.serialized) struct TCPTests {
    @Test func answersPipelinedQueriesInOrder() throws {
        let echo = try EchoServer()
        defer { echo.server.stop() }
        for address in echo.server.boundAddresses {
            let client = try TCPClient(to: address)
            let queries = [makeQuery(id: 1), makeQuery(id: 2, payload: 300), makeQuery(id: 3, payload: 5)]
            try client.send(queries.flatMap(framed))
            for query in queries {
                #expect(try client.receiveMessage() == echoReply(query))
            }
        }
        #expect(echo.stats.wrongThread.load(ordering: .relaxed) == 0)
    }

    /// The length prefix itself arrives in two pieces, then the body one byte at a time.
    @Test func reassemblesAQuerySentOneByteAtATime() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"])
        defer { echo.server.stop() }
        let client = try TCPClient(to: echo.ipv4)
        let query = makeQuery(id: 42, payload: 40)
        for byte in framed(query) {
            try client.send([byte])
            usleep(1000)
        }
        #expect(try client.receiveMessage() == echoReply(query))
        // The connection still works for a query that arrives whole.
        let next = makeQuery(id: 43)
        try client.send(framed(next))
        #expect(try client.receiveMessage() == echoReply(next))
    }

    /// Many queries in one write, with replies larger than the worker's reply buffer, so some are
    /// queued with uv_write while the client is not reading yet.
    @Test func answersABurstWithLargeReplies() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], workers: 1)
        defer { echo.server.stop() }
        let client = try TCPClient(to: echo.ipv4)
        let queries = (0..<40).map { makeQuery(id: $0, payload: $0 % 3 == 0 ? 60_000 : 100) }
        try client.send(queries.flatMap(framed))
        for query in queries {
            #expect(try client.receiveMessage() == echoReply(query))
        }
    }

    @Test func closesAConnectionThatStaysIdle() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], idleTimeout: .seconds(1))
        defer { echo.server.stop() }
        let client = try TCPClient(to: echo.ipv4)
        // Queries 0.4 s apart keep it open past the timeout...
        for id in 0..<4 {
            let query = makeQuery(id: id)
            try client.send(framed(query))
            #expect(try client.receiveMessage() == echoReply(query))
            if id < 3 { usleep(400_000) }
        }
        // ...then silence closes it about a second after the last one.
        let start = monotonicSeconds()
        #expect(client.waitForClose(timeoutMilliseconds: 5000))
        let waited = monotonicSeconds() - start
        #expect(waited > 0.8 && waited < 3)
    }

    @Test func closesConnectionsOverTheCap() throws {
        let echo = try EchoServer(maxConnections: 2)
        defer { echo.server.stop() }
        // One on each address: the cap is for the whole server.
        let first = try TCPClient(to: echo.ipv4)
        let second = try TCPClient(to: echo.ipv6)
        for client in [first, second] {
            let query = makeQuery(id: 5)
            try client.send(framed(query))
            #expect(try client.receiveMessage() == echoReply(query))
        }
        let third = try TCPClient(to: echo.ipv4)
        #expect(third.waitForClose(timeoutMilliseconds: 3000))
        #expect(echo.logs.messages.contains("TCP connection cap of 2 reached: closing a new connection"))

        // A slot frees once a connection has closed.
        withExtendedLifetime(first) {}
        var served = false
        for attempt in 0..<50 where !served {
            if attempt == 0 { shutdown(first.fd, Int32(SHUT_RDWR)) }
            usleep(50_000)
            let fourth = try TCPClient(to: echo.ipv4)
            let query = makeQuery(id: 6)
            try? fourth.send(framed(query))
            served = (try? fourth.receiveMessage(timeoutMilliseconds: 500)) == echoReply(query)
        }
        #expect(served)
    }

    @Test(arguments: [[0x00, 0x00] as [UInt8], [0x01, 0x00] + [UInt8](repeating: 0, count: 256)])
    func closesOnZeroLengthOrOversizeMessage(message: [UInt8]) throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], maxMessageLength: 255)
        defer { echo.server.stop() }
        let client = try TCPClient(to: echo.ipv4)
        let query = makeQuery(id: 8)
        try client.send(framed(query) + message)
        #expect(try client.receiveMessage() == echoReply(query))
        #expect(client.waitForClose(timeoutMilliseconds: 3000))
    }

    @Test func answersQueriesSentBeforeAHalfClose() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], workers: 1)
        defer { echo.server.stop() }
        let client = try TCPClient(to: echo.ipv4)
        let queries = (0..<10).map { makeQuery(id: $0, payload: 30_000) }
        try client.send(queries.flatMap(framed))
        shutdown(client.fd, Int32(SHUT_WR))
        for query in queries {
            #expect(try client.receiveMessage() == echoReply(query))
        }
        #expect(client.waitForClose(timeoutMilliseconds: 3000))
    }

    /// A client that never reads and then resets leaves queued writes behind: they must be freed
    /// once (the sanitizers check that), and the worker must carry on serving.
    @Test func survivesAResetWithWritesInFlight() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], workers: 1)
        defer { echo.server.stop() }
        for round in 0..<3 {
            let client = try TCPClient(to: echo.ipv4)
            var linger = linger(l_onoff: 1, l_linger: 0)
            setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            let queries = (0..<20).map { makeQuery(id: round * 100 + $0, payload: 60_000) }
            try client.send(queries.flatMap(framed))
            usleep(50_000)
        }
        let client = try TCPClient(to: echo.ipv4)
        let query = makeQuery(id: 1)
        try client.send(framed(query))
        #expect(try client.receiveMessage() == echoReply(query))
    }
}
