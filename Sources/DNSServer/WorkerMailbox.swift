import CLibUV

/// Work that other threads hand to one worker loop, run on that loop's thread with its handler
/// (how a new zone snapshot reaches every worker without a lock on the query path).
///
/// Jobs posted before the loop is up wait and run when it opens the mailbox, before it serves;
/// jobs posted after it closed are finished without running. `@unchecked Sendable`: the async
/// handle is initialised and closed by the worker's thread, and other threads only pass it to
/// `uv_async_send` (thread-safe in libuv) while the lock says it is open.
final class WorkerMailbox: @unchecked Sendable {
    struct Job: Sendable {
        /// Runs the work with the worker's handler and reports it done.
        let run: @Sendable (QueryResponder) -> Void
        /// Reports the job done without running it.
        let skip: @Sendable () -> Void
    }

    private enum Phase: Sendable {
        case pending, open, closed
    }

    private struct State: Sendable {
        var phase = Phase.pending
        var jobs: [Job] = []
    }

    private let state = ThreadLock(State())
    let handle: UnsafeMutablePointer<uv_async_t>

    init() {
        handle = .allocate(capacity: 1)
        handle.initialize(to: uv_async_t())
    }

    deinit {
        handle.deallocate()
    }

    func post(_ job: Job) {
        let accepted = state.withLock { state in
            switch state.phase {
            case .closed:
                return false
            case .pending:
                state.jobs.append(job)
            case .open:
                state.jobs.append(job)
                // Under the lock, so the worker cannot close the handle in between.
                uv_async_send(handle)
            }
            return true
        }
        if !accepted { job.skip() }
    }

    /// Called on the worker's thread once `handle` is initialised; returns the jobs that waited.
    func open() -> [Job] {
        state.withLock { state in
            guard state.phase == .pending else { return [] }
            state.phase = .open
            defer { state.jobs = [] }
            return state.jobs
        }
    }

    /// The jobs posted since the last call, for the worker's async callback.
    func take() -> [Job] {
        state.withLock { state in
            defer { state.jobs = [] }
            return state.jobs
        }
    }

    /// Stops accepting jobs; returns those that will not run, to be skipped. Idempotent.
    /// Returns whether the mailbox was open (so its handle needs closing) alongside.
    func close() -> (wasOpen: Bool, unrun: [Job]) {
        state.withLock { state in
            let wasOpen = state.phase == .open
            state.phase = .closed
            defer { state.jobs = [] }
            return (wasOpen, state.jobs)
        }
    }
}
