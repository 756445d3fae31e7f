extension DomainName: CustomStringConvertible {
    /// Parses presentation format: labels separated by dots, `\X` and `\DDD` escapes, a
    /// trailing dot for absolute names, `@` for the origin. Relative names get `origin`
    /// appended (the root when there is none).
    public init(parsing text: some StringProtocol, origin: DomainName? = nil) throws(WireError) {
        var wire: [UInt8] = []
        try Array(text.utf8).withUnsafeBufferPointer { bytes throws(WireError) in
            try Self.appendWire(parsing: bytes, origin: origin, to: &wire)
        }
        self.init(uncheckedWire: wire)
    }

    /// Appends the wire form of the name `text` writes (as `init(parsing:origin:)` reads it) to
    /// `wire`. After an error `wire` may hold part of it.
    public static func appendWire(
        parsing text: UnsafeBufferPointer<UInt8>, origin: DomainName?, to wire: inout [UInt8]
    ) throws(WireError) {
        if text.count == 1 && text[0] == UInt8(ascii: "@") {
            guard let origin else { throw WireError.text("'@' used without an origin") }
            origin.wire.withUnsafeBufferPointer { wire.append(contentsOf: $0) }
            return
        }
        if text.count == 1 && text[0] == UInt8(ascii: ".") {
            wire.append(0)
            return
        }
        guard !text.isEmpty else { throw WireError.text("empty name") }
        let start = wire.count
        // Each label's length octet is written once the label ends; the one after a final dot
        // stays 0 and ends the name.
        var lengthAt = wire.count
        wire.append(0)
        var labelLength = 0
        var absolute = false
        var index = 0
        while index < text.count {
            // Plain octets up to the next dot or escape go in at once.
            var end = index
            while end < text.count && text[end] != UInt8(ascii: ".") && text[end] != UInt8(ascii: "\\") { end += 1 }
            if end > index {
                labelLength += end - index
                guard labelLength <= maxLabelLength else {
                    throw WireError(.labelTooLong, "label longer than 63 octets in '\(Self.string(text))'")
                }
                wire.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<end]))
                index = end
                if index == text.count { break }
            }
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0 else { throw WireError.text("empty label in '\(Self.string(text))'") }
                wire[lengthAt] = UInt8(labelLength)
                index += 1
                if index == text.count { absolute = true }
                lengthAt = wire.count
                wire.append(0)
                labelLength = 0
                continue
            }
            let (value, used) = try unescape(text, at: index)
            wire.append(value)
            index += used
            labelLength += 1
            guard labelLength <= maxLabelLength else {
                throw WireError(.labelTooLong, "label longer than 63 octets in '\(Self.string(text))'")
            }
        }
        if labelLength > 0 {
            wire[lengthAt] = UInt8(labelLength)
            if absolute || origin == nil {
                wire.append(0)
            } else if let origin {
                origin.wire.withUnsafeBufferPointer { wire.append(contentsOf: $0) }
            }
        }
        guard wire.count - start <= maxLength else {
            throw WireError(.nameTooLong, "name longer than 255 octets: '\(Self.string(text))'")
        }
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Decodes the escape at `bytes[index]` (a backslash): `\DDD` or `\X`. Returns the byte and
    /// how many input bytes it used. Messages quote the whole of `bytes`.
    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws(WireError) -> (UInt8, Int) {
        guard index + 1 < bytes.count else { throw WireError.text("dangling '\\' in '\(string(bytes))'") }
        let next = bytes[index + 1]
        guard isDigit(next) else { return (next, 2) }
        guard index + 3 < bytes.count, isDigit(bytes[index + 2]), isDigit(bytes[index + 3]) else {
            throw WireError.text("'\\DDD' needs three digits in '\(string(bytes))'")
        }
        let value = Int(next - 48) * 100 + Int(bytes[index + 2] - 48) * 10 + Int(bytes[index + 3] - 48)
        guard value <= 255 else { throw WireError.text("'\\\(value)' is over 255 in '\(string(bytes))'") }
        return (UInt8(value), 4)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// Absolute presentation form with a trailing dot; special and non-printable octets escaped.
    public var description: String {
        if isRoot { return "." }
        var text = ""
        for label in labels {
            Self.appendEscaped(label, to: &text, escapingDots: true)
            text.append(".")
        }
        return text
    }

    static func appendEscaped(_ bytes: some Sequence<UInt8>, to text: inout String, escapingDots: Bool) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ";"),
                UInt8(ascii: " "), UInt8(ascii: "@"), UInt8(ascii: "$"):
                if escapingDots || byte != UInt8(ascii: ".") && byte != UInt8(ascii: " ") { text.append("\\") }
                text.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: "\\"), UInt8(ascii: "\""):
                text.append("\\")
                text.unicodeScalars.append(UnicodeScalar(byte))
            case 0x21...0x7E:
                text.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let digits = String(byte)
                text.append("\\" + String(repeating: "0", count: 3 - digits.count) + digits)
            }
        }
    }
}

extension DomainName {
    /// The name as users write zone names: `ecs.internal`, without the trailing dot (`.` for the root).
    public var displayName: String { isRoot ? "." : String(description.dropLast()) }
}
