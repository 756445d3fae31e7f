import DNSWire
import Hummingbird
import Registry

/// ChangeResourceRecordSets and ListResourceRecordSets over `Registry.applyChanges` and
/// `Registry.recordSets`.
extension Route53Handlers {
    static let defaultRecordPage = 300

    func changeResourceRecordSets(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await Route53Error.catching {
            let info = try await zone(context)
            let body = try await Route53XML.decode(ChangeResourceRecordSetsRequest.self, from: request)
            let changes = try body.ChangeBatch.Changes.Change.map(Self.recordChange)
            let change: ChangeInfo
            do {
                change = try await registry.applyChanges(
                    zone: info.name, changes: changes, comment: body.ChangeBatch.Comment)
            } catch {
                throw Self.batchError(error, changes: changes, zone: info.name)
            }
            return Route53XML.response(
                ChangeInfoResponse(ChangeInfo: ChangeInfoShape(change)), root: "ChangeResourceRecordSetsResponse")
        }
    }

    /// Sets from `name`/`type` on, in Route 53's order, at most `maxitems` (300 at most).
    func listResourceRecordSets(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await Route53Error.catching {
            let info = try await zone(context)
            let query = request.uri.queryParameters
            let maxItems = try Self.maxItems(query.get("maxitems"), default: Self.defaultRecordPage, limit: 300)
            let name = query.get("name")
            let type = query.get("type")
            if type != nil && name == nil { throw Route53Error.invalidInput("type requires name") }
            if let type, RRType(mnemonic: type) == nil {
                throw Route53Error.invalidInput("Invalid type '\(type)'")
            }
            let sets = try await allSets(info.name)
                .map { (key: (RecordOrder.key($0.name), $0.type), set: $0) }
                .sorted { RecordOrder.less($0.key, $1.key) }
            var start = 0
            if let name {
                let from = (RecordOrder.key(name), type?.uppercased() ?? "")
                start = sets.firstIndex { !RecordOrder.less($0.key, from) } ?? sets.count
            }
            let page = sets[start...].prefix(maxItems)
            let next = start + page.count < sets.count ? sets[start + page.count].set : nil
            let response = ListResourceRecordSetsResponse(
                ResourceRecordSets: .init(ResourceRecordSet: page.map { ResourceRecordSetShape($0.set) }),
                IsTruncated: next != nil, NextRecordName: next?.name, NextRecordType: next?.type,
                MaxItems: String(maxItems))
            return Route53XML.response(response, root: "ListResourceRecordSetsResponse")
        }
    }

    /// Every set of the zone, page by page (bounded: 1,000 pages of 1,000).
    func allSets(_ zone: String) async throws -> [RecordSetInfo] {
        var sets: [RecordSetInfo] = []
        var cursor: String?
        for _ in 0..<1000 {
            let page = try await registry.recordSets(zone: zone, name: nil, type: nil, cursor: cursor, limit: 1000)
            sets += page.recordSets
            guard let next = page.nextCursor else { return sets }
            cursor = next
        }
        return sets
    }

    /// A simple set as a registry change; routing policies and aliases are refused by name.
    static func recordChange(_ change: ChangeResourceRecordSetsRequest.ChangeShape) throws -> RecordChange {
        let set = change.ResourceRecordSet
        let unsupported: [(String, Bool)] = [
            ("AliasTarget", set.AliasTarget != nil), ("SetIdentifier", set.SetIdentifier != nil),
            ("Weight", set.Weight != nil), ("Region", set.Region != nil), ("Failover", set.Failover != nil),
            ("GeoLocation", set.GeoLocation != nil), ("MultiValueAnswer", set.MultiValueAnswer != nil),
            ("HealthCheckId", set.HealthCheckId != nil),
            ("TrafficPolicyInstanceId", set.TrafficPolicyInstanceId != nil),
        ]
        if let field = unsupported.first(where: \.1) {
            throw Route53Error.invalidInput("\(field.0) is not supported by Shoal: only simple record sets")
        }
        guard ["CREATE", "DELETE", "UPSERT"].contains(change.Action) else {
            throw Route53Error.invalidInput("Invalid action '\(change.Action)': use CREATE, DELETE or UPSERT")
        }
        let values = set.ResourceRecords?.ResourceRecord?.map { AbsoluteNames.value($0.Value, type: set.Type) } ?? []
        guard !values.isEmpty else {
            throw Route53Error.invalidChangeBatch(
                "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], "
                    + "or TrafficPolicyInstanceId], but found none in Change with "
                    + "[Action=\(change.Action), Name=\(set.Name), Type=\(set.Type), SetIdentifier=null]")
        }
        return RecordChange(
            action: change.Action, name: RecordOrder.absolute(set.Name), type: set.Type, ttl: set.TTL, records: values)
    }

    /// The registry's refusal in Route 53's words, naming the change it is about.
    static func batchError(_ error: any Error, changes: [RecordChange], zone: String) -> any Error {
        guard let error = error as? RegistryError else { return error }
        let change = index(of: error.field).flatMap { changes.indices.contains($0) ? changes[$0] : nil }
        let set = change.map { "[name='\($0.name.lowercased())', type='\($0.type.uppercased())']" } ?? ""
        switch error.code {
        case .noSuchZone, .unavailable, .storageFull, .internalError:
            return Route53Error(error)
        case .invalidName where change.map({ !RecordOrder.key($0.name).starts(with: RecordOrder.key(zone)) }) ?? false:
            return Route53Error.invalidChangeBatch(
                "RRSet with DNS name \(change?.name.lowercased() ?? "") is not permitted in zone \(zone).")
        case .recordSetExists:
            return Route53Error.invalidChangeBatch("Tried to create resource record set \(set) but it already exists")
        case .noSuchRecordSet:
            return Route53Error.invalidChangeBatch("Tried to delete resource record set \(set) but it was not found")
        case .recordSetMismatch:
            return Route53Error.invalidChangeBatch(
                "Tried to delete resource record set \(set) but the values provided do not match the current values")
        case .cnameConflict:
            return Route53Error.invalidChangeBatch(
                "RRSet of type CNAME with DNS name \(change?.name.lowercased() ?? "") is not permitted as it "
                    + "conflicts with other records with the same DNS name in zone \(zone).")
        default:
            return Route53Error.invalidChangeBatch(error.message)
        }
    }

    /// `changes[3].records[0]` → 3.
    static func index(of field: String?) -> Int? {
        guard let field, field.hasPrefix("changes["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: 8)..<close])
    }
}
