import DNSWire
import Testing

@testable import DNSZone

@Suite("Responder: routing-policy sets on the wire")
struct RoutingPolicyResponderTests {
    static let choices = [
        PolicyZone.choice("blue", weight: 1, ttl: 30, ["10.8.0.1", "10.8.0.2"]),
        PolicyZone.choice("green", weight: 1, ttl: 45, ["10.8.1.1"]),
    ]

    @Test func aWeightedSetAnswersOneChoicesRecords() throws {
        let zone = PolicyZone.zone([PolicyZone.set("pool", .weighted, Self.choices)])
        let responder = Responder(zones: ZoneSet([zone]))
        responder.random = SplitMix64(seed: 11)
        var answered: Set<String> = []
        for id in 0..<100 {
            let query = ResponderTests.query("pool", .a, id: UInt16(id))
            let reply = try Message(decoding: try #require(responder.respond(to: query)))
            #expect(reply.responseCode == .noError)
            #expect(reply.header.isAuthoritative)
            let chosen = try #require(PolicyZone.identify(reply.answers.map(\.rdata), among: Self.choices))
            let ttl = Self.choices.first { $0.identifier == chosen }!.ttl
            #expect(reply.answers.allSatisfy { $0.ttl == ttl && $0.name == TestZone.name("pool") })
            answered.insert(chosen)
        }
        #expect(answered == ["blue", "green"])
    }
}
