import DNSServer
import Glibc
import Testing

/// The server a SIGUSR1 handler stops; set only while `stopsFromASignalHandlerThatInterruptedWait` runs.
nonisolated(unsafe) private var serverToStopOnSignal: DNSServer<EchoHandler>?

@Suite(.serialized) struct LifecycleTests {
    @Test func logsOneLinePerBoundAddress() throws {
        let echo = try EchoServer()
        defer { echo.server.stop() }
        let lines = echo.logs.messages.filter { $0.hasPrefix("listening on") }
        #expect(
            lines == [
                "listening on 127.0.0.1:\(echo.ipv4.port) (udp, tcp)",
                "listening on [::1]:\(echo.ipv6.port) (udp, tcp)",
            ])
    }

    @Test func reportsAnAddressInUse() throws {
        // A plain UDP socket, without SO_REUSEPORT, holds the port.
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        let any = try ListenAddress(parsing: "127.0.0.1:0")
        #expect(withSockaddr(any, { bind(fd, $0, $1) }) == 0)
        var local = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutableBytes(of: &local) { _ = getsockname(fd, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), &length) }
        let port = UInt16(bigEndian: local.sin_port)

        let stats = HandlerStats()
        let server = DNSServer(
            configuration: ServerConfiguration(listen: [ListenAddress(host: "127.0.0.1", port: port)], workers: 2),
            logger: .init(label: "test"), makeHandler: { EchoHandler(stats: stats) })
        do {
            try server.start()
            Issue.record("start() succeeded on a port in use")
        } catch {
            #expect(error.code == .cannotListen)
            #expect(error.message == "cannot listen on 127.0.0.1:\(port): Address already in use")
        }
        #expect(server.boundAddresses.isEmpty)
        #expect(stats.made.load(ordering: .relaxed) == 0)
        server.stop()
    }

    /// SO_REUSEPORT would let a second server share the port and take half the traffic.
    @Test func refusesThePortOfARunningServer() throws {
        let first = try EchoServer()
        defer { first.server.stop() }
        for address in first.server.boundAddresses {
            let second = DNSServer(
                configuration: ServerConfiguration(listen: [address], workers: 2),
                logger: .init(label: "test"), makeHandler: { EchoHandler(stats: HandlerStats()) })
            #expect {
                try second.start()
            } throws: { error in
                (error as? ServerError)?.message == "cannot listen on \(address): Address already in use"
            }
        }
    }

    @Test func reportsAnAddressThatIsNotLocal() throws {
        // 192.0.2.0/24 is TEST-NET-1: never assigned to this machine.
        let server = DNSServer(
            configuration: ServerConfiguration(listen: [try ListenAddress(parsing: "192.0.2.1:5300")], workers: 1),
            logger: .init(label: "test"), makeHandler: { EchoHandler(stats: HandlerStats()) })
        #expect {
            try server.start()
        } throws: { error in
            (error as? ServerError)?.message == "cannot listen on 192.0.2.1:5300: Cannot assign requested address"
        }
    }

    @Test func rejectsABadConfiguration() {
        let server = DNSServer(
            configuration: ServerConfiguration(listen: [ListenAddress(host: "127.0.0.1", port: 0)], workers: 0),
            logger: .init(label: "test"), makeHandler: { EchoHandler(stats: HandlerStats()) })
        #expect {
            try server.start()
        } throws: { error in
            (error as? ServerError)?.code == .invalidConfiguration
        }
    }

    @Test func stopClosesEverythingAndReleasesTheHandlers() throws {
        let echo = try EchoServer()
        let address = echo.ipv4
        let connection = try TCPClient(to: address)
        let query = makeQuery(id: 1)
        try connection.send(framed(query))
        #expect(try connection.receiveMessage() == echoReply(query))
        #expect(echo.stats.alive.load(ordering: .relaxed) == 2)

        echo.server.stop()
        #expect(connection.waitForClose(timeoutMilliseconds: 2000))
        #expect(echo.stats.alive.load(ordering: .relaxed) == 0)
        #expect(throws: ClientError.self) { try TCPClient(to: address) }
        let udp = try UDPClient(to: address)
        try? udp.send(query)
        #expect(udp.receive(timeoutMilliseconds: 200) == nil)

        // Idempotent, and a stopped server stays stopped.
        echo.server.stop()
        echo.server.wait()
        #expect {
            try echo.server.start()
        } throws: { error in
            (error as? ServerError)?.code == .alreadyStarted
        }
    }

    @Test func stopFromAnotherThreadEndsWait() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"])
        let server = echo.server
        var thread = pthread_t()
        let box = Unmanaged.passRetained(server).toOpaque()
        pthread_create(&thread, nil, { box in
            usleep(100_000)
            Unmanaged<DNSServer<EchoHandler>>.fromOpaque(box!).takeRetainedValue().requestStop()
            return nil
        }, box)
        let start = monotonicSeconds()
        server.wait()
        #expect(monotonicSeconds() - start < 5)
        pthread_join(thread, nil)
        #expect(echo.stats.alive.load(ordering: .relaxed) == 0)
    }

    @Test func portZeroGivesBothProtocolsTheSamePort() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"], workers: 3)
        defer { echo.server.stop() }
        let udp = try UDPClient(to: echo.ipv4)
        let tcp = try TCPClient(to: echo.ipv4)
        let query = makeQuery(id: 3)
        try udp.send(query)
        try tcp.send(framed(query))
        #expect(udp.receive() == echoReply(query))
        #expect(try tcp.receiveMessage() == echoReply(query))
        #expect(echo.stats.made.load(ordering: .relaxed) == 3)
    }

    /// A signal lands on the thread blocked in `wait()` and its handler calls `stop()`: the stop
    /// must not deadlock on the join that thread is already doing.
    @Test func stopsFromASignalHandlerThatInterruptedWait() throws {
        let echo = try EchoServer(listen: ["127.0.0.1:0"])
        serverToStopOnSignal = echo.server
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in serverToStopOnSignal?.stop() }
        sigaction(SIGUSR1, &action, nil)
        // Test runner threads come with signals blocked: let this one take SIGUSR1.
        var usr1 = sigset_t()
        sigemptyset(&usr1)
        sigaddset(&usr1, SIGUSR1)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &usr1, &previousMask)
        defer {
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
            var restore = sigaction()
            restore.__sigaction_handler.sa_handler = SIG_DFL
            sigaction(SIGUSR1, &restore, nil)
            serverToStopOnSignal = nil
        }
        let waiter = UnsafeMutablePointer<pthread_t>.allocate(capacity: 1)
        waiter.initialize(to: pthread_self())
        var signaller = pthread_t()
        pthread_create(&signaller, nil, { waiter in
            usleep(100_000)
            pthread_kill(waiter!.assumingMemoryBound(to: pthread_t.self).pointee, SIGUSR1)
            return nil
        }, waiter)
        let start = monotonicSeconds()
        echo.server.wait()
        pthread_join(signaller, nil)
        waiter.deallocate()
        #expect(monotonicSeconds() - start < 5)
        #expect(echo.stats.alive.load(ordering: .relaxed) == 0)
    }
}
