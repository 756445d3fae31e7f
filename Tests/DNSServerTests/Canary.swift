import Glibc
import Synchronization

/// Stands for a zone snapshot: it records the thread that frees it, so tests can tell whether
/// a worker (whose queries would stall while a large snapshot is freed) released it.
final class Canary: Sendable {
    let id: Int
    let log: CanaryLog

    init(_ id: Int, log: CanaryLog) {
        self.id = id
        self.log = log
    }

    deinit {
        log.record(CanaryLog.Release(id: id, thread: UInt(pthread_self())))
    }
}

/// The canaries released so far, in order.
final class CanaryLog: Sendable {
    struct Release: Sendable, Equatable {
        let id: Int
        let thread: UInt
    }

    private let entries = Mutex<[Release]>([])

    func record(_ release: Release) {
        entries.withLock { $0.append(release) }
    }

    var releases: [Release] { entries.withLock { $0 } }
}
