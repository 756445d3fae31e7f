import DNSZone
import Synchronization

/// The newest zone set, for workers to pick up: read when a worker makes its responder and when
/// a broadcast asks it to refresh, so no worker ever goes back to an older set.
final class ZoneSetBox: Sendable {
    private let current: Mutex<ZoneSet>

    init(_ zones: ZoneSet) {
        current = Mutex(zones)
    }

    func load() -> ZoneSet { current.withLock { $0 } }

    func store(_ zones: ZoneSet) { current.withLock { $0 = zones } }
}
