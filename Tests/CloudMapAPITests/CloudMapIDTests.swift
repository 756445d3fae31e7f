import Testing

@testable import CloudMapAPI

@Suite("Cloud Map ids and ARNs")
struct CloudMapIDTests {
    @Test func namespaceAndServiceIdsAreStableAndShapedLikeCloudMaps() {
        let namespace = CloudMapID.namespace(zone: "ecs.internal")
        #expect(namespace == CloudMapID.namespace(zone: "ECS.Internal."))
        #expect(namespace != CloudMapID.namespace(zone: "ecs.internal2"))
        #expect(namespace.hasPrefix("ns-") && namespace.count == 19)
        #expect(namespace.dropFirst(3).allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
        let service = CloudMapID.service(zone: "ecs.internal", name: "web")
        #expect(service.hasPrefix("srv-") && service.count == 20)
        #expect(service == CloudMapID.service(zone: "ecs.internal.", name: "WEB"))
        #expect(service != CloudMapID.service(zone: "ecs.internal", name: "api"))
        // Pinned: an id must never change between releases, or clients lose their namespaces.
        #expect(namespace == "ns-jl6ga2q7wyxlaycg")
        #expect(service == "srv-zk563ndfmhztbx5o")
    }

    @Test func arnsAreAcceptedWhereIdsAre() {
        let arn = CloudMapID.namespaceARN("ns-abc", region: "eu-west-1")
        #expect(arn == "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-abc")
        #expect(CloudMapID.bare(arn) == "ns-abc")
        #expect(CloudMapID.bare("srv-xyz") == "srv-xyz")
    }
}
