import Foundation
import Registry
import Testing

@testable import Route53API

/// Hosted zones as Route 53 shows them, from the zone metadata CreateHostedZone and Cloud Map
/// store; zones without metadata keep their old look.
@Suite("Route 53 hosted zones from zone metadata")
struct HostedZoneShapeTests {
    static func zone(_ metadata: [String: String], createdAt: String? = "2024-05-01T10:00:00Z") -> ZoneInfo {
        let soa = SOAInfo(
            primary: "ns1.z.test.", mailbox: "hostmaster.z.test.", serial: 1, refresh: 3600, retry: 600, expire: 86400,
            minimum: 60, ttl: 60)
        return ZoneInfo(
            name: "z.test", kind: "managed", serial: 7, recordCount: 2, nameServers: ["ns1.z.test."], soa: soa,
            comment: "c", createdAt: createdAt, metadata: metadata, changeId: "CABCDEFGHIJKLM")
    }

    @Test func privateZoneKeepsItsReferenceAndVPCs() throws {
        let vpcs = [VPCShape(VPCRegion: "eu-west-1", VPCId: "vpc-1"), VPCShape(VPCRegion: nil, VPCId: "vpc-2")]
        let metadata = HostedZoneMetadata.make(callerReference: "ref-1", privateZone: true, vpcs: vpcs)
        #expect(metadata["route53.callerReference"] == "ref-1" && metadata["route53.private"] == "true")
        #expect(metadata["route53.vpcs"] == #"[{"VPCId":"vpc-1","VPCRegion":"eu-west-1"},{"VPCId":"vpc-2"}]"#)

        let info = Self.zone(metadata)
        let shape = HostedZoneShape(info, recordSetCount: 2)
        #expect(shape.CallerReference == "ref-1" && shape.Config.PrivateZone && shape.Config.Comment == "c")
        #expect(shape.LinkedService == nil && shape.Id == "/hostedzone/\(HostedZoneID.make(zone: "z.test"))")
        #expect(GetHostedZoneResponse.VPCList(info)?.VPC == vpcs)

        let response = GetHostedZoneResponse(
            HostedZone: shape, DelegationSet: DelegationSetShape(info), VPCs: GetHostedZoneResponse.VPCList(info))
        let xml = String(decoding: try Route53XML.encode(response, root: "GetHostedZoneResponse"), as: UTF8.self)
        #expect(
            xml.contains(
                "<VPCs><VPC><VPCRegion>eu-west-1</VPCRegion><VPCId>vpc-1</VPCId></VPC><VPC><VPCId>vpc-2</VPCId></VPC></VPCs>"
            ))
        #expect(xml.contains("<Config><Comment>c</Comment><PrivateZone>true</PrivateZone></Config>"))
    }

    @Test func zonesWithoutMetadataLookAsBefore() throws {
        let info = Self.zone([:])
        let shape = HostedZoneShape(info, recordSetCount: 3)
        #expect(shape.CallerReference == "2024-05-01T10:00:00Z" && !shape.Config.PrivateZone)
        #expect(HostedZoneShape(Self.zone([:], createdAt: nil), recordSetCount: 0).CallerReference == "z.test")
        #expect(GetHostedZoneResponse.VPCList(info) == nil)
        let xml = String(decoding: try Route53XML.encode(shape, root: "HostedZone"), as: UTF8.self)
        #expect(!xml.contains("LinkedService") && xml.contains("<ResourceRecordSetCount>3</ResourceRecordSetCount>"))
    }

    @Test func cloudMapZonesAreLinkedToServiceDiscovery() throws {
        var metadata = HostedZoneMetadata.make(callerReference: "ns-req", privateZone: true, vpcs: [])
        metadata["cloudmap.namespaceType"] = "DNS_PRIVATE"
        let unnamed = HostedZoneShape(Self.zone(metadata), recordSetCount: 2)
        #expect(unnamed.LinkedService?.ServicePrincipal == "servicediscovery.amazonaws.com")
        #expect(unnamed.LinkedService?.Description == nil)

        let arn = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc"
        metadata["cloudmap.namespaceArn"] = arn
        let shape = HostedZoneShape(Self.zone(metadata), recordSetCount: 2)
        let xml = String(decoding: try Route53XML.encode(shape, root: "HostedZone"), as: UTF8.self)
        #expect(
            xml.contains(
                "<LinkedService><ServicePrincipal>servicediscovery.amazonaws.com</ServicePrincipal>"
                    + "<Description>\(arn)</Description></LinkedService>"))
        // Another writer's unreadable VPC list lists no VPCs rather than failing.
        #expect(HostedZoneMetadata.vpcs(["route53.vpcs": "not json"]).isEmpty)
    }

    @Test func zoneChangesCarryTheRegistrysChangeId() {
        let shape = Route53Handlers.zoneChange(Self.zone([:]))
        #expect(shape.Id == "/change/CABCDEFGHIJKLM" && shape.Status == "INSYNC" && shape.Comment == nil)
        #expect(shape.SubmittedAt == "2024-05-01T10:00:00Z")
    }

    @Test func privateZonesFilterByType() throws {
        let zones = [
            Self.zone([:]), Self.zone(HostedZoneMetadata.make(callerReference: "r", privateZone: true, vpcs: [])),
        ]
        #expect(try Route53Handlers.filter(zones, type: nil).count == 2)
        #expect(try Route53Handlers.filter(zones, type: "PrivateHostedZone").count == 1)
        #expect(throws: Route53Error.self) { try Route53Handlers.filter(zones, type: "PublicHostedZone") }
    }
}
