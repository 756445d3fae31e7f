extension DomainName: CustomStringConvertible {
    /// Parses presentation format: labels separated by dots, `\X` and `\DDD` escapes, a
    /// trailing dot for absolute names, `@` for the origin. Relative names get `origin`
    /// appended (the root when there is none).
    public init(parsing text: some StringProtocol, origin: DomainName? = nil) throws(WireError) {
        let bytes = Array(text.utf8)
        if bytes == [UInt8(ascii: "@")] {
            guard let origin else { throw WireError.text("'@' used without an origin") }
            self = origin
            return
        }
        if bytes == [UInt8(ascii: ".")] {
            self = .root
            return
        }
        guard !bytes.isEmpty else { throw WireError.text("empty name") }
        var labels: [[UInt8]] = []
        var label: [UInt8] = []
        var index = 0
        var absolute = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !label.isEmpty else { throw WireError.text("empty label in '\(text)'") }
                labels.append(label)
                label = []
                index += 1
                if index == bytes.count { absolute = true }
                continue
            }
            if byte == UInt8(ascii: "\\") {
                let (value, used) = try Self.unescape(bytes, at: index, in: text)
                label.append(value)
                index += used
            } else {
                label.append(byte)
                index += 1
            }
            guard label.count <= Self.maxLabelLength else {
                throw WireError(.labelTooLong, "label longer than 63 octets in '\(text)'")
            }
        }
        if !label.isEmpty { labels.append(label) }
        var wire: [UInt8] = []
        for label in labels {
            wire.append(UInt8(label.count))
            wire.append(contentsOf: label)
        }
        if absolute || origin == nil {
            wire.append(0)
        } else if let origin {
            wire.append(contentsOf: origin.wire)
        }
        guard wire.count <= Self.maxLength else {
            throw WireError(.nameTooLong, "name longer than 255 octets: '\(text)'")
        }
        self.init(uncheckedWire: wire)
    }

    /// Decodes the escape at `bytes[index]` (a backslash): `\DDD` or `\X`. Returns the byte and
    /// how many input bytes it used.
    static func unescape(_ bytes: [UInt8], at index: Int, in text: some StringProtocol) throws(WireError) -> (
        UInt8, Int
    ) {
        guard index + 1 < bytes.count else { throw WireError.text("dangling '\\' in '\(text)'") }
        let next = bytes[index + 1]
        guard isDigit(next) else { return (next, 2) }
        guard index + 3 < bytes.count, isDigit(bytes[index + 2]), isDigit(bytes[index + 3]) else {
            throw WireError.text("'\\DDD' needs three digits in '\(text)'")
        }
        let value = Int(next - 48) * 100 + Int(bytes[index + 2] - 48) * 10 + Int(bytes[index + 3] - 48)
        guard value <= 255 else { throw WireError.text("'\\\(value)' is over 255 in '\(text)'") }
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
