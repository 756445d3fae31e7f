/// A resource record: owner, type, class, TTL and data.
public struct ResourceRecord: Hashable, Sendable, CustomStringConvertible {
    /// Bytes a record takes besides its owner name and RDATA.
    public static let fixedSize = 10

    public var name: DomainName
    public var type: RRType
    public var rrClass: RRClass
    public var ttl: UInt32
    public var rdata: RData

    public init(name: DomainName, type: RRType, rrClass: RRClass = .in, ttl: UInt32, rdata: RData) {
        self.name = name
        self.type = type
        self.rrClass = rrClass
        self.ttl = ttl
        self.rdata = rdata
    }

    public init(from reader: inout WireReader) throws(WireError) {
        name = try reader.readName()
        type = RRType(rawValue: try reader.readUInt16())
        rrClass = RRClass(rawValue: try reader.readUInt16())
        ttl = try reader.readUInt32()
        let length = Int(try reader.readUInt16())
        rdata = try RData(type: type, from: &reader, length: length)
    }

    public func encode(into writer: inout WireWriter) {
        writer.writeName(name)
        writer.writeUInt16(type.rawValue)
        writer.writeUInt16(rrClass.rawValue)
        writer.writeUInt32(ttl)
        let lengthAt = writer.count
        writer.writeUInt16(0)
        rdata.encode(into: &writer)
        writer.setUInt16(UInt16(writer.count - lengthAt - 2), at: lengthAt)
    }

    /// Master-file form: `name TTL CLASS TYPE RDATA`.
    public var description: String { "\(name) \(ttl) \(rrClass) \(type) \(rdata)" }
}
