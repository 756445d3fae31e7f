import CLibUV
import Synchronization

/// How other threads stop the workers: an atomic state and one `uv_async_t` per worker loop.
/// `requestStop()` is one atomic exchange plus at most one `uv_async_send` per loop, all
/// async-signal-safe, so it may run in a signal handler.
///
/// `@unchecked Sendable`: the async handles are initialised and closed by their own worker
/// threads; other threads only pass them to `uv_async_send`, which libuv makes thread-safe. Each
/// handle is sent to at most once per run (the state machine below), and always before its loop
/// can have closed it, because only that send makes the loop close it. The memory stays here, so
/// it outlives the loops.
final class StopSignal: @unchecked Sendable {
    private enum State: Int {
        case idle, starting, running, stopped
    }

    private let state = Atomic<Int>(State.idle.rawValue)
    let handles: UnsafeMutablePointer<uv_async_t>
    let count: Int

    init(workers: Int) {
        count = max(1, workers)
        handles = .allocate(capacity: count)
        handles.initialize(repeating: uv_async_t(), count: count)
    }

    deinit {
        handles.deallocate()
    }

    /// idle -> starting; false if the server already started or was stopped.
    func beginStart() -> Bool {
        state.compareExchange(expected: State.idle.rawValue, desired: State.starting.rawValue,
            ordering: .sequentiallyConsistent).exchanged
    }

    /// starting -> idle after a failed start (a stop requested meanwhile stays).
    func abortStart() {
        _ = state.compareExchange(expected: State.starting.rawValue, desired: State.idle.rawValue,
            ordering: .sequentiallyConsistent)
    }

    /// starting -> running once every worker loop is up. If a stop was requested while starting,
    /// nobody has signalled the loops yet, so this does.
    func finishStart() {
        let (exchanged, _) = state.compareExchange(
            expected: State.starting.rawValue, desired: State.running.rawValue, ordering: .sequentiallyConsistent)
        if !exchanged { signal(workers: 0..<count) }
    }

    func requestStop() {
        let previous = state.exchange(State.stopped.rawValue, ordering: .sequentiallyConsistent)
        if previous == State.running.rawValue { signal(workers: 0..<count) }
    }

    /// Wakes the given loops; each closes its handles and returns from `uv_run`.
    func signal<Workers: Sequence<Int>>(workers: Workers) {
        for index in workers { uv_async_send(handles + index) }
    }
}
