import CAllocationCounter
import CRetainCounter
import DNSWire
import DNSZone
import Glibc
import HotPathMix

// The hot path as it ships (a release build): 10,000 common queries per rrset order, on the zone
// as built and after a change (its lookups then also read the changes since the build), must
// allocate nothing and count no references. A control first proves the counters count there:
// an ANY query takes the general path, which does both.
let rounds = 10_000
var failures: [String] = []

let control = Responder(zones: ZoneSet([ServiceZone.zone]))
let any = ServiceZone.query("web", RRType(rawValue: 255))
_ = control.respond(to: any)
retain_counter_start()
allocation_counter_start()
let controlReply = control.respond(to: any)
let controlHeap = allocation_counter_stop()
let controlReferences = retain_counter_stop()
print(
    "control (ANY, general path): \(controlHeap.allocations) allocations, \(controlReferences.retains) retains,"
        + " \(controlReferences.releases) releases")
if controlReply == nil || controlHeap.allocations == 0 || controlReferences.retains == 0 {
    failures.append("the control query was not counted: the counters do not work in this build")
}

for (built, zone) in [("as built", ServiceZone.zone), ("after a change", ServiceZone.changedZone)] {
    for order in RRsetOrder.allCases {
        let responder = Responder(zones: ZoneSet([zone]), configuration: .init(rrsetOrder: order))
        var references = retain_count()
        let counts = HotPathMix.measure(
            responder, rounds: rounds, start: { retain_counter_start() }, stop: { references = retain_counter_stop() })
        print(
            "\(built), \(order): \(rounds) queries, \(counts.replyBytes) reply octets: \(counts.allocations) allocations,"
                + " \(counts.frees) frees, \(references.retains) retains, \(references.releases) releases")
        if !counts.wrongReplies.isEmpty {
            failures.append("\(built), \(order): wrong replies to mix entries \(counts.wrongReplies)")
        }
        if counts.allocations + counts.frees + references.retains + references.releases != 0 {
            failures.append("\(built), \(order): the hot path allocated or counted references")
        }
        if counts.replyBytes < rounds * 12 { failures.append("\(built), \(order): replies too short") }
    }
}

if failures.isEmpty {
    print("hot path check passed")
} else {
    for failure in failures { print("FAILED: \(failure)") }
    exit(1)
}
