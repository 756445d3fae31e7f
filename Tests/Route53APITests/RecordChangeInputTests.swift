import Foundation
import Registry
import Testing

@testable import Route53API

/// `<Change>` elements as botocore serialises them, mapped to registry changes, and what
/// Route 53 refuses before it looks at the zone, in its words.
@Suite("Route 53 changes: weighted, multivalue, alias, refusals")
struct RecordChangeInputTests {
    static let zone = "policy.test"
    static var zoneID: String { HostedZoneID.make(zone: zone) }

    typealias Shape = ChangeResourceRecordSetsRequest.RecordSetShape

    static func change(_ action: String = "CREATE", _ edit: (inout Shape) -> Void)
        -> ChangeResourceRecordSetsRequest.ChangeShape
    {
        var set = Shape(
            Name: "w.policy.test", Type: "A", TTL: 60,
            ResourceRecords: .init(ResourceRecord: [.init(Value: "10.0.0.1")]))
        edit(&set)
        return .init(Action: action, ResourceRecordSet: set)
    }

    static func map(_ change: ChangeResourceRecordSetsRequest.ChangeShape, position: Int = 1) throws -> RecordChange {
        try RecordChangeInput.recordChange(change, position: position, zone: zone)
    }

    /// The error a change is refused with: code and message.
    static func refusal(_ change: ChangeResourceRecordSetsRequest.ChangeShape) -> (code: String, message: String)? {
        do {
            _ = try map(change)
            return nil
        } catch let error as Route53Error {
            return (error.code, error.message)
        } catch {
            return ("unexpected", "\(error)")
        }
    }

    @Test func botocoreBodyDecodesIntoEveryKindOfSet() throws {
        let body = """
            <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch>\
            <Comment>c</Comment><Changes><Change><Action>CREATE</Action><ResourceRecordSet><Name>w.policy.test.</Name>\
            <Type>A</Type><SetIdentifier>blue</SetIdentifier><Weight>10</Weight><TTL>0</TTL><ResourceRecords>\
            <ResourceRecord><Value>10.0.0.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>\
            <Change><Action>UPSERT</Action><ResourceRecordSet><Name>m.policy.test.</Name><Type>A</Type>\
            <SetIdentifier>one</SetIdentifier><MultiValueAnswer>true</MultiValueAnswer><TTL>60</TTL><ResourceRecords>\
            <ResourceRecord><Value>10.0.0.2</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>\
            <Change><Action>CREATE</Action><ResourceRecordSet><Name>a.policy.test.</Name><Type>A</Type><AliasTarget>\
            <HostedZoneId>/hostedzone/\(Self.zoneID)</HostedZoneId><DNSName>w.policy.test</DNSName>\
            <EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget></ResourceRecordSet></Change></Changes>\
            </ChangeBatch></ChangeResourceRecordSetsRequest>
            """
        let request = try Route53XML.decode(ChangeResourceRecordSetsRequest.self, from: Data(body.utf8))
        let changes = try request.ChangeBatch.Changes.Change.enumerated().map { try Self.map($1, position: $0 + 1) }

        #expect(changes[0].setIdentifier == "blue" && changes[0].weight == 10 && changes[0].multiValue == nil)
        #expect(changes[0].ttl == 0 && changes[0].records == ["10.0.0.1"] && changes[0].alias == nil)
        #expect(changes[1].action == "UPSERT" && changes[1].setIdentifier == "one" && changes[1].multiValue == true)
        #expect(changes[1].weight == nil)
        #expect(changes[2].alias == AliasTarget(name: "w.policy.test.", evaluateTargetHealth: true))
        #expect(changes[2].ttl == nil && changes[2].records == nil && changes[2].setIdentifier == nil)
        #expect(changes[2].name == "a.policy.test.")
    }

    @Test func weightedAliasKeepsItsIdentifierAndWeight() throws {
        let change = try Self.map(
            Self.change {
                $0.TTL = nil
                $0.ResourceRecords = nil
                $0.SetIdentifier = "green"
                $0.Weight = 0
                $0.AliasTarget = .init(
                    HostedZoneId: Self.zoneID, DNSName: "target.policy.test.", EvaluateTargetHealth: false)
            })
        #expect(change.weight == 0 && change.setIdentifier == "green")
        #expect(change.alias == AliasTarget(name: "target.policy.test.", evaluateTargetHealth: false))
    }

    @Test func policyFieldsNeedAnIdentifierAndExactlyOnePolicy() {
        let described = "[Action=CREATE, Name=w.policy.test, Type=A, SetIdentifier=null]"
        #expect(
            Self.refusal(Self.change { $0.Weight = 5 })?.message
                == "Invalid request: Missing field 'SetIdentifier' in Change with \(described)")
        #expect(Self.refusal(Self.change { $0.MultiValueAnswer = true })?.code == "InvalidInput")

