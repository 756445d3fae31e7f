import DNSWire
import DNSZone

/// Checks a change batch against everything that does not depend on the zone's contents.
/// Runs in the caller's task, so parsing never holds up the writer.
enum ChangeInput {
    static let maxChanges = 1000
    static let maxRecords = 400
    static let maxTTL: Int64 = 2_147_483_647
    static let maxCommentLength = 256

    static func parse(_ changes: [RecordChange], in origin: DomainName) throws(RegistryError) -> [ParsedChange] {
        guard !changes.isEmpty else {
            throw RegistryError(.invalidChange, field: "changes", "a change batch needs at least one change")
        }
        guard changes.count <= maxChanges else {
            throw RegistryError(
                .tooLarge, field: "changes", "\(changes.count) changes in one batch; at most \(maxChanges)")
        }
        var parsed: [ParsedChange] = []
        parsed.reserveCapacity(changes.count)
        for (index, change) in changes.enumerated() {
            parsed.append(try parse(change, field: "changes[\(index)]", in: origin))
        }
        return parsed
    }

    static func parse(_ change: RecordChange, field: String, in origin: DomainName) throws(RegistryError) -> ParsedChange {
        guard let action = ParsedChange.Action(rawValue: change.action.uppercased()) else {
            throw RegistryError(
                .invalidChange, field: field + ".action", "unknown action '\(change.action)': use CREATE, UPSERT or DELETE")
        }
        let name = try ZoneName.owner(change.name, in: origin, field: field + ".name")
        let type = try recordType(change.type, field: field + ".type")
        let choice = try RoutingInput.choice(of: change, type: type, field: field)
        if let target = change.alias {
            let alias = try RoutingInput.alias(target, of: change, at: name, type: type, choice: choice, field: field, in: origin)
            return ParsedChange(
                action: action, key: SetKey(name, type), ttl: nil, rdatas: [], choice: choice, alias: alias,
                evaluatesTargetHealth: target.evaluateTargetHealth ?? false, field: field)
        }
        var ttl: UInt32?
        if let given = change.ttl {
            guard (0...maxTTL).contains(given) else {
                throw RegistryError(.invalidTTL, field: field + ".ttl", "TTL \(given) is not in 0...\(maxTTL)")
            }
            ttl = UInt32(given)
        } else if action != .delete {
            throw RegistryError(.invalidTTL, field: field + ".ttl", "ttl is required for \(action.rawValue)")
        }
        let rdatas = try records(change.records, type: type, field: field + ".records", in: origin)
        return ParsedChange(action: action, key: SetKey(name, type), ttl: ttl, rdatas: rdatas, choice: choice, field: field)
    }

    static func recordType(_ text: String, field: String) throws(RegistryError) -> RRType {
        guard let type = RRType(mnemonic: text) else {
            throw RegistryError(.invalidType, field: field, "unknown record type '\(text)'")
        }
        guard !type.isMeta, type.rawValue != 0 else {
            throw RegistryError(.invalidType, field: field, "type '\(text)' cannot be stored in a zone")
        }
        guard type != .soa else {
            throw RegistryError(.invalidChange, field: field, "the SOA cannot be changed: the registry keeps its serial")
        }
        return type
    }

    /// Parses each record as a zone file would, relative names against `origin`.
    static func records(_ texts: [String]?, type: RRType, field: String, in origin: DomainName) throws(RegistryError)
        -> [RData]
    {
        guard let texts, !texts.isEmpty else {
            throw RegistryError(.invalidChange, field: field, "records must not be empty")
        }
        guard texts.count <= maxRecords else {
            throw RegistryError(.tooLarge, field: field, "\(texts.count) records in one set; at most \(maxRecords)")
        }
        var rdatas: [RData] = []
        var seen: Set<RData> = []
        var octets = 0
        for (index, text) in texts.enumerated() {
            let rdata: RData
            do {
                rdata = try RData(type: type, parsing: try RecordTokenizer.tokens(text), origin: origin)
            } catch {
                throw RegistryError(.invalidRecord, field: "\(field)[\(index)]", "bad \(type) record '\(text)': \(error)")
            }
            guard seen.insert(rdata).inserted else {
                throw RegistryError(.invalidRecord, field: "\(field)[\(index)]", "duplicate \(type) record '\(text)'")
            }
            octets += rdata.uncompressedWire.count
            rdatas.append(rdata)
        }
        // Past this no DNS message could carry the set, not even over TCP.
        guard octets <= Int(UInt16.max) else {
            throw RegistryError(.tooLarge, field: field, "the records hold \(octets) octets of data; at most 65535")
        }
        guard type != .cname || rdatas.count == 1 else {
            throw RegistryError(.invalidRecord, field: field, "a CNAME set holds exactly one record, not \(rdatas.count)")
        }
        return rdatas
    }

    static func comment(_ text: String?) throws(RegistryError) -> String? {
        guard let text else { return nil }
        guard text.count <= maxCommentLength else {
            throw RegistryError(
                .invalidRequest, field: "comment", "comment is \(text.count) characters; at most \(maxCommentLength)")
        }
        return text
    }
}
