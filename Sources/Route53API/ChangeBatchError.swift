import Registry

/// The registry's refusal of a change batch in Route 53's words (InvalidChangeBatch), naming
/// the change it is about: `[name='www.example.com.', type='A', set-identifier='blue']`.
enum ChangeBatchError {
    static func map(_ error: any Error, changes: [RecordChange], zone: String) -> any Error {
        guard let error = error as? RegistryError else { return error }
        let change = index(of: error.field).flatMap { changes.indices.contains($0) ? changes[$0] : nil }
        let set = change.map(tuple) ?? ""
        let name = change?.name.lowercased() ?? ""
        switch error.code {
        case .noSuchZone, .unavailable, .storageFull, .internalError:
            return Route53Error(error)
        case .invalidName where change.map({ !RecordOrder.key($0.name).starts(with: RecordOrder.key(zone)) }) ?? false:
            return Route53Error.invalidChangeBatch("RRSet with DNS name \(name) is not permitted in zone \(zone).")
        case .recordSetExists:
            return Route53Error.invalidChangeBatch("Tried to create resource record set \(set) but it already exists")
        case .noSuchRecordSet:
            return Route53Error.invalidChangeBatch("Tried to delete resource record set \(set) but it was not found")
        case .recordSetMismatch:
            return Route53Error.invalidChangeBatch(
                "Tried to delete resource record set \(set) but the values provided do not match the current values")
        case .cnameConflict where change?.type.uppercased() == "CNAME":
            return Route53Error.invalidChangeBatch(
                "RRSet of type CNAME with DNS name \(name) is not permitted as it conflicts with other records with "
                    + "the same DNS name in zone \(zone).")
        case .cnameConflict:
            return Route53Error.invalidChangeBatch(
                "RRSet of type \(change?.type.uppercased() ?? "") with DNS name \(name) is not permitted because a "
                    + "conflicting RRSet of type CNAME with the same DNS name already exists in zone \(zone).")
        default:
            if let change, let message = policyMessage(error, change: change, zone: zone) {
                return Route53Error.invalidChangeBatch(message)
            }
            return Route53Error.invalidChangeBatch(error.message)
        }
    }

    /// Route 53's messages for the routing-policy and alias rules the registry enforces.
    static func policyMessage(_ error: RegistryError, change: RecordChange, zone: String) -> String? {
        let text = error.message.lowercased()
        let name = change.name.lowercased()
        let type = change.type.uppercased()
        if let alias = change.alias, text.contains("alias") && text.contains("not found") {
            return
                "Tried to create an alias that targets \(RecordOrder.absolute(alias.name).lowercased()), type \(type) "
                + "in zone \(HostedZoneID.make(zone: zone)), but that target was not found"
        }
        // The registry's "cannot be created as a weighted set: a simple set exists ...".
        guard text.contains("cannot be created as a") else { return nil }
        guard let identifier = change.setIdentifier else {
            return "RRSet with DNS name \(name), type \(type) cannot be created as other RRSets exist with the same "
                + "name and type."
        }
        if change.weight != nil {
            return "RRSet with DNS name \(name), type \(type), SetIdentifier \(identifier) cannot be created as a "
                + "non-weighted set exists with the same name and type."
        }
        return "RRSet with DNS name \(name), type \(type), SetIdentifier \(identifier) cannot be created because a "
            + "non multivalue answer rrset exists with the same name and type."
    }

    /// `[name='www.example.com.', type='A']`, with `set-identifier='x'` for a policy choice.
    static func tuple(_ change: RecordChange) -> String {
        let identifier = change.setIdentifier.map { ", set-identifier='\($0)'" } ?? ""
        return "[name='\(change.name.lowercased())', type='\(change.type.uppercased())'\(identifier)]"
    }

    /// `changes[3].records[0]` → 3.
    static func index(of field: String?) -> Int? {
        guard let field, field.hasPrefix("changes["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: 8)..<close])
    }
}
