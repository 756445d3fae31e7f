/// Where worker threads report whether their loop came up, so `start()` returns (or throws the
/// first error) only once every worker is serving. Used at start only.
final class StartGate: Sendable {
    private struct Reports: Sendable {
        var ready: [Int] = []
        var failures: [Int: ServerError] = [:]
        var count: Int { ready.count + failures.count }
    }

    private let reports = ThreadLock(Reports())

    func reportReady(worker: Int) {
        reports.update { $0.ready.append(worker) }
    }

    func reportFailure(worker: Int, _ error: ServerError) {
        reports.update { $0.failures[worker] = error }
    }

    /// Waits for `count` reports; returns the workers that came up and the first failure by index.
    func wait(for count: Int) -> (ready: [Int], failure: ServerError?) {
        reports.wait(until: { $0.count >= count }) { reports in
            (reports.ready, reports.failures.keys.min().map { reports.failures[$0]! })
        }
    }
}
