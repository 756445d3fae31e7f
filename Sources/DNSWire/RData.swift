/// Record data. Each known type is one case with one wire codec (here) and one text codec
/// (`RData+Presentation`); every other type travels as opaque bytes (RFC 3597).
public enum RData: Hashable, Sendable {
    case a(IPv4Address)
    case aaaa(IPv6Address)
    case ns(DomainName)
    case cname(DomainName)
    case ptr(DomainName)
    case mx(preference: UInt16, exchange: DomainName)
    case srv(priority: UInt16, weight: UInt16, port: UInt16, target: DomainName)
    case soa(SOAData)
    /// Character-strings, each at most 255 octets.
    case txt([[UInt8]])
    case opt([EDNSOption])
    case unknown([UInt8])

    /// Reads exactly `length` bytes of RDATA of `type`. Names in the types RFC 1035 defines
    /// may be compressed; elsewhere they are read as well, since readers must accept it.
    public init(type: RRType, from reader: inout WireReader, length: Int) throws(WireError) {
        guard length <= reader.remaining else { throw WireError(.truncated, at: reader.offset) }
        let end = reader.offset + length
        // The fields are read from a reader that ends where the RDATA does, so none can run into
        // the next record (names still point back anywhere before), and an overrun is always
        // reported as bad RDATA, whatever follows it.
        var fields = WireReader(UnsafeRawBufferPointer(rebasing: reader.bytes[..<end]), offset: reader.offset)
        do throws(WireError) {
            try self.init(type: type, fields: &fields)
        } catch let error where error.code == .truncated {
            throw WireError(.badRData, at: error.offset, "\(type) RDATA overruns its length \(length)")
        }
        try reader.skip(length)
    }

    /// Decodes all of `reader`'s remaining bytes as RDATA of `type`.
    private init(type: RRType, fields reader: inout WireReader) throws(WireError) {
        let length = reader.remaining
        let end = reader.bytes.count
        switch type {
        case .a:
            guard length == 4 else { throw WireError(.badRData, at: reader.offset, "A RDATA must be 4 octets") }
            self = .a(IPv4Address(try reader.readUInt32()))
        case .aaaa:
            guard length == 16 else { throw WireError(.badRData, at: reader.offset, "AAAA RDATA must be 16 octets") }
            self = .aaaa(IPv6Address(bytes: try reader.readBytes(16)))
        case .ns: self = .ns(try reader.readName())
        case .cname: self = .cname(try reader.readName())
        case .ptr: self = .ptr(try reader.readName())
        case .mx:
            self = .mx(preference: try reader.readUInt16(), exchange: try reader.readName())
        case .srv:
            self = .srv(
                priority: try reader.readUInt16(), weight: try reader.readUInt16(), port: try reader.readUInt16(),
                target: try reader.readName())
        case .soa:
            self = .soa(
                SOAData(
                    primary: try reader.readName(), mailbox: try reader.readName(), serial: try reader.readUInt32(),
                    refresh: try reader.readUInt32(), retry: try reader.readUInt32(), expire: try reader.readUInt32(),
                    minimum: try reader.readUInt32()))
        case .txt:
            var strings: [[UInt8]] = []
            while reader.offset < end {
                let count = Int(try reader.readUInt8())
                guard reader.offset + count <= end else { throw WireError(.badRData, at: reader.offset, "TXT string overruns RDATA") }
                strings.append(try reader.readBytes(count))
            }
            guard !strings.isEmpty else { throw WireError(.badRData, at: reader.offset, "TXT RDATA is empty") }
            self = .txt(strings)
        case .opt:
            var options: [EDNSOption] = []
            while reader.offset < end {
                let code = try reader.readUInt16()
                let count = Int(try reader.readUInt16())
                guard reader.offset + count <= end else { throw WireError(.badRData, at: reader.offset, "EDNS option overruns RDATA") }
                options.append(EDNSOption(code: code, data: try reader.readBytes(count)))
            }
            self = .opt(options)
        default:
            self = .unknown(try reader.readBytes(length))
        }
        guard reader.offset == end else {
            throw WireError(.badRData, at: reader.offset, "\(type) RDATA length \(length) does not match its contents")
        }
    }

    /// Writes the RDATA (without its length). Names are compressed only where RFC 3597
    /// section 4 allows it: NS, CNAME, PTR, MX and SOA.
    public func encode(into writer: inout WireWriter) {
        switch self {
        case .a(let address): writer.writeUInt32(address.value)
        case .aaaa(let address): writer.writeBytes(address.bytes)
        case .ns(let name), .cname(let name), .ptr(let name): writer.writeName(name)
        case .mx(let preference, let exchange):
            writer.writeUInt16(preference)
            writer.writeName(exchange)
        case .srv(let priority, let weight, let port, let target):
            writer.writeUInt16(priority)
            writer.writeUInt16(weight)
            writer.writeUInt16(port)
            writer.writeName(target, compress: false)
        case .soa(let soa):
            writer.writeName(soa.primary)
            writer.writeName(soa.mailbox)
            for value in [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum] { writer.writeUInt32(value) }
        case .txt(let strings):
            for string in strings {
                writer.writeUInt8(UInt8(string.count))
                writer.writeBytes(string)
            }
        case .opt(let options):
            for option in options {
                writer.writeUInt16(option.code)
                writer.writeUInt16(UInt16(option.data.count))
                writer.writeBytes(option.data)
            }
        case .unknown(let bytes): writer.writeBytes(bytes)
        }
    }

    /// The uncompressed wire form, as RFC 3597's `\#` shows it.
    public var uncompressedWire: [UInt8] {
        var writer = WireWriter(capacity: 64)
        switch self {
        case .ns(let name), .cname(let name), .ptr(let name): writer.writeName(name, compress: false)
        case .mx(let preference, let exchange):
            writer.writeUInt16(preference)
            writer.writeName(exchange, compress: false)
        case .soa(let soa):
            writer.writeName(soa.primary, compress: false)
            writer.writeName(soa.mailbox, compress: false)
            for value in [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum] { writer.writeUInt32(value) }
        default: encode(into: &writer)
        }
        return writer.bytes
    }

    /// The name this record points at whose addresses belong in the additional section.
    public var additionalTarget: DomainName? {
        switch self {
        case .ns(let name): name
        case .mx(_, let exchange): exchange
        case .srv(_, _, _, let target): target
        default: nil
        }
    }
}
