import DNSWire

/// Routing policies and aliases at answer time: a stored set becomes the plain set that this
/// one answer carries. Simple sets pass through untouched.
extension Zone {
    /// Aliases followed in selecting one set, all branches together: a chain of eight hops
    /// is answered, a loop ends as NODATA, and aliases among many choices cannot multiply.
    static let maxAliasHops = 8
    /// Route 53 answers at most eight records for a multivalue set.
    static let maxMultivalueRecords = 8

    /// The set to write for `stored`, or nil when an alias leads nowhere (missing target,
    /// loop, chain too long).
    @inline(__always)
    func selected(_ stored: RRSet, random: inout some RandomNumberGenerator) -> RRSet? {
        guard stored.isDynamic else { return stored }
        var aliasesLeft = Self.maxAliasHops
        return select(stored, aliasesLeft: &aliasesLeft, random: &random)
    }

    func select(_ stored: RRSet, aliasesLeft: inout Int, random: inout some RandomNumberGenerator) -> RRSet? {
        if let target = stored.alias {
            return follow(
                alias: target, type: stored.type, owner: stored.name, aliasesLeft: &aliasesLeft, random: &random)
        }
        switch stored.policy {
        case nil:
            return stored
        case .weighted:
            let choice = stored.choices[ChoiceSelection.weightedIndex(stored.choices, random: &random)]
            let chosen = contents(of: choice, in: stored, aliasesLeft: &aliasesLeft, random: &random)
            return chosen.map(Self.oneCNAME)
        case .multivalue:
            return multivalue(stored, aliasesLeft: &aliasesLeft, random: &random).map(Self.oneCNAME)
        }
    }

    /// The records of `type` at `target`, themselves selected, under `owner` with the target's TTL.
    func follow(
        alias target: DomainName, type: RRType, owner: DomainName, aliasesLeft: inout Int,
        random: inout some RandomNumberGenerator
    ) -> RRSet? {
        guard aliasesLeft > 0, let set = node(target)?.rrset(type) else { return nil }
        aliasesLeft -= 1
        guard let resolved = select(set, aliasesLeft: &aliasesLeft, random: &random) else { return nil }
        return RRSet(name: owner, type: type, ttl: resolved.ttl, rdatas: resolved.rdatas)
    }

    /// One choice's records and TTL, or its alias target's.
    func contents(
        of choice: RecordChoice, in stored: RRSet, aliasesLeft: inout Int, random: inout some RandomNumberGenerator
    ) -> RRSet? {
        if let target = choice.alias {
            return follow(
                alias: target, type: stored.type, owner: stored.name, aliasesLeft: &aliasesLeft, random: &random)
        }
        guard !choice.rdatas.isEmpty else { return nil }
        return RRSet(name: stored.name, type: stored.type, ttl: choice.ttl, rdatas: choice.rdatas)
    }

    /// Eligible choices in random order, records taken until eight; the TTL is the smallest
    /// among the choices that gave records. A choice whose alias leads nowhere is passed over.
    func multivalue(_ stored: RRSet, aliasesLeft: inout Int, random: inout some RandomNumberGenerator) -> RRSet? {
        var rdatas: [RData] = []
        var seen: Set<RData> = []
        var ttl: UInt32? = nil
        for index in ChoiceSelection.multivalueOrder(stored.choices, random: &random) {
            guard rdatas.count < Self.maxMultivalueRecords else { break }
            let choice = stored.choices[index]
            guard let set = contents(of: choice, in: stored, aliasesLeft: &aliasesLeft, random: &random) else {
                continue
            }
            var took = false
            for rdata in set.rdatas where rdatas.count < Self.maxMultivalueRecords && seen.insert(rdata).inserted {
                rdatas.append(rdata)
                took = true
            }
            if took { ttl = min(ttl ?? set.ttl, set.ttl) }
        }
        guard let ttl else { return nil }
        return RRSet(name: stored.name, type: stored.type, ttl: ttl, rdatas: rdatas)
    }

    /// A CNAME set holds one record (RFC 2181 10.1) whatever a policy gathered.
    static func oneCNAME(_ set: RRSet) -> RRSet {
        guard set.type == .cname, set.rdatas.count > 1 else { return set }
        return RRSet(name: set.name, type: set.type, ttl: set.ttl, rdatas: [set.rdatas[0]])
    }
}
