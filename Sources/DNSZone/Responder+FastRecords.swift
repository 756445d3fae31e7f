import DNSWire

/// Fast-path records: each as `RData.encode` would write it after its owner, from the bytes a
/// node block pre-rendered, in the order `arrange` gives.
extension Responder {
    /// The records of `set` under `owner`, in the order `--rrset-order` asks for (`arrange`).
    func writeRecords(
        of set: SetWire, owner: NameRef, _ plan: FastPlan, into writer: inout FixedWireWriter,
        rotation: inout UInt32?
    ) {
        var owner = RecordOwner(wire: plan.bytes(owner), length: owner.length, hash: owner.hash)
        // Between two records of a set whose data holds no name, no name is remembered: the
        // owner's pointer stays the same.
        owner.reusesPointer = !Self.hasNames(set.type)
        let count = set.count
        switch configuration.rrsetOrder {
        case .rotate where count > 1:
            let first = Int(rotationStart(&rotation) % UInt32(count))
            var offset = 0
            for _ in 0..<first { offset += 2 + set.rdataLength(at: offset) }
            let firstOffset = offset
            for _ in first..<count { offset = writeRecord(of: set, at: offset, owner: &owner, into: &writer) }
            offset = 0
            while offset < firstOffset { offset = writeRecord(of: set, at: offset, owner: &owner, into: &writer) }
        case .random where count > 1:
            var offsets = scratch.offsets(for: count)
            var offset = 0
            for index in 0..<count {
                offsets[index] = UInt32(offset)
                offset += 2 + set.rdataLength(at: offset)
            }
            // The same shuffle of the same generator as the general path's, so the same order.
            offsets.shuffle(using: &random)
            for index in 0..<count { _ = writeRecord(of: set, at: Int(offsets[index]), owner: &owner, into: &writer) }
        default:
            var offset = 0
            for _ in 0..<count { offset = writeRecord(of: set, at: offset, owner: &owner, into: &writer) }
        }
    }

    /// Writes the record at `offset` of `set`; returns the next record's offset.
    func writeRecord(of set: SetWire, at offset: Int, owner: inout RecordOwner, into writer: inout FixedWireWriter)
        -> Int
    {
        if let pointer = owner.pointer {
            writer.writeUInt16(pointer)
        } else {
            let start = writer.count
            writer.writeName(owner.wire, length: owner.length, hash: owner.hash)
            if owner.reusesPointer && writer.count == start + 2 {
                owner.pointer =
                    UInt16(writer.base.load(fromByteOffset: start, as: UInt8.self)) << 8
                    | UInt16(writer.base.load(fromByteOffset: start + 1, as: UInt8.self))
            }
        }
        writer.writeBytes(set.recordPrefix, count: 8)
        let record = set.records + offset
        Self.writeData(ofType: set.type, record: record, into: &writer)
        return offset + 2 + set.rdataLength(at: offset)
    }

    /// RDLENGTH and RDATA from a pre-rendered record, compressing the names `RData.encode` does.
    static func writeData(ofType type: UInt16, record: UnsafeRawPointer, into writer: inout FixedWireWriter) {
        let rdata = record + 2
        switch RRType(rawValue: type) {
        case .ns, .cname, .ptr, .mx, .soa:
            let lengthAt = writer.count
            writer.writeUInt16(0)
            switch RRType(rawValue: type) {
            case .mx:
                writer.writeBytes(rdata, count: 2)
                writer.writeName(rdata + 2)
            case .soa:
                let mailbox = rdata + NodeWire.nameLength(rdata)
                let counters = mailbox + NodeWire.nameLength(mailbox)
                writer.writeName(rdata)
                writer.writeName(mailbox)
                writer.writeBytes(counters, count: 20)
            default:
                writer.writeName(rdata)
            }
            writer.setUInt16(UInt16(truncatingIfNeeded: writer.count - lengthAt - 2), at: lengthAt)
        case .srv:
            // The target goes in full (RFC 2782), but later names may point at it.
            writer.writeBytes(record, count: 8)
            writer.writeName(rdata + 6, compress: false)
        default:
            let length = Int(UInt16(bigEndian: record.loadUnaligned(as: UInt16.self)))
            writer.writeBytes(record, count: 2 + length)
        }
    }

    /// True for the types whose RDATA holds names `writeData` writes through the name table.
    static func hasNames(_ type: UInt16) -> Bool {
        switch RRType(rawValue: type) {
        case .ns, .cname, .ptr, .mx, .soa, .srv: true
        default: false
        }
    }
}
