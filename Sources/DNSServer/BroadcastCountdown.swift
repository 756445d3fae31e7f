/// Counts the workers that still have to run one broadcast job, and resumes the broadcaster
/// when the last one has (or has been closed without running it).
final class BroadcastCountdown: Sendable {
    private struct State: Sendable {
        var remaining: Int
        var continuation: CheckedContinuation<Void, Never>?
    }

    private let state: ThreadLock<State>

    init(workers: Int, continuation: CheckedContinuation<Void, Never>) {
        state = ThreadLock(State(remaining: workers, continuation: continuation))
    }

    func finish() {
        let continuation: CheckedContinuation<Void, Never>? = state.withLock { state in
            state.remaining -= 1
            guard state.remaining == 0 else { return nil }
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }
}
