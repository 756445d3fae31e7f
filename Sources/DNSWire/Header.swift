/// The 12-byte message header (RFC 1035 4.1.1).
public struct Header: Hashable, Sendable {
    public static let size = 12

    public var id: UInt16 = 0
    public var isResponse = false
    public var opcode = OpCode.query
    public var isAuthoritative = false
    public var isTruncated = false
    public var recursionDesired = false
    public var recursionAvailable = false
    public var authenticData = false
    public var checkingDisabled = false
    /// The low 4 bits of the response code; EDNS carries the rest.
    public var rcodeLow: UInt8 = 0
    public var questionCount: UInt16 = 0
    public var answerCount: UInt16 = 0
    public var authorityCount: UInt16 = 0
    public var additionalCount: UInt16 = 0

    public init() {}

    public init(from reader: inout WireReader) throws(WireError) {
        id = try reader.readUInt16()
        let flags = try reader.readUInt16()
        isResponse = flags & 0x8000 != 0
        opcode = OpCode(rawValue: UInt8((flags >> 11) & 0x0F))
        isAuthoritative = flags & 0x0400 != 0
        isTruncated = flags & 0x0200 != 0
        recursionDesired = flags & 0x0100 != 0
        recursionAvailable = flags & 0x0080 != 0
        authenticData = flags & 0x0020 != 0
        checkingDisabled = flags & 0x0010 != 0
        rcodeLow = UInt8(flags & 0x000F)
        questionCount = try reader.readUInt16()
        answerCount = try reader.readUInt16()
        authorityCount = try reader.readUInt16()
        additionalCount = try reader.readUInt16()
    }

    public var flags: UInt16 {
        var flags = UInt16(opcode.rawValue) << 11 | UInt16(rcodeLow & 0x0F)
        if isResponse { flags |= 0x8000 }
        if isAuthoritative { flags |= 0x0400 }
        if isTruncated { flags |= 0x0200 }
        if recursionDesired { flags |= 0x0100 }
        if recursionAvailable { flags |= 0x0080 }
        if authenticData { flags |= 0x0020 }
        if checkingDisabled { flags |= 0x0010 }
        return flags
    }

    public func encode(into writer: inout WireWriter) {
        writer.writeUInt16(id)
        writer.writeUInt16(flags)
        writer.writeUInt16(questionCount)
        writer.writeUInt16(answerCount)
        writer.writeUInt16(authorityCount)
        writer.writeUInt16(additionalCount)
    }
}
