extension RData: CustomStringConvertible {
    /// Parses the RDATA fields of a record of `type` in presentation format, or RFC 3597's
    /// generic `\# LENGTH HEX` for any type. Relative names get `origin` appended.
    public init(type: RRType, parsing tokens: [PresentationToken], origin: DomainName?) throws(WireError) {
        var wire: [UInt8] = []
        try TextFields.withFields(tokens) { fields throws(WireError) in
            try Self.appendWire(type: type, parsing: fields, origin: origin, to: &wire)
        }
        // The text codec writes the wire form; the wire codec makes the value.
        let decoded: Result<RData, WireError> = wire.withUnsafeBytes { buffer in
            var reader = WireReader(buffer)
            do throws(WireError) {
                return .success(try RData(type: type, from: &reader, length: buffer.count))
            } catch {
                return .failure(error)
            }
        }
        self = try decoded.get()
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

    /// The octets of `\# LENGTH HEX` after the `\#`. Rare enough to read as strings: hex digits
    /// are counted as characters, the way the messages count them.
    static func parseGeneric(_ tokens: [String]) throws(WireError) -> [UInt8] {
        guard let lengthToken = tokens.first, let length = UInt16(decimal: lengthToken) else {
            throw WireError.text("'\\#' must be followed by the RDATA length")
        }
        let hex = tokens.dropFirst().joined()
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
