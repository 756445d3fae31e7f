import Registry

/// Response shapes of botocore's route53 model. Lists are wrapper structs holding an array
/// under the member's element name (`<NameServers><NameServer>...`).
struct HostedZoneShape: Encodable {
    struct ZoneConfig: Encodable {
        var Comment: String?
        var PrivateZone: Bool
    }
    /// Set on zones another AWS service manages (Cloud Map's namespaces).
    struct LinkedServiceShape: Encodable {
        var ServicePrincipal: String
        var Description: String?
    }
    var Id: String
    var Name: String
    var CallerReference: String
    var Config: ZoneConfig
    var ResourceRecordSetCount: Int
    var LinkedService: LinkedServiceShape?
}

struct ChangeInfoShape: Encodable {
    var Id: String
    var Status: String
    var SubmittedAt: String
    var Comment: String?

    /// Shoal answers only once the change is served, so every change is INSYNC.
    init(_ info: ChangeInfo) {
        Id = "/change/\(info.changeId)"
        Status = "INSYNC"
        SubmittedAt = info.submittedAt
        Comment = info.comment
    }
}

struct DelegationSetShape: Encodable {
    struct NameServerList: Encodable { var NameServer: [String] }
    var NameServers: NameServerList

    init(_ zone: ZoneInfo) {
        NameServers = NameServerList(
            NameServer: zone.nameServers.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 })
    }
}

struct CreateHostedZoneResponse: Encodable {
    var HostedZone: HostedZoneShape
    var ChangeInfo: ChangeInfoShape
    var DelegationSet: DelegationSetShape
    var VPC: VPCShape?
}

struct GetHostedZoneResponse: Encodable {
    struct VPCList: Encodable { var VPC: [VPCShape] }
    var HostedZone: HostedZoneShape
    var DelegationSet: DelegationSetShape
    /// Private zones only (the model's list has at least one member).
    var VPCs: VPCList?
}

struct HostedZoneList: Encodable {
    var HostedZone: [HostedZoneShape]
}

struct ListHostedZonesResponse: Encodable {
    var HostedZones: HostedZoneList
    var Marker: String?
    var IsTruncated: Bool
    var NextMarker: String?
    var MaxItems: String
}

struct ListHostedZonesByNameResponse: Encodable {
    var HostedZones: HostedZoneList
    var DNSName: String?
    var HostedZoneId: String?
    var IsTruncated: Bool
    var NextDNSName: String?
    var NextHostedZoneId: String?
    var MaxItems: String
}

struct ChangeInfoResponse: Encodable {
    var ChangeInfo: ChangeInfoShape
}

/// One set, or one choice of a routing-policy group, as Route 53 lists it: an alias has
/// `AliasTarget` and neither TTL nor records.
struct ResourceRecordSetShape: Encodable {
    struct RecordList: Encodable { var ResourceRecord: [RecordValue] }
    struct RecordValue: Encodable { var Value: String }
    struct AliasTargetShape: Encodable {
        var HostedZoneId: String
        var DNSName: String
        var EvaluateTargetHealth: Bool
    }
    var Name: String
    var `Type`: String
    var SetIdentifier: String?
    var Weight: UInt32?
    var MultiValueAnswer: Bool?
    var TTL: UInt32?
    var ResourceRecords: RecordList?
    var AliasTarget: AliasTargetShape?

    /// `zoneID` is the set's own hosted zone: an alias targets a name in that zone.
    init(_ set: RecordSetInfo, zoneID: String) {
        Name = set.name
        Type = set.type
        SetIdentifier = set.setIdentifier
        Weight = set.weight
        MultiValueAnswer = set.multiValue == true ? true : nil
        if let alias = set.alias {
            AliasTarget = AliasTargetShape(
                HostedZoneId: zoneID, DNSName: RecordOrder.absolute(alias.name),
                EvaluateTargetHealth: alias.evaluateTargetHealth ?? false)
        } else {
            TTL = set.ttl
            ResourceRecords = RecordList(ResourceRecord: set.records.map { RecordValue(Value: $0) })
        }
    }
}

struct ListResourceRecordSetsResponse: Encodable {
    struct SetList: Encodable { var ResourceRecordSet: [ResourceRecordSetShape] }
    var ResourceRecordSets: SetList
    var IsTruncated: Bool
    var NextRecordName: String?
    var NextRecordType: String?
    var NextRecordIdentifier: String?
    var MaxItems: String
}
