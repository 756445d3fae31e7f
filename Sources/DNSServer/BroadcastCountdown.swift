/// Counts the workers that still have to run one broadcast job, keeps what each hands back, and
/// resumes the broadcaster when the last one has run it (or has been closed without running it).
///
/// A worker's result is moved in under the lock, so by the time the last worker resumes the
/// broadcaster no worker holds a reference to any result: whatever they hold is released by the
/// broadcaster, never on a worker thread.
final class BroadcastCountdown<Value: Sendable>: Sendable {
    private struct State: Sendable {
        var remaining: Int
        var results: [Value] = []
        var continuation: CheckedContinuation<Void, Never>?

        /// The continuation to resume when this was the last worker.
        mutating func countDown() -> CheckedContinuation<Void, Never>? {
            remaining -= 1
            guard remaining == 0 else { return nil }
            defer { continuation = nil }
            return continuation
        }
    }

    private let state: ThreadLock<State>

    init(workers: Int) {
        var initial = State(remaining: workers)
        // Room for every result up front, so workers never reallocate the array.
        initial.results.reserveCapacity(workers)
        state = ThreadLock(initial)
    }

    /// Set by the broadcaster before it posts the jobs, so no finish can come first.
    func wait(with continuation: CheckedContinuation<Void, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    /// One worker ran the job and hands `result` over.
    func finish(returning result: consuming Value) {
        var moving = Optional(consume result)
        let continuation = state.withLock { state in
            // take() leaves nil behind: the worker's last reference goes into the array here.
            state.results.append(moving.take()!)
            return state.countDown()
        }
        continuation?.resume()
    }

    /// One worker will not run the job (it never started, or it stopped).
    func finishUnrun() {
        state.withLock { $0.countDown() }?.resume()
    }

    /// What the workers handed back; called by the broadcaster once resumed.
    func takeResults() -> [Value] {
        state.withLock { state in
            defer { state.results = [] }
            return state.results
        }
    }
}
