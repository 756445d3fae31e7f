/// One entry of the question section.
public struct Question: Hashable, Sendable {
    public var name: DomainName
    public var type: RRType
    public var rrClass: RRClass

    public init(name: DomainName, type: RRType, rrClass: RRClass = .in) {
        self.name = name
        self.type = type
        self.rrClass = rrClass
    }

    public init(from reader: inout WireReader) throws(WireError) {
        name = try reader.readName()
        type = RRType(rawValue: try reader.readUInt16())
        rrClass = RRClass(rawValue: try reader.readUInt16())
    }

    public func encode(into writer: inout WireWriter) {
        writer.writeName(name)
        writer.writeUInt16(type.rawValue)
        writer.writeUInt16(rrClass.rawValue)
    }
}
