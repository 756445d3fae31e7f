import Glibc
import Logging

/// An authoritative DNS server's network layer: N worker threads, each with its own libuv loop
/// and its own SO_REUSEPORT UDP and TCP socket per listen address, answering with a `Handler`
/// that each worker makes for itself on its own thread.
///
/// Generic over the handler so that a query costs no existential dispatch.
public final class DNSServer<Handler: DNSHandler>: Sendable {
    public let configuration: ServerConfiguration
    private let logger: Logger
    private let makeHandler: @Sendable () -> Handler
    private let stopSignal: StopSignal
    private let mailboxes: [WorkerMailbox]
    /// Held by `start()` while it launches and by `wait()` while it joins, so a `wait()` that
    /// races a `start()` joins the threads that start made.
    private let threads = ThreadLock<[pthread_t]>([])
    private let bound = ThreadLock<[ListenAddress]>([])

    public init(
        configuration: ServerConfiguration, logger: Logger, makeHandler: @escaping @Sendable () -> Handler
    ) {
        self.configuration = configuration
        self.logger = logger
        self.makeHandler = makeHandler
        self.stopSignal = StopSignal(workers: configuration.workers)
        self.mailboxes = (0..<max(1, configuration.workers)).map { _ in WorkerMailbox() }
    }

    deinit {
        stop()
    }

    /// The addresses bound by `start()`, with ports chosen by the kernel filled in; empty before.
    public var boundAddresses: [ListenAddress] { bound.withLock { $0 } }

    /// Binds every socket on the calling thread (so "address in use" is thrown here, naming the
    /// address), then starts the workers and returns once all of them are serving.
    public func start() throws(ServerError) {
        try configuration.validate()
        guard stopSignal.beginStart() else {
            throw ServerError(.alreadyStarted, "the DNS server was already started or stopped")
        }
        do throws(ServerError) {
            try threads.withLock { (threads: inout [pthread_t]) throws(ServerError) in
                threads = try launchWorkers()
            }
        } catch {
            stopSignal.abortStart()
            closeMailboxes()
            throw error
        }
        for address in boundAddresses {
            logger.info("listening on \(address) (udp, tcp)")
        }
        stopSignal.finishStart()
    }

    /// Asks every worker to close its sockets and connections and return, and returns at once:
    /// an atomic exchange and one `uv_async_send` per loop, all async-signal-safe.
    public func requestStop() {
        stopSignal.requestStop()
    }

    /// Stops the workers: each loop closes its sockets and connections and returns, and their
    /// threads are joined before this returns. Thread-safe and idempotent. In a signal handler
    /// that interrupted `wait()` or `start()` it only requests the stop (joining there would
    /// deadlock); the interrupted call finishes the job. Workers block asynchronous signals, so a
    /// handler never runs on one. A handler (`DNSHandler`) must not call it: it would join itself.
    public func stop() {
        requestStop()
        if threads.isHeldByCurrentThread { return }
        wait()
    }

    /// Blocks until every worker thread has exited (after a stop); returns at once if none runs.
    public func wait() {
        threads.withLock { threads in
            for thread in threads { pthread_join(thread, nil) }
            threads.removeAll()
        }
        closeMailboxes()
    }

    /// Runs `body` with each worker's handler on that worker's thread, between batches of
    /// queries, and returns once every worker has run it: after the return, every answer comes
    /// from a handler that `body` has seen. Workers not yet serving run it before they serve;
    /// after a stop it returns without running.
    ///
    /// Returns what `body` returned on each worker, and those values are released by the caller,
    /// never on a worker. That is how a handler's state is replaced without stalling queries:
    /// `body` swaps a reference (O(1)) and returns the old one, so freeing an old snapshot of a
    /// million records happens on the publishing task, after every worker has moved on. (A
    /// worker releases its handler, and what that still holds, itself: after it has stopped.)
    @discardableResult
    public func broadcast<Value: Sendable>(_ body: @escaping @Sendable (Handler) -> Value) async -> [Value] {
        let countdown = BroadcastCountdown<Value>(workers: mailboxes.count)
        await withCheckedContinuation { continuation in
            countdown.wait(with: continuation)
            let job = WorkerMailbox.Job(
                run: { responder in
                    let handler = unsafeDowncast(responder, to: HandlerAdapter<Handler>.self).handler
                    countdown.finish(returning: body(handler))
                },
                skip: { countdown.finishUnrun() })
            for mailbox in mailboxes { mailbox.post(job) }
        }
        return countdown.takeResults()
    }

    /// Finishes jobs that no worker will run (a worker that never started, or the server stopped).
    private func closeMailboxes() {
        for mailbox in mailboxes {
            for job in mailbox.close().unrun { job.skip() }
        }
    }

    private func launchWorkers() throws(ServerError) -> [pthread_t] {
        let workers = configuration.workers
        let sockets = try ListenSockets.bind(configuration.listen, workers: workers, backlog: configuration.tcpBacklog)
        let budget = ConnectionBudget(limit: configuration.maxTCPConnections)
        let gate = StartGate()
        let makeHandler = self.makeHandler
        var threads: [pthread_t] = []
        var spawnFailure: ServerError?
        for index in 0..<workers {
            let thread = WorkerThread(
                index: index, udp: sockets.udp[index], tcp: sockets.tcp[index], configuration: configuration,
                budget: budget, stopSignal: stopSignal.handles + index, mailbox: mailboxes[index], gate: gate,
                logger: logger,
                makeResponder: { HandlerAdapter(makeHandler()) })
            do throws(ServerError) {
                threads.append(try thread.spawn())
            } catch {
                // This worker's sockets and the later ones' were never handed to a thread.
                for later in index..<workers {
                    for fd in sockets.udp[later] + sockets.tcp[later] { close(fd) }
                }
                spawnFailure = error
                break
            }
        }
        let (ready, failure) = gate.wait(for: threads.count)
        if let error = spawnFailure ?? failure {
            stopSignal.signal(workers: ready)
            for thread in threads { pthread_join(thread, nil) }
            throw error
        }
        bound.withLock { $0 = sockets.bound }
        return threads
    }
}
