import CLibUV
import CSyscalls
import Glibc
import Logging

/// Everything one worker thread needs, handed over through pthread_create's argument (so no
/// Sendable check applies: the thread becomes the only user of it).
final class WorkerThread {
    /// Worker threads are named this and their index, for top, perf and `DataPlanePriority`.
    static let namePrefix = "shoal-dns-"

    let index: Int
    let udp: [Int32]
    let tcp: [Int32]
    let configuration: ServerConfiguration
    let budget: ConnectionBudget
    let stopSignal: UnsafeMutablePointer<uv_async_t>
    let mailbox: WorkerMailbox
    let gate: StartGate
    let logger: Logger
    let makeResponder: () -> QueryResponder

    init(
        index: Int, udp: [Int32], tcp: [Int32], configuration: ServerConfiguration, budget: ConnectionBudget,
        stopSignal: UnsafeMutablePointer<uv_async_t>, mailbox: WorkerMailbox, gate: StartGate, logger: Logger,
        makeResponder: @escaping () -> QueryResponder
    ) {
        self.index = index
        self.udp = udp
        self.tcp = tcp
        self.configuration = configuration
        self.budget = budget
        self.stopSignal = stopSignal
        self.mailbox = mailbox
        self.gate = gate
        var logger = logger
        logger[metadataKey: "worker"] = "\(index)"
        self.logger = logger
        self.makeResponder = makeResponder
    }

    /// Starts the thread. On failure nothing was handed over: the caller still owns the sockets.
    func spawn() throws(ServerError) -> pthread_t {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let result = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<WorkerThread>.fromOpaque(context!).takeRetainedValue().main()
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<WorkerThread>.fromOpaque(context).release()
            throw ServerError(.thread, "cannot start worker thread \(index): \(String(cString: strerror(result)))")
        }
        return thread
    }

    private func main() {
        _ = cs_set_thread_name("\(Self.namePrefix)\(index)")
        blockAsynchronousSignals()

        let responder = makeResponder()
        let worker: Worker
        do {
            worker = try Worker(
                responder: responder, stopSignal: stopSignal, mailbox: mailbox, configuration: configuration,
                budget: budget, logger: logger)
        } catch {
            for fd in udp + tcp { close(fd) }
            for job in mailbox.close().unrun { job.skip() }
            gate.reportFailure(worker: index, error)
            return
        }
        do {
            try worker.open(udp: udp, tcp: tcp, backlog: configuration.tcpBacklog)
        } catch {
            worker.drain()
            gate.reportFailure(worker: index, error)
            return
        }
        gate.reportReady(worker: index)
        worker.run()
        logger.debug("worker stopped")
    }

    /// Process signals (SIGINT, SIGTERM, SIGHUP, ...) go to the application's threads, where a
    /// handler may call `stop()`, never to a worker that the handler would then wait for. SIGPIPE
    /// in particular: a write to a connection the peer has reset raises it, and it kills the
    /// process by default; blocked, the write fails with EPIPE instead. Faults stay deliverable.
    private func blockAsynchronousSignals() {
        var signals = sigset_t()
        sigfillset(&signals)
        for fault in [SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS] {
            sigdelset(&signals, fault)
        }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }
}
