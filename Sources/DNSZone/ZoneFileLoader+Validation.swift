import DNSWire

extension ZoneFileLoader {
    /// Types that may sit beside a CNAME: DNSSEC's signatures and denial (RFC 4035 2.5).
    private static let allowedBesideCNAME: Set<RRType> = [RRType(rawValue: 46), RRType(rawValue: 47)]

    /// The zone-wide rules: one SOA, at the apex (`expected` when given, else the SOA owner);
    /// every owner at or below it; a CNAME alone at its owner (RFC 1034 3.6.2); duplicates
    /// merged and one TTL per RRset, the first one written (RFC 2181 5). Records are gathered
    /// into their sets as they are checked, in file order.
    mutating func validate(expected: DomainName?) -> ZoneFile? {
        guard let first = table.rows.firstIndex(where: { $0.type == .soa }),
            case .soa(let soa) = table.rdata(Int32(first))
        else {
            report(.missingSOA, "no SOA record: a zone needs one at its apex", file: path, line: 1, column: 1, entry: 0)
            return nil
        }
        let firstSOA = locations[first]
        for index in table.rows.indices[(first + 1)...] where table.rows[index].type == .soa {
            report(
                .secondSOA, "second SOA record (the first is at \(paths[Int(firstSOA.file)]):\(firstSOA.line))",
                at: index)
        }
        let soaOwner = table.names.name(table.rows[first].owner)
        let apex = expected ?? soaOwner
        if soaOwner != apex {
            report(.soaNotAtApex, "SOA owner \(soaOwner) is not the zone apex \(apex)", at: first)
        }

        var sets = SetTable()
        sets.reserve(rows: table.rows.count)
        // Per name entry: 0 not yet known, 1 in the zone, 2 outside it.
        var inZone = [UInt8](repeating: 0, count: table.names.count)
        for index in table.rows.indices where index == first || table.rows[index].type != .soa {
            let row = Int32(index)
            let owner = table.rows[index].owner
            if inZone[Int(owner)] == 0 { inZone[Int(owner)] = table.names.isSubdomain(owner, of: apex) ? 1 : 2 }
            guard inZone[Int(owner)] == 1 else {
                report(.outOfZone, "\(table.names.name(owner)) is outside the zone \(apex)", at: index)
                continue
            }
            if table.rows[index].ttl == RecordTable.unknownTTL { table.rows[index].ttl = soa.minimum }
            // Duplicates differ at most in TTL; the RRset's TTL is the first accepted.
            guard let group = sets.add(row, of: table) else { continue }
            if let conflict = cnameConflict(index, at: table.names.canonical[Int(owner)], sets) {
                report(.cnameConflict, conflict, at: index)
                continue
            }
            sets.accept(row, into: group, of: table)
        }
        guard reported.isEmpty else { return nil }
        // Only diagnostics needed where records were read.
        locations = []
        for group in sets.groups.indices {
            let ttl = sets.groups[group].ttl
            sets.forEachMember(Int32(group)) { table.rows[Int($0)].ttl = ttl }
        }
        table.shrink()
        sets.shrink()
        return ZoneFile(origin: apex, table: table, sets: sets, soa: soa, path: path)
    }

    /// Why row `index` cannot join the types already at its owner, or nil when it can.
    private func cnameConflict(_ index: Int, at owner: Int32, _ sets: SetTable) -> String? {
        let type = table.rows[index].type
        var hasCNAME = false
        sets.forEachGroup(at: owner) { if sets.groups[Int($0)].type == .cname { hasCNAME = true } }
        guard type == .cname || hasCNAME else { return nil }
        var others: [RRType] = []
        sets.forEachGroup(at: owner) { group in
            let present = sets.groups[Int(group)].type
            if !Self.allowedBesideCNAME.contains(present) { others.append(present) }
        }
        let name = table.names.name(table.rows[index].owner)
        if type == .cname {
            if others.contains(.cname) { return "second CNAME at \(name) (RFC 1034 3.6.2)" }
            guard let other = others.min(by: { $0.rawValue < $1.rawValue }) else { return nil }
            return "CNAME at \(name) beside other data (\(other)); RFC 1034 3.6.2"
        }
        guard !Self.allowedBesideCNAME.contains(type) else { return nil }
        return "\(type) at \(name) beside a CNAME (RFC 1034 3.6.2)"
    }

    private mutating func report(_ code: ZoneFileDiagnostic.Code, _ message: String, at index: Int) {
        let place = locations[index]
        report(
            code, message, file: paths[Int(place.file)], line: Int(place.line), column: Int(place.column),
            entry: place.entry)
    }
}
