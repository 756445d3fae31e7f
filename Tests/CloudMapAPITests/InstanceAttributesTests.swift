import Registry
import Testing

@testable import CloudMapAPI

@Suite("Instance attributes ↔ registrations")
struct InstanceAttributesTests {
    static func instance(
        address: String? = "10.0.0.1", ipv6: String? = nil, port: Int? = nil, healthy: Bool = true,
        attributes: [String: String] = [:]
    ) -> InstanceInfo {
        InstanceInfo(
            zone: "ecs.internal", service: "web", id: "task1", address: address, ipv6: ipv6, port: port,
            attributes: attributes, lease: nil, ttl: 60, expiresAt: nil, registeredAt: "2026-01-01T00:00:00Z",
            healthy: healthy, records: [])
    }

    @Test func awsAttributesBecomeTheRegistrationsFieldsAndAllAreKept() throws {
        let given = [
            "AWS_INSTANCE_IPV4": "10.0.0.7", "AWS_INSTANCE_IPV6": "2001:db8::7", "AWS_INSTANCE_PORT": "8080",
            "AWS_INSTANCE_CNAME": "lb.example.com", "stage": "blue",
        ]
        let registration = try InstanceAttributes.registration(given, customHealth: false)
        #expect(registration.address == "10.0.0.7")
        #expect(registration.ipv6 == "2001:db8::7")
        #expect(registration.port == 8080)
        #expect(registration.cname == "lb.example.com")
        #expect(registration.attributes == given)
        #expect(registration.healthy == nil)
    }

    @Test func initialHealthCountsOnlyWithCustomHealth() throws {
        let given = ["AWS_INSTANCE_IPV4": "10.0.0.7", "AWS_INIT_HEALTH_STATUS": "UNHEALTHY"]
        #expect(try InstanceAttributes.registration(given, customHealth: true).healthy == false)
        #expect(try InstanceAttributes.registration(given, customHealth: false).healthy == nil)
    }

    @Test(arguments: [
        ["AWS_INSTANCE_IPV4": "2001:db8::1"], ["AWS_INSTANCE_IPV6": "10.0.0.1"], ["AWS_INSTANCE_PORT": "http"],
        ["AWS_INSTANCE_PORT": "70000"], ["AWS_ALIAS_DNS_NAME": "lb.elb.amazonaws.com"],
        ["AWS_EC2_INSTANCE_ID": "i-123"], ["AWS_INIT_HEALTH_STATUS": "SICK"],
    ])
    func refusedAttributesAreInvalidInputNamingTheKey(attributes: [String: String]) {
        do {
            _ = try InstanceAttributes.registration(attributes, customHealth: true)
            Issue.record("accepted \(attributes)")
        } catch {
            #expect(error.code == "InvalidInput")
            #expect(error.message.contains(attributes.keys.first!))
        }
    }

    @Test func anInstanceRegisteredElsewhereShowsItsAddressesUnderTheAWSKeys() {
        let shown = InstanceAttributes.shown(Self.instance(ipv6: "2001:db8::1", port: 443, attributes: ["a": "b"]))
        #expect(
            shown == [
                "AWS_INSTANCE_IPV4": "10.0.0.1", "AWS_INSTANCE_IPV6": "2001:db8::1", "AWS_INSTANCE_PORT": "443",
                "a": "b",
            ])
        let v6Only = InstanceAttributes.shown(Self.instance(address: "2001:db8::2"))
        #expect(v6Only == ["AWS_INSTANCE_IPV6": "2001:db8::2"])
    }

    @Test func attributesAsGivenAreShownAsGiven() {
        let given = ["AWS_INSTANCE_IPV6": "2001:0db8:0000::0001"]
        let shown = InstanceAttributes.shown(Self.instance(address: nil, ipv6: "2001:db8::1", attributes: given))
        #expect(shown == given)
    }
}
