import Registry
import Testing

@testable import CloudMapAPI

@Suite("DiscoverInstances selection")
struct DiscoveryTests {
    static func instance(_ id: String, healthy: Bool = true, _ attributes: [String: String]) -> InstanceInfo {
        InstanceInfo(
            zone: "ecs.internal", service: "web", id: id, address: "10.0.0.1", port: nil, attributes: attributes,
            lease: nil, ttl: 60, expiresAt: nil, registeredAt: "2026-01-01T00:00:00Z", healthy: healthy, records: [])
    }

    static let fleet = [
        instance("a", ["az": "1a", "version": "v1"]), instance("b", ["az": "1b", "version": "v1"]),
        instance("c", healthy: false, ["az": "1a", "version": "v2"]),
    ]

    static func ids(
        query: [String: String] = [:], optional: [String: String] = [:], health: String? = nil, custom: Bool = true
    ) -> [String] {
        Discovery.select(fleet, query: query, optional: optional, healthStatus: health, customHealth: custom).map(\.id)
    }

    @Test func everyQueryParameterMustMatch() {
        #expect(Self.ids(query: ["az": "1a"], health: "ALL") == ["a", "c"])
        #expect(Self.ids(query: ["az": "1a", "version": "v2"], health: "ALL") == ["c"])
        #expect(Self.ids(query: ["az": "1c"], health: "ALL") == [])
        #expect(Self.ids(query: ["AWS_INSTANCE_IPV4": "10.0.0.1"], health: "ALL") == ["a", "b", "c"])
    }

    @Test func optionalParametersNarrowOnlyWhenSomethingMatchesThem() {
        #expect(Self.ids(query: ["version": "v1"], optional: ["az": "1b"]) == ["b"])
        #expect(Self.ids(query: ["version": "v1"], optional: ["az": "1z"]) == ["a", "b"])
    }

    @Test func healthFiltersServicesWithCustomHealth() {
        #expect(Self.ids() == ["a", "b"])
        #expect(Self.ids(health: "HEALTHY") == ["a", "b"])
        #expect(Self.ids(health: "UNHEALTHY") == ["c"])
        #expect(Self.ids(health: "ALL") == ["a", "b", "c"])
        #expect(Self.ids(query: ["version": "v2"], health: "HEALTHY_OR_ELSE_ALL") == ["c"])
        #expect(Self.ids(query: ["version": "v2"], health: "HEALTHY") == [])
    }

    @Test func healthIsUnknownWithoutCustomHealthUntilAnInstanceIsMarkedUnhealthy() {
        let allHealthy = Array(Self.fleet.prefix(2))
        let chosen = Discovery.select(
            allHealthy, query: [:], optional: [:], healthStatus: "UNHEALTHY", customHealth: false)
        #expect(chosen.map(\.id) == ["a", "b"])
        #expect(Health.status(Self.fleet[0], customHealth: false) == "UNKNOWN")
        // Marked unhealthy through the native API: DNS leaves it out, so discovery does too.
        #expect(Self.ids(health: "HEALTHY", custom: false) == ["a", "b"])
        #expect(Self.ids(health: "UNHEALTHY", custom: false) == ["c"])
        #expect(Health.status(Self.fleet[2], customHealth: false) == "UNHEALTHY")
        #expect(Health.status(Self.fleet[2], customHealth: true) == "UNHEALTHY")
    }
}
