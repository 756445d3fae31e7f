import DNSWire

/// The records of one owner and type gathered from a zone's records, duplicates dropped.
struct RecordGroup {
    let type: RRType
    let ttl: UInt32
    var rdatas: [RData]
    /// Built once a group grows past a few records, so duplicates stay cheap to find.
    var index: Set<RData>? = nil

    /// Adds `record` to its group in `groups`; false when the group already held its data
    /// (whatever the TTL, RFC 2181 5).
    static func add(_ record: ResourceRecord, to groups: inout [RecordGroup]) -> Bool {
        guard let at = groups.firstIndex(where: { $0.type == record.type }) else {
            groups.append(RecordGroup(type: record.type, ttl: record.ttl, rdatas: [record.rdata]))
            return true
        }
        return groups[at].insert(record.rdata)
    }

    mutating func insert(_ rdata: RData) -> Bool {
        if index == nil && rdatas.count >= 8 { index = Set(rdatas) }
        if index != nil {
            guard index!.insert(rdata).inserted else { return false }
        } else if rdatas.contains(rdata) {
            return false
        }
        rdatas.append(rdata)
        return true
    }
}
