import Registry

/// A `<Change>` of ChangeResourceRecordSets as a registry `RecordChange`: simple, weighted
/// (SetIdentifier + Weight), multivalue (SetIdentifier + MultiValueAnswer) and alias sets.
/// What Route 53 refuses before it looks at the zone is refused here, in its words; the other
/// routing policies are refused by name.
enum RecordChangeInput {
    typealias ChangeShape = ChangeResourceRecordSetsRequest.ChangeShape

    static let actions = ["CREATE", "DELETE", "UPSERT"]
    static let maxTTL: Int64 = 2_147_483_647
    static let maxIdentifier = 128

    /// `position` counts from 1, as AWS's validation messages do; `zone` is the zone's name.
    static func recordChange(_ change: ChangeShape, position: Int, zone: String) throws -> RecordChange {
        let set = change.ResourceRecordSet
        try refuseUnsupported(set)
        guard actions.contains(change.Action) else {
            throw Route53Error.invalidInput("Invalid action '\(change.Action)': use CREATE, DELETE or UPSERT")
        }
        try checkRanges(set, path: "changeBatch.changes.\(position).member.resourceRecordSet")
        let described = describe(change)
        try checkPolicy(set, described)
        let multiValue = set.MultiValueAnswer == true
        let values = set.ResourceRecords?.ResourceRecord?.map { AbsoluteNames.value($0.Value, type: set.Type) } ?? []
        var alias: AliasTarget?
        if let target = set.AliasTarget {
            if set.TTL != nil || !values.isEmpty { throw exactlyOne("more than one", described) }
            if multiValue {
                throw Route53Error.invalidInput(
                    "Invalid request: a multivalue answer record set cannot be an alias in Change with \(described)")
            }
            alias = try aliasTarget(target, change: change, zone: zone)
        } else if values.isEmpty {
            throw exactlyOne("none", described)
        }
        return RecordChange(
            action: change.Action, name: RecordOrder.absolute(set.Name), type: set.Type,
            ttl: alias == nil ? set.TTL : nil, records: alias == nil ? values : nil, setIdentifier: set.SetIdentifier,
            weight: set.Weight, multiValue: multiValue ? true : nil, alias: alias)
    }

    /// The model's bounds, which AWS checks before anything else.
    static func checkRanges(_ set: ChangeResourceRecordSetsRequest.RecordSetShape, path: String) throws {
        if let ttl = set.TTL, !(0...maxTTL).contains(ttl) {
            throw validation("\(ttl)", at: "\(path).tTL", "value " + bound(ttl < 0, 0, maxTTL))
        }
        if let weight = set.Weight, !(0...255).contains(weight) {
            throw validation("\(weight)", at: "\(path).weight", "value " + bound(weight < 0, 0, 255))
        }
        if let identifier = set.SetIdentifier, !(1...maxIdentifier).contains(identifier.unicodeScalars.count) {
            let constraint = "length " + bound(identifier.isEmpty, 1, Int64(maxIdentifier))
            throw validation(identifier, at: "\(path).setIdentifier", constraint)
        }
    }

    /// A SetIdentifier goes with exactly one policy, and a policy with a SetIdentifier.
    /// `MultiValueAnswer` false is no policy at all.
    static func checkPolicy(_ set: ChangeResourceRecordSetsRequest.RecordSetShape, _ described: String) throws {
        let policies = (set.Weight != nil ? 1 : 0) + (set.MultiValueAnswer == true ? 1 : 0)
        guard set.SetIdentifier != nil else {
            if policies == 0 { return }
            throw Route53Error.invalidInput(
                "Invalid request: Missing field 'SetIdentifier' in Change with \(described)")
        }
        guard policies != 1 else { return }
        throw Route53Error.invalidInput(
            "Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, or MultiValueAnswer], "
                + "but found \(policies == 0 ? "none" : "more than one") in Change with \(described)")
    }

    /// Routing policies and features Shoal does not have, by name.
    static func refuseUnsupported(_ set: ChangeResourceRecordSetsRequest.RecordSetShape) throws {
        let unsupported: [(String, Bool)] = [
            ("Region", set.Region != nil), ("Failover", set.Failover != nil),
            ("GeoLocation", set.GeoLocation != nil), ("GeoProximityLocation", set.GeoProximityLocation != nil),
            ("CidrRoutingConfig", set.CidrRoutingConfig != nil), ("HealthCheckId", set.HealthCheckId != nil),
            ("TrafficPolicyInstanceId", set.TrafficPolicyInstanceId != nil),
        ]
        if let field = unsupported.first(where: \.1) {
            throw Route53Error.invalidInput(
                "\(field.0) is not supported by Shoal: simple, weighted, multivalue answer and alias record sets only")
        }
    }

    /// Only a target in the set's own zone: the id must be the zone's and the name inside it.
    /// A DELETE is left to the registry, which compares it with what is stored.
    static func aliasTarget(_ target: ChangeResourceRecordSetsRequest.AliasShape, change: ChangeShape, zone: String)
        throws -> AliasTarget
    {
        let name = RecordOrder.absolute(target.DNSName)
        let zoneID = HostedZoneID.make(zone: zone)
        let targetZone = HostedZoneID.bare(target.HostedZoneId)
        let type = change.ResourceRecordSet.Type.uppercased()
        let prefix = "Tried to create an alias that targets \(name.lowercased()), type \(type) in zone \(targetZone)"
        if change.Action != "DELETE" {
            if targetZone != zoneID {
                throw Route53Error.invalidChangeBatch(
                    "\(prefix), but that target was not found: Shoal answers aliases only to record sets in the same "
                        + "hosted zone (\(zoneID))")
            }
            if !RecordOrder.key(name).starts(with: RecordOrder.key(zone)) {
                throw Route53Error.invalidChangeBatch(
                    "\(prefix), but the alias target name does not lie within the target zone")
            }
        }
        return AliasTarget(name: name, evaluateTargetHealth: target.EvaluateTargetHealth)
    }

    /// `[Action=CREATE, Name=www.example.com, Type=A, SetIdentifier=null]`, as AWS names a change.
    static func describe(_ change: ChangeShape) -> String {
        let set = change.ResourceRecordSet
        let identifier = set.SetIdentifier ?? "null"
        return "[Action=\(change.Action), Name=\(set.Name), Type=\(set.Type), SetIdentifier=\(identifier)]"
    }

    static func exactlyOne(_ found: String, _ described: String) -> Route53Error {
        Route53Error.invalidInput(
            "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or "
                + "TrafficPolicyInstanceId], but found \(found) in Change with \(described)")
    }

    static func validation(_ value: String, at path: String, _ constraint: String) -> Route53Error {
        Route53Error.invalidInput(
            "1 validation error detected: Value '\(value)' at '\(path)' failed to satisfy constraint: "
                + "Member must have \(constraint)")
    }

    static func bound(_ below: Bool, _ low: Int64, _ high: Int64) -> String {
        below ? "greater than or equal to \(low)" : "less than or equal to \(high)"
    }
}
