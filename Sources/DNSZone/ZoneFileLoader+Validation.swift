import DNSWire

extension ZoneFileLoader {
    /// Types that may sit beside a CNAME: DNSSEC's signatures and denial (RFC 4035 2.5).
    private static let allowedBesideCNAME: Set<RRType> = [RRType(rawValue: 46), RRType(rawValue: 47)]

    private struct RRsetKey: Hashable {
        var name: DomainName
        var type: RRType
    }

    /// The zone-wide rules: one SOA, at the apex (`expected` when given, else the SOA owner);
    /// every owner at or below it; a CNAME alone at its owner (RFC 1034 3.6.2); duplicates
    /// merged and one TTL per RRset, the first one written (RFC 2181 5).
    mutating func validate(expected: DomainName?) -> ZoneFile? {
        let soaIndices = loaded.indices.filter { loaded[$0].record.type == .soa }
        guard let first = soaIndices.first, case .soa(let soa) = loaded[first].record.rdata else {
            report(.missingSOA, "no SOA record: a zone needs one at its apex", file: path, line: 1, column: 1, entry: 0)
            return nil
        }
        let firstSOA = loaded[first]
        for index in soaIndices.dropFirst() {
            report(
                .secondSOA, "second SOA record (the first is at \(firstSOA.file):\(firstSOA.line))", at: loaded[index])
        }
        let apex = expected ?? firstSOA.record.name
        if firstSOA.record.name != apex {
            report(.soaNotAtApex, "SOA owner \(firstSOA.record.name) is not the zone apex \(apex)", at: firstSOA)
        }

        var seen: Set<ResourceRecord> = []
        var rrsetTTLs: [RRsetKey: UInt32] = [:]
        var typesAt: [DomainName: Set<RRType>] = [:]
        var records: [ResourceRecord] = []
        records.reserveCapacity(loaded.count)
        for (index, item) in loaded.enumerated() where index == first || item.record.type != .soa {
            var record = item.record
            guard record.name.isSubdomain(of: apex) else {
                report(.outOfZone, "\(record.name) is outside the zone \(apex)", at: item)
                continue
            }
            // Duplicates differ at most in TTL; the RRset's TTL is settled below.
            var key = record
            key.ttl = 0
            guard seen.insert(key).inserted else { continue }
            if let conflict = Self.cnameConflict(record, typesAt[record.name] ?? []) {
                report(.cnameConflict, conflict, at: item)
                continue
            }
            typesAt[record.name, default: []].insert(record.type)
            if !item.ttlKnown { record.ttl = soa.minimum }
            let rrset = RRsetKey(name: record.name, type: record.type)
            if let ttl = rrsetTTLs[rrset] {
                record.ttl = ttl
            } else {
                rrsetTTLs[rrset] = record.ttl
            }
            records.append(record)
        }
        guard reported.isEmpty else { return nil }
        return ZoneFile(origin: apex, records: records, soa: soa, path: path)
    }

    /// Why `record` cannot join the types already at its owner, or nil when it can.
    private static func cnameConflict(_ record: ResourceRecord, _ present: Set<RRType>) -> String? {
        let others = present.subtracting(allowedBesideCNAME)
        if record.type == .cname {
            if others.contains(.cname) { return "second CNAME at \(record.name) (RFC 1034 3.6.2)" }
            guard let other = others.min(by: { $0.rawValue < $1.rawValue }) else { return nil }
            return "CNAME at \(record.name) beside other data (\(other)); RFC 1034 3.6.2"
        }
        guard present.contains(.cname), !allowedBesideCNAME.contains(record.type) else { return nil }
        return "\(record.type) at \(record.name) beside a CNAME (RFC 1034 3.6.2)"
    }

    private mutating func report(_ code: ZoneFileDiagnostic.Code, _ message: String, at item: Loaded) {
        report(code, message, file: item.file, line: item.line, column: item.column, entry: item.entry)
    }
}
