import Glibc
import Synchronization

/// A value behind a pthread mutex, with a condition to wait on. Used for the start and stop
/// paths (never per query) instead of `Synchronization.Mutex`, whose futex ThreadSanitizer cannot
/// see: with Mutex every TSan run reports false races, with pthreads this module runs TSan-clean.
///
/// `@unchecked Sendable`: `value` is only touched with `mutex` held. `owner` (atomic) lets a
/// signal handler find out whether it interrupted the thread holding the lock.
final class ThreadLock<Value: Sendable>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var value: Value
    private let owner = Atomic<UInt>(0)

    init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock()
        defer { unlock() }
        return try body(&value)
    }

    /// Whether this thread holds the lock: true in a signal handler that interrupted the holder.
    var isHeldByCurrentThread: Bool { owner.load(ordering: .relaxed) == UInt(pthread_self()) }

    private func lock() {
        pthread_mutex_lock(mutex)
        owner.store(UInt(pthread_self()), ordering: .relaxed)
    }

    private func unlock() {
        owner.store(0, ordering: .relaxed)
        pthread_mutex_unlock(mutex)
    }

    /// Changes the value and wakes every `wait(until:)`.
    func update(_ body: (inout Value) -> Void) {
        withLock { value in
            body(&value)
            pthread_cond_broadcast(condition)
        }
    }

    /// Blocks until `ready` holds for the value, then returns what `body` makes of it.
    func wait<Result>(until ready: (Value) -> Bool, then body: (Value) -> Result) -> Result {
        lock()
        defer { unlock() }
        while !ready(value) {
            owner.store(0, ordering: .relaxed)
            pthread_cond_wait(condition, mutex)
            owner.store(UInt(pthread_self()), ordering: .relaxed)
        }
        return body(value)
    }
}
