extension RData: CustomStringConvertible {
    /// Parses the RDATA fields of a record of `type` in presentation format, or RFC 3597's
    /// generic `\# LENGTH HEX` for any type. Relative names get `origin` appended.
    public init(type: RRType, parsing tokens: [PresentationToken], origin: DomainName?) throws(WireError) {
        if let first = tokens.first, !first.quoted, first.text == "\\#" {
            try self.init(genericBytes: try Self.parseGeneric(tokens.dropFirst()), type: type)
            return
        }
        var fields = TokenCursor(tokens: tokens, type: type)
        switch type {
        case .a:
            let text = try fields.word("address")
            guard let address = IPv4Address(text) else { throw WireError.text("bad IPv4 address '\(text)'") }
            self = .a(address)
        case .aaaa:
            let text = try fields.word("address")
            guard let address = IPv6Address(text) else { throw WireError.text("bad IPv6 address '\(text)'") }
            self = .aaaa(address)
        case .ns: self = .ns(try fields.name("name server", origin))
        case .cname: self = .cname(try fields.name("target", origin))
        case .ptr: self = .ptr(try fields.name("target", origin))
        case .mx:
            self = .mx(preference: try fields.uint16("preference"), exchange: try fields.name("exchange", origin))
        case .srv:
            self = .srv(
                priority: try fields.uint16("priority"), weight: try fields.uint16("weight"),
                port: try fields.uint16("port"), target: try fields.name("target", origin))
        case .soa:
            self = .soa(
                SOAData(
                    primary: try fields.name("primary server", origin), mailbox: try fields.name("mailbox", origin),
                    serial: try fields.uint32("serial"), refresh: try fields.time("refresh"),
                    retry: try fields.time("retry"), expire: try fields.time("expire"),
                    minimum: try fields.time("minimum")))
        case .txt:
            guard !tokens.isEmpty else { throw WireError.text("TXT needs at least one string") }
            var strings: [[UInt8]] = []
            var wireLength = 0
            for token in tokens {
                let string = try Self.characterString(token.text)
                // RDLENGTH is 16 bits; a longer TXT would trap when the record is encoded.
                wireLength += 1 + string.count
                guard wireLength <= Int(UInt16.max) else { throw WireError.text("TXT data longer than 65535 octets") }
                strings.append(string)
            }
            fields.index = tokens.count
            self = .txt(strings)
        default:
            throw WireError.text("\(type) data must be written as '\\# LENGTH HEX' (RFC 3597)")
        }
        try fields.finish()
    }

    /// Decodes generic bytes through the type's wire codec, so `\#`, the type's own syntax and
    /// the wire all give the same value (`.unknown` for types without a codec of their own).
    init(genericBytes bytes: [UInt8], type: RRType) throws(WireError) {
        let decoded: Result<RData, WireError> = bytes.withUnsafeBytes { buffer in
            var reader = WireReader(buffer)
            do throws(WireError) {
                return .success(try RData(type: type, from: &reader, length: bytes.count))
            } catch {
                return .failure(error)
            }
        }
        switch decoded {
        case .success(let rdata): self = rdata
        case .failure(let error): throw WireError.text("\\# data is not valid \(type) RDATA: \(error)")
        }
    }

    static func parseGeneric(_ tokens: ArraySlice<PresentationToken>) throws(WireError) -> [UInt8] {
        guard let lengthToken = tokens.first, let length = UInt16(decimal: lengthToken.text) else {
            throw WireError.text("'\\#' must be followed by the RDATA length")
        }
        let hex = tokens.dropFirst().map(\.text).joined()
        guard hex.count % 2 == 0 else { throw WireError.text("odd number of hex digits after '\\#'") }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            // `UInt8(_:radix:)` alone would take "+f" or "-0" as a byte.
            guard hex[index..<next].allSatisfy(\.isHexDigit), let byte = UInt8(hex[index..<next], radix: 16) else {
                throw WireError.text("bad hex '\(hex[index..<next])' after '\\#'")
            }
            bytes.append(byte)
            index = next
        }
        guard bytes.count == Int(length) else {
            throw WireError.text("'\\#' says \(length) octets but gives \(bytes.count)")
        }
        return bytes
    }

    /// A character-string with `\X` and `\DDD` escapes resolved, at most 255 octets.
    static func characterString(_ text: String) throws(WireError) -> [UInt8] {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                let (value, used) = try DomainName.unescape(bytes, at: index, in: text)
                result.append(value)
                index += used
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        guard result.count <= 255 else { throw WireError.text("character-string longer than 255 octets") }
        return result
    }

    public var description: String {
        switch self {
        case .a(let address): return address.description
        case .aaaa(let address): return address.description
        case .ns(let name), .cname(let name), .ptr(let name): return name.description
        case .mx(let preference, let exchange): return "\(preference) \(exchange)"
        case .srv(let priority, let weight, let port, let target): return "\(priority) \(weight) \(port) \(target)"
        case .soa(let soa):
            return "\(soa.primary) \(soa.mailbox) \(soa.serial) \(soa.refresh) \(soa.retry) \(soa.expire) \(soa.minimum)"
        case .txt(let strings):
            return strings.map { string in
                var text = "\""
                DomainName.appendEscaped(string, to: &text, escapingDots: false)
                return text + "\""
            }.joined(separator: " ")
        case .opt, .unknown:
            let bytes = uncompressedWire
            let hex = bytes.map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
            return bytes.isEmpty ? "\\# 0" : "\\# \(bytes.count) \(hex)"
        }
    }
}
