/// What the fast path answers from, read straight from the packet without copying it. It reads
/// only the common shape: a QUERY with one question of class IN and an ordinary type, its name
/// without compression pointers, no records besides at most one EDNS version 0 OPT owned by the
/// root. Anything else (or anything malformed) is for the general path, whose answer is the
/// reference; so each check here is one the general path would also pass.
struct QueryHead {
    static let nameOffset = 12

    var id: UInt16
    /// RD and CD, which the reply copies.
    var copiedFlags: UInt16
    /// Octets of the question name at `nameOffset`.
    var nameLength: Int
    var type: UInt16
    var hasEDNS = false
    var udpPayloadSize: UInt16 = 0
    var dnssecOK = false

    init?(_ query: UnsafeRawBufferPointer) {
        guard query.count >= Self.nameOffset + 5 else { return nil }
        func uint16(_ at: Int) -> UInt16 { UInt16(query[at]) << 8 | UInt16(query[at + 1]) }
        let flags = uint16(2)
        // QR clear, opcode QUERY; one question, no answer or authority records, at most one more.
        guard flags & 0xF800 == 0, uint16(4) == 1, uint16(6) == 0, uint16(8) == 0, uint16(10) <= 1 else {
            return nil
        }
        id = uint16(0)
        copiedFlags = flags & 0x0110
        var offset = Self.nameOffset
        while true {
            let length = Int(query[offset])
            // Pointers and the obsolete label types are the general path's; so are names over 255.
            // The next length octet (or the type after the root) must be inside the packet too.
            guard length < 64, offset + length + 1 < query.count, offset - Self.nameOffset + length + 1 <= 255 else {
                return nil
            }
            offset += length + 1
            if length == 0 { break }
        }
        nameLength = offset - Self.nameOffset
        guard offset + 4 <= query.count, uint16(offset + 2) == 1 else { return nil }
        type = uint16(offset)
        // Meta types (OPT, AXFR, IXFR, ANY, ...) get the general path's refusals and errors.
        guard !(type == 41 || (type >= 128 && type <= 255)) else { return nil }
        offset += 4
        if uint16(10) == 1 {
            guard readOPT(query, at: offset) else { return nil }
        }
    }

    /// Reads an OPT record at `offset`: owned by the root, version 0, options well formed.
    /// Bytes after it are ignored, as the general path ignores them.
    private mutating func readOPT(_ query: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        func uint16(_ at: Int) -> UInt16 { UInt16(query[at]) << 8 | UInt16(query[at + 1]) }
        guard offset + 11 <= query.count, query[offset] == 0, uint16(offset + 1) == 41, query[offset + 6] == 0
        else { return false }
        let end = offset + 11 + Int(uint16(offset + 9))
        guard end <= query.count else { return false }
        var option = offset + 11
        while option < end {
            guard end - option >= 4 else { return false }
            option += 4 + Int(uint16(option + 2))
            guard option <= end else { return false }
        }
        hasEDNS = true
        udpPayloadSize = uint16(offset + 3)
        dnssecOK = query[offset + 7] & 0x80 != 0
        return true
    }
}
