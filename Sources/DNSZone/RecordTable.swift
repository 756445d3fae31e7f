import DNSWire

/// Records held compactly while a zone is read and built: owners as `NameTable` entries, RDATA in
/// its uncompressed wire form back to back in one array. A record costs one row and its bytes,
/// not an object graph, so a million of them load without a million allocations.
struct RecordTable {
    struct Row {
        /// Offset of the RDATA in `arena`, or its index in `values`.
        var rdata: Int
        var owner: Int32
        /// `unknownTTL` until the SOA gives one (RFC 1035: its MINIMUM fills in).
        var ttl: UInt32
        var type: RRType
        var rdataLength: UInt16
        /// The data is kept as a value: its wire form would not decode back to it.
        var isValue: Bool
    }

    static let unknownTTL = UInt32.max

    var names = NameTable()
    var rows: [Row] = []
    var arena: [UInt8] = []
    /// RDATA given as values whose wire form would change them (only ever from `ResourceRecord`s).
    var values: [RData] = []

    /// Adds a record whose RDATA was just appended to `arena` from `start` on.
    mutating func appendRow(owner: Int32, type: RRType, ttl: UInt32, rdataFrom start: Int) {
        rows.append(
            Row(
                rdata: start, owner: owner, ttl: ttl, type: type, rdataLength: UInt16(arena.count - start),
                isValue: false))
    }

    /// Adds `record` as a row.
    mutating func append(_ record: ResourceRecord) -> Int32 {
        let owner = names.intern(record.name)
        if record.rdata.survivesWireForm(as: record.type) {
            let start = arena.count
            record.rdata.appendUncompressed(to: &arena)
            appendRow(owner: owner, type: record.type, ttl: record.ttl, rdataFrom: start)
        } else {
            rows.append(
                Row(
                    rdata: values.count, owner: owner, ttl: record.ttl, type: record.type, rdataLength: 0, isValue: true
                ))
            values.append(record.rdata)
        }
        return Int32(rows.count - 1)
    }

    /// Drops the room the arrays grew beyond what they hold.
    mutating func shrink() {
        names.shrink()
        rows.shrinkToFit()
        arena.shrinkToFit()
    }

    /// Row `row`'s RDATA as a value.
    func rdata(_ row: Int32) -> RData {
        let row = rows[Int(row)]
        if row.isValue { return values[row.rdata] }
        return arena.withUnsafeBytes { raw in
            var reader = WireReader(UnsafeRawBufferPointer(rebasing: raw[row.rdata..<row.rdata + Int(row.rdataLength)]))
            do throws(WireError) {
                return try RData(type: row.type, from: &reader, length: Int(row.rdataLength))
            } catch {
                preconditionFailure("stored \(row.type) RDATA does not decode: \(error)")
            }
        }
    }

    func record(_ row: Int32) -> ResourceRecord {
        let stored = rows[Int(row)]
        return ResourceRecord(name: names.name(stored.owner), type: stored.type, ttl: stored.ttl, rdata: rdata(row))
    }

    /// True when rows `a` and `b` (of one type) hold the same data as `RData` compares it: names
    /// inside ignoring ASCII case, everything else octet for octet. Data in wire form never equals
    /// data kept as a value, whose wire form would differ.
    func sameData(_ a: Int32, _ b: Int32) -> Bool {
        let first = rows[Int(a)]
        let second = rows[Int(b)]
        guard first.isValue == second.isValue else { return false }
        if first.isValue { return values[first.rdata] == values[second.rdata] }
        guard first.rdataLength == second.rdataLength else { return false }
        let names = Self.nameOctets(first.type, length: Int(first.rdataLength))
        return arena.withUnsafeBufferPointer { bytes in
            for index in 0..<Int(first.rdataLength) {
                let x = bytes[first.rdata + index]
                let y = bytes[second.rdata + index]
                if x != y && !(names.contains(index) && Self.lower(x) == Self.lower(y)) { return false }
            }
            return true
        }
    }

    /// A hash that agrees with `sameData`.
    func dataHash(_ row: Int32) -> UInt64 {
        let stored = rows[Int(row)]
        if stored.isValue { return UInt64(truncatingIfNeeded: values[stored.rdata].hashValue) }
        let names = Self.nameOctets(stored.type, length: Int(stored.rdataLength))
        return arena.withUnsafeBufferPointer { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for index in 0..<Int(stored.rdataLength) {
                let byte = bytes[stored.rdata + index]
                hash = (hash ^ UInt64(names.contains(index) ? Self.lower(byte) : byte)) &* 0x100_0000_01B3
            }
            return hash
        }
    }

    /// Where the names lie in the wire form of RDATA of `type`: the types whose values hold
    /// `DomainName`s, which compare ignoring case. Length octets are below "A", so lowering a
    /// whole name changes only its letters.
    static func nameOctets(_ type: RRType, length: Int) -> Range<Int> {
        switch type {
        case .ns, .cname, .ptr: 0..<length
        case .mx: min(2, length)..<length
        case .srv: min(6, length)..<length
        case .soa: 0..<max(0, length - 20)
        default: 0..<0
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}
