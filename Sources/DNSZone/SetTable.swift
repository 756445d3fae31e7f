import DNSWire

/// The rows of a `RecordTable` gathered into RRsets: one group per owner (ignoring case) and type,
/// each holding every distinct RDATA once, whatever the TTL (RFC 2181 5). Groups are found from
/// the owner's canonical name entry, so gathering costs no hashing beyond the name table's.
struct SetTable {
    struct Group {
        var type: RRType
        /// Members are in `index` (the group grew past `linearLimit`).
        var indexed = false
        /// The TTL of the first accepted member: the RRset's (RFC 2181 5).
        var ttl: UInt32 = 0
        /// The next group at the same owner, or -1.
        var nextAtOwner: Int32
        /// Member rows in the order added, linked through `nextMember`.
        var first: Int32
        var last: Int32
        var size: Int32 = 1
        /// Members that count: a member a zone rule refused stays only to match its duplicates.
        var accepted: Int32 = 0
    }

    /// Up to this many members, duplicates are found by comparing with each.
    static let linearLimit = 8
    static let notMember: Int32 = -2

    private(set) var groups: [Group] = []
    /// Per name entry (canonical ones only), its first group or -1.
    private(set) var firstGroup: [Int32] = []
    /// Per row: the next member of its group, -1 after the last, `notMember` for a row in none.
    private(set) var nextMember: [Int32] = []
    private var index = DataIndex()

    /// Makes `row` a member of its group (made if new) and returns the group, or nil when the
    /// group already holds the same data.
    mutating func add(_ row: Int32, of table: RecordTable) -> Int32? {
        let stored = table.rows[Int(row)]
        let owner = table.names.canonical[Int(stored.owner)]
        while nextMember.count <= Int(row) { nextMember.append(Self.notMember) }
        while firstGroup.count <= Int(owner) { firstGroup.append(-1) }
        guard let group = group(at: owner, stored.type) else {
            let group = Int32(groups.count)
            groups.append(Group(type: stored.type, nextAtOwner: firstGroup[Int(owner)], first: row, last: row))
            firstGroup[Int(owner)] = group
            nextMember[Int(row)] = -1
            return group
        }
        if groups[Int(group)].indexed {
            guard index.insert(row, group: group, of: table) else { return nil }
        } else {
            var member = groups[Int(group)].first
            while member >= 0 {
                if table.sameData(member, row) { return nil }
                member = nextMember[Int(member)]
            }
        }
        nextMember[Int(groups[Int(group)].last)] = row
        nextMember[Int(row)] = -1
        groups[Int(group)].last = row
        groups[Int(group)].size += 1
        if !groups[Int(group)].indexed && groups[Int(group)].size > Self.linearLimit {
            groups[Int(group)].indexed = true
            var member = groups[Int(group)].first
            while member >= 0 {
                _ = index.insert(member, group: group, of: table)
                member = nextMember[Int(member)]
            }
        }
        return group
    }

    /// Counts `row`, a member of `group`, into the zone.
    mutating func accept(_ row: Int32, into group: Int32, of table: RecordTable) {
        if groups[Int(group)].accepted == 0 { groups[Int(group)].ttl = table.rows[Int(row)].ttl }
        groups[Int(group)].accepted += 1
    }

    /// The group of `type` at the canonical name entry `owner`.
    func group(at owner: Int32, _ type: RRType) -> Int32? {
        var group = Int(owner) < firstGroup.count ? firstGroup[Int(owner)] : -1
        while group >= 0 {
            if groups[Int(group)].type == type { return group }
            group = groups[Int(group)].nextAtOwner
        }
        return nil
    }

    /// Calls `body` with each group at `owner` holding accepted records.
    func forEachGroup(at owner: Int32, _ body: (Int32) -> Void) {
        var group = Int(owner) < firstGroup.count ? firstGroup[Int(owner)] : -1
        while group >= 0 {
            if groups[Int(group)].accepted > 0 { body(group) }
            group = groups[Int(group)].nextAtOwner
        }
    }

    func hasGroups(_ owner: Int32) -> Bool {
        Int(owner) < firstGroup.count && firstGroup[Int(owner)] >= 0
    }

    func isMember(_ row: Int32) -> Bool {
        Int(row) < nextMember.count && nextMember[Int(row)] != Self.notMember
    }

    /// The member rows of `group`, in the order added.
    func members(_ group: Int32) -> [Int32] {
        var found: [Int32] = []
        found.reserveCapacity(Int(groups[Int(group)].size))
        var member = groups[Int(group)].first
        while member >= 0 {
            found.append(member)
            member = nextMember[Int(member)]
        }
        return found
    }

    /// Calls `body` with each member row of `group`, in the order added.
    @inline(__always)
    func forEachMember(_ group: Int32, _ body: (Int32) -> Void) {
        var member = groups[Int(group)].first
        while member >= 0 {
            body(member)
            member = nextMember[Int(member)]
        }
    }

    mutating func reserve(rows: Int) {
        nextMember.reserveCapacity(rows)
    }

    /// Drops the room the arrays grew beyond what they hold, and the index, which only adding
    /// needs: what is left is kept while the zone is built.
    mutating func shrink() {
        groups.shrinkToFit()
        firstGroup.shrinkToFit()
        nextMember.shrinkToFit()
        index = DataIndex()
    }
}
