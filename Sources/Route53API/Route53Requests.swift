/// Request bodies, named and nested as in botocore's route53 model (service-2.json), so that
/// XMLCoder maps elements to properties one to one. Properties keep the model's capitalised
/// names (`VPCId`, `TTL`) on purpose: no key strategy maps those back and forth.
struct CreateHostedZoneRequest: Decodable {
    struct ZoneConfig: Decodable {
        var Comment: String?
        var PrivateZone: Bool?
    }
    var Name: String
    var CallerReference: String
    var HostedZoneConfig: ZoneConfig?
    var VPC: VPCShape?
    var DelegationSetId: String?
}

struct ChangeResourceRecordSetsRequest: Decodable {
    struct BatchShape: Decodable {
        var Comment: String?
        var Changes: ChangeListShape
    }
    struct ChangeListShape: Decodable {
        var Change: [ChangeShape]
    }
    struct ChangeShape: Decodable {
        var Action: String
        var ResourceRecordSet: RecordSetShape
    }
    /// Simple, weighted, multivalue and alias sets; the other routing-policy fields are
    /// decoded to refuse them by name.
    struct RecordSetShape: Decodable {
        var Name: String
        var `Type`: String
        var TTL: Int64?
        var ResourceRecords: RecordList?
        var SetIdentifier: String?
        var Weight: Int64?
        var Region: String?
        var Failover: String?
        var MultiValueAnswer: Bool?
        var HealthCheckId: String?
        var TrafficPolicyInstanceId: String?
        var AliasTarget: AliasShape?
        var GeoLocation: PresentShape?
        var CidrRoutingConfig: PresentShape?
        var GeoProximityLocation: PresentShape?
    }
    struct RecordList: Decodable {
        var ResourceRecord: [RecordValue]?
    }
    struct RecordValue: Decodable {
        var Value: String
    }
    struct AliasShape: Decodable {
        var HostedZoneId: String
        var DNSName: String
        var EvaluateTargetHealth: Bool?
    }
    /// An element only refused by name: its content is not read.
    struct PresentShape: Decodable {
        init(from decoder: any Decoder) throws {}
    }
    var ChangeBatch: BatchShape
}
