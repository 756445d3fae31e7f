import CLibUV
import Glibc
import Logging

/// One event loop on one thread, with its own UDP and TCP socket per listen address. Made,
/// run and torn down on its thread; other threads reach it only through `stopSignal`
/// (`uv_async_send`). C callbacks find it through `handle.data` (unretained: the worker outlives
/// every handle, since the loop is drained before the worker is released).
final class Worker {
    static let receiveBufferSize = UDPReplyBatch.capacity * 65_536

    let loop: UnsafeMutablePointer<uv_loop_t>
    let responder: QueryResponder
    let logger: Logger
    let budget: ConnectionBudget
    let idleTimeoutMilliseconds: UInt64
    let maxTCPMessageLength: Int
    /// Owned by the server (it must outlive any `uv_async_send`); the worker only inits and closes it.
    private let stopSignal: UnsafeMutablePointer<uv_async_t>
    /// Broadcast jobs from other threads; owned by the server for the same reason.
    private let mailbox: WorkerMailbox
    /// Filled by recvmmsg; libuv 1.44 wants a multiple of 64 KiB and takes 20 datagrams at most.
    let receiveBuffer: UnsafeMutableRawPointer
    /// Behind pointers so the hot path mutates them without Swift's dynamic exclusivity checks.
    let udpReplies: UnsafeMutablePointer<UDPReplyBatch>
    let tcpReplies: UnsafeMutablePointer<TCPReplyBuffer>

    private var udpSockets: [UnsafeMutablePointer<uv_udp_t>] = []
    private var tcpListeners: [UnsafeMutablePointer<uv_tcp_t>] = []
    /// Owns the open connections; a connection leaves when both its handles have closed.
    var connections: [ObjectIdentifier: TCPConnection] = [:]
    private var stopSignalOpen = false
    private(set) var stopping = false

    init(
        responder: QueryResponder, stopSignal: UnsafeMutablePointer<uv_async_t>, mailbox: WorkerMailbox,
        configuration: ServerConfiguration, budget: ConnectionBudget, logger: Logger
    ) throws(ServerError) {
        let loop = allocateUV(uv_loop_t.self)
        let result = uv_loop_init(loop)
        guard result == 0 else {
            free(loop)
            throw ServerError(.eventLoop, "uv_loop_init failed: \(uvErrorDescription(result))")
        }
        self.loop = loop
        self.responder = responder
        self.stopSignal = stopSignal
        self.mailbox = mailbox
        self.budget = budget
        self.logger = logger
        self.idleTimeoutMilliseconds = configuration.tcpIdleTimeoutMilliseconds
        self.maxTCPMessageLength = configuration.maxTCPMessageLength
        receiveBuffer = .allocate(byteCount: Self.receiveBufferSize, alignment: 16)
        udpReplies = .allocate(capacity: 1)
        udpReplies.initialize(to: UDPReplyBatch())
        tcpReplies = .allocate(capacity: 1)
        tcpReplies.initialize(to: TCPReplyBuffer())
    }

    deinit {
        assert(connections.isEmpty && udpSockets.isEmpty && tcpListeners.isEmpty, "worker released while open")
        udpReplies.pointee.deallocate()
        udpReplies.deinitialize(count: 1)
        udpReplies.deallocate()
        tcpReplies.pointee.deallocate()
        tcpReplies.deinitialize(count: 1)
        tcpReplies.deallocate()
        receiveBuffer.deallocate()
        free(loop)
    }

    private var unretained: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Takes over the sockets bound for this worker and starts reading. On failure the caller
    /// must still `drain()`; every descriptor not yet adopted by a handle is closed here.
    func open(udp: [Int32], tcp: [Int32], backlog: Int32) throws(ServerError) {
        var unadopted = udp + tcp
        do throws(ServerError) {
            try check(uv_async_init(loop, stopSignal) { signal in Worker.from(signal!.pointee.data).shutDown() },
                "uv_async_init")
            stopSignal.pointee.data = unretained
            stopSignalOpen = true
            try check(uv_async_init(loop, mailbox.handle) { handle in Worker.from(handle!.pointee.data).runMail() },
                "uv_async_init")
            mailbox.handle.pointee.data = unretained
            run(mailbox.open())
            for fd in udp {
                try openUDP(fd, unadopted: &unadopted)
            }
            for fd in tcp {
                try openTCP(fd, backlog: backlog, unadopted: &unadopted)
            }
        } catch {
            for fd in unadopted { close(fd) }
            throw error
        }
    }

