import DNSWire

/// Splits one record's RDATA text into fields the way a zone file would: blanks separate,
/// `"..."` keeps blanks, and escapes stay in the text for DNSWire to resolve (so `\"` never
/// ends a string and `\ ` never ends a word). Parentheses and `;` are plain characters here:
/// a record in a JSON string is always one line.
enum RecordTokenizer {
    static func tokens(_ text: String) throws(WireError) -> [PresentationToken] {
        let bytes = Array(text.utf8)
        var tokens: [PresentationToken] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isBlank(byte) {
                index += 1
                continue
            }
            let quoted = byte == quote
            if quoted { index += 1 }
            var token: [UInt8] = []
            var closed = !quoted
            while index < bytes.count {
                let current = bytes[index]
                if quoted && current == quote {
                    closed = true
                    index += 1
                    break
                }
                if !quoted && (isBlank(current) || current == quote) { break }
                token.append(current)
                index += 1
                if current == backslash, index < bytes.count {
                    token.append(bytes[index])
                    index += 1
                }
            }
            guard closed else { throw WireError.text("unterminated quoted string in '\(text)'") }
            tokens.append(PresentationToken(String(decoding: token, as: UTF8.self), quoted: quoted))
        }
        guard !tokens.isEmpty else { throw WireError.text("empty record") }
        return tokens
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
