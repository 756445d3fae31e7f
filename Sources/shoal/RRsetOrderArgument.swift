import ArgumentParser
import DNSZone

/// `--rrset-order` values.
enum RRsetOrderArgument: String, ExpressibleByArgument, CaseIterable {
    case rotate, random, fixed

    var order: RRsetOrder { RRsetOrder(rawValue: rawValue)! }
}