    private func openUDP(_ fd: Int32, unadopted: inout [Int32]) throws(ServerError) {
        let socket = allocateUV(uv_udp_t.self)
        let result = uv_udp_init_ex(loop, socket, UInt32(AF_UNSPEC) | UInt32(UV_UDP_RECVMMSG.rawValue))
        guard result == 0 else {
            free(socket)
            try check(result, "uv_udp_init_ex")
            return
        }
        socket.pointee.data = unretained
        udpSockets.append(socket)
        try check(uv_udp_open(socket, fd), "uv_udp_open")
        unadopted.removeAll { $0 == fd }
        try check(
            uv_udp_recv_start(
                socket,
                { handle, _, buffer in
                    Unmanaged<Worker>.fromOpaque(handle!.pointee.data)._withUnsafeGuaranteedRef {
                        buffer!.pointee.base = $0.receiveBuffer.assumingMemoryBound(to: CChar.self)
                        buffer!.pointee.len = Worker.receiveBufferSize
                    }
                },
                { socket, count, buffer, peer, flags in
                    Unmanaged<Worker>.fromOpaque(socket!.pointee.data)._withUnsafeGuaranteedRef {
                        $0.received(socket!, count: count, buffer: buffer!, from: peer, flags: flags)
                    }
                }),
            "uv_udp_recv_start")
    }

    private func openTCP(_ fd: Int32, backlog: Int32, unadopted: inout [Int32]) throws(ServerError) {
        let listener = allocateUV(uv_tcp_t.self)
        let result = uv_tcp_init(loop, listener)
        guard result == 0 else {
            free(listener)
            try check(result, "uv_tcp_init")
            return
        }
        listener.pointee.data = unretained
        tcpListeners.append(listener)
        try check(uv_tcp_open(listener, fd), "uv_tcp_open")
        unadopted.removeAll { $0 == fd }
        try check(
            uv_listen(asStream(listener), backlog) { listener, status in
                Worker.from(listener!.pointee.data).accept(from: listener!, status: status)
            },
            "uv_listen")
    }

    @inline(__always)
    static func from(_ data: UnsafeMutableRawPointer?) -> Worker {
        Unmanaged<Worker>.fromOpaque(data!).takeUnretainedValue()
    }

    /// Runs the loop until `shutDown()` has closed every handle, then closes the loop.
    func run() {
        uv_run(loop, UV_RUN_DEFAULT)
        let result = uv_loop_close(loop)
        if result != 0 {
            logger.error("worker loop did not close cleanly: \(uvErrorDescription(result))")
        }
    }

    /// Closes whatever `open` managed to set up and runs the loop until those handles are gone.
    func drain() {
        shutDown()
        run()
    }

    /// Closes every handle of this loop, so `uv_run` returns once their close callbacks ran.
    func shutDown() {
        guard !stopping else { return }
        stopping = true
        udpReplies.pointee.flush()
        if stopSignalOpen {
            stopSignalOpen = false
            uv_close(asHandle(stopSignal), nil)
        }
        let (mailboxWasOpen, unrun) = mailbox.close()
        for job in unrun { job.skip() }
        if mailboxWasOpen { uv_close(asHandle(mailbox.handle), nil) }
        for socket in udpSockets { closeAndFree(socket) }
        udpSockets.removeAll()
        for listener in tcpListeners { closeAndFree(listener) }
        tcpListeners.removeAll()
        for connection in Array(connections.values) { connection.close() }
    }

    func runMail() {
        run(mailbox.take())
    }

    private func run(_ jobs: [WorkerMailbox.Job]) {
        for job in jobs { job.run(responder) }
    }
}