        let none = Self.refusal(Self.change { $0.SetIdentifier = "x" })
        #expect(none?.code == "InvalidInput")
        #expect(
            none?.message
                == "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, or MultiValueAnswer], "
                + "but found none in Change with [Action=CREATE, Name=w.policy.test, Type=A, SetIdentifier=x]")
        let both = Self.refusal(
            Self.change {
                $0.SetIdentifier = "x"
                $0.Weight = 1
                $0.MultiValueAnswer = true
            })
        #expect(both?.message.contains("but found more than one in Change with") == true)
        // MultiValueAnswer false is no policy at all.
        #expect(Self.refusal(Self.change { $0.MultiValueAnswer = false }) == nil)
    }

    @Test func rangesAreCheckedAsAWSValidatesThem() throws {
        let weight = Self.refusal(
            Self.change {
                $0.SetIdentifier = "x"
                $0.Weight = 256
            })
        #expect(weight?.code == "InvalidInput")
        #expect(
            weight?.message
                == "1 validation error detected: Value '256' at 'changeBatch.changes.1.member.resourceRecordSet.weight' "
                + "failed to satisfy constraint: Member must have value less than or equal to 255")
        #expect(Self.refusal(Self.change { $0.TTL = -1 })?.code == "InvalidInput")
        #expect(Self.refusal(Self.change { $0.TTL = 2_147_483_648 })?.code == "InvalidInput")
        #expect(
            Self.refusal(
                Self.change {
                    $0.SetIdentifier = String(repeating: "i", count: 129)
                    $0.Weight = 1
                })?.code == "InvalidInput")
        #expect(try Self.map(Self.change { $0.TTL = 0 }).ttl == 0)
        #expect(
            try Self.map(
                Self.change {
                    $0.SetIdentifier = String(repeating: "i", count: 128)
                    $0.Weight = 255
                }
            ).weight == 255)
    }

    @Test func aliasExcludesTTLAndRecordsAndMultivalue() {
        let alias = ChangeResourceRecordSetsRequest.AliasShape(
            HostedZoneId: Self.zoneID, DNSName: "t.policy.test", EvaluateTargetHealth: false)
        let withTTL = Self.refusal(
            Self.change {
                $0.AliasTarget = alias
                $0.ResourceRecords = nil
            })
        #expect(withTTL?.code == "InvalidInput")
        #expect(
            withTTL?.message
                == "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or "
                + "TrafficPolicyInstanceId], but found more than one in Change with "
                + "[Action=CREATE, Name=w.policy.test, Type=A, SetIdentifier=null]")
        let neither = Self.refusal(
            Self.change {
                $0.TTL = nil
                $0.ResourceRecords = nil
            })
        #expect(neither?.code == "InvalidInput" && neither?.message.contains("but found none") == true)
        let multivalue = Self.refusal(
            Self.change {
                $0.AliasTarget = alias
                $0.TTL = nil
                $0.ResourceRecords = nil
                $0.SetIdentifier = "m"
                $0.MultiValueAnswer = true
            })
        #expect(multivalue?.code == "InvalidInput")
    }

    @Test func aliasTargetsOnlyTheSameZone() {
        func aliased(zoneID: String, name: String, action: String = "CREATE")
            -> ChangeResourceRecordSetsRequest.ChangeShape
        {
            Self.change(action) {
                $0.TTL = nil
                $0.ResourceRecords = nil
                $0.AliasTarget = .init(HostedZoneId: zoneID, DNSName: name, EvaluateTargetHealth: false)
            }
        }
        let elsewhere = Self.refusal(aliased(zoneID: "Z2FDTNDATAQYW2", name: "d111.cloudfront.net"))
        #expect(elsewhere?.code == "InvalidChangeBatch")
        #expect(
            elsewhere?.message.hasPrefix(
                "Tried to create an alias that targets d111.cloudfront.net., type A in zone Z2FDTNDATAQYW2, but that target was not found"
            )
                == true)
        let outside = Self.refusal(aliased(zoneID: "/hostedzone/" + Self.zoneID, name: "www.other.test."))
        #expect(
            outside?.message
                == "Tried to create an alias that targets www.other.test., type A in zone \(Self.zoneID), "
                + "but the alias target name does not lie within the target zone")
        // A DELETE is compared with what is stored, by the registry.
        #expect(Self.refusal(aliased(zoneID: "Z2FDTNDATAQYW2", name: "x.policy.test", action: "DELETE")) == nil)
    }

    @Test(arguments: ["Region", "Failover", "HealthCheckId", "TrafficPolicyInstanceId"])
    func otherPoliciesAreRefusedByName(field: String) {
        let change = Self.change {
            $0.SetIdentifier = "x"
            switch field {
            case "Region": $0.Region = "us-east-1"
            case "Failover": $0.Failover = "PRIMARY"
            case "HealthCheckId": $0.HealthCheckId = "hc"
            default: $0.TrafficPolicyInstanceId = "tp"
            }
        }
        let refusal = Self.refusal(change)
        #expect(refusal?.code == "InvalidInput")
        #expect(refusal?.message.hasPrefix("\(field) is not supported by Shoal") == true)
    }

    @Test func geoLocationIsRefusedByNameFromXML() throws {
        let body = """
            <ChangeResourceRecordSetsRequest><ChangeBatch><Changes><Change><Action>CREATE</Action>\
            <ResourceRecordSet><Name>g.policy.test</Name><Type>A</Type><SetIdentifier>eu</SetIdentifier>\
            <GeoLocation><ContinentCode>EU</ContinentCode></GeoLocation><TTL>60</TTL><ResourceRecords><ResourceRecord>\
            <Value>10.0.0.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes>\
            </ChangeBatch></ChangeResourceRecordSetsRequest>
            """
        let request = try Route53XML.decode(ChangeResourceRecordSetsRequest.self, from: Data(body.utf8))
        #expect(
            Self.refusal(request.ChangeBatch.Changes.Change[0])?.message.hasPrefix("GeoLocation is not supported")
                == true)
    }
}
