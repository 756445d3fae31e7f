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

    /// Run by a broadcast on a worker: points its responder at the newest set and returns the set
    /// it answered from. The worker only moves two references; the broadcast hands the old set
    /// back to the publisher, which releases it off the worker, so freeing a whole zone (a reload
    /// or a deleted zone) never stalls that worker's queries.
    func install(into responder: Responder) -> ZoneSet {
        let old = responder.zones
        responder.zones = load()
        return old
    }
}
