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
            let changes = try body.ChangeBatch.Changes.Change.enumerated().map { offset, change in
                try RecordChangeInput.recordChange(change, position: offset + 1, zone: info.name)
            }
            let change: ChangeInfo
            do {
                change = try await registry.applyChanges(
                    zone: info.name, changes: changes, comment: body.ChangeBatch.Comment)
            } catch {
                throw ChangeBatchError.map(error, changes: changes, zone: info.name)
            }
            return Route53XML.response(
                ChangeInfoResponse(ChangeInfo: ChangeInfoShape(change)), root: "ChangeResourceRecordSetsResponse")
        }
    }

    /// Sets from `name`/`type`/`identifier` on, in Route 53's order, at most `maxitems` (300
    /// at most). A routing-policy group is listed one choice per set, by identifier.
    func listResourceRecordSets(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await Route53Error.catching {
            let info = try await zone(context)
            let query = request.uri.queryParameters
            let maxItems = try Self.maxItems(query.get("maxitems"), default: Self.defaultRecordPage, limit: 300)
            let start = try Self.startKey(
                name: query.get("name"), type: query.get("type"), identifier: query.get("identifier"))
            let page = RecordPaging(try await allSets(info.name)).page(from: start, maxItems: maxItems)
            let zoneID = HostedZoneID.make(zone: info.name)
            let response = ListResourceRecordSetsResponse(
                ResourceRecordSets: .init(
                    ResourceRecordSet: page.sets.map { ResourceRecordSetShape($0, zoneID: zoneID) }),
                IsTruncated: page.next != nil, NextRecordName: page.next?.name, NextRecordType: page.next?.type,
                NextRecordIdentifier: page.next?.setIdentifier, MaxItems: String(maxItems))
            return Route53XML.response(response, root: "ListResourceRecordSetsResponse")
        }
    }

    /// The page's start from StartRecordName/Type/Identifier: a type needs a name, an
    /// identifier needs both, as in Route 53.
    static func startKey(name: String?, type: String?, identifier: String?) throws -> RecordOrder.SetKey? {
        if type != nil && name == nil { throw Route53Error.invalidInput("The input is not valid: type requires name") }
        if identifier != nil && (name == nil || type == nil) {
            throw Route53Error.invalidInput("The input is not valid: identifier requires name and type")
        }
        if let type, RRType(mnemonic: type) == nil {
            throw Route53Error.invalidInput("Invalid type '\(type)'")
        }
        return name.map { RecordOrder.SetKey(name: $0, type: type ?? "", identifier: identifier) }
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
}
