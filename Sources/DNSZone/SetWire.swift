/// One RRset inside a `NodeWire` block.
struct SetWire {
    let block: UnsafeRawPointer
    let descriptor: UnsafeRawPointer
    /// Offset in the block of the first record's RDLENGTH.
    let start: Int

    var type: UInt16 { UInt16(bigEndian: descriptor.loadUnaligned(as: UInt16.self)) }
    var ttl: UInt32 { UInt32(bigEndian: descriptor.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) }
    /// TYPE, CLASS and TTL as each record writes them.
    var recordPrefix: UnsafeRawPointer { descriptor }
    var isBoxed: Bool { countField & NodeWire.boxedBit != 0 }
    var count: Int { Int(countField & ~NodeWire.boxedBit) }
    var end: Int { Int(descriptor.loadUnaligned(fromByteOffset: 12, as: UInt32.self)) }
    var records: UnsafeRawPointer { block + start }
    var byteCount: Int { end - start }

    private var countField: UInt32 { descriptor.loadUnaligned(fromByteOffset: 8, as: UInt32.self) }

    /// The RDLENGTH at `offset` (relative to `records`).
    func rdataLength(at offset: Int) -> Int {
        Int(UInt16(bigEndian: records.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    }
}
