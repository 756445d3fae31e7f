import DNSWire

/// Splits master-file text into entries, one record or directive each (RFC 1035 5.1):
/// parentheses join lines, `;` starts a comment, `"..."` keeps blanks and `;`. Escapes stay
/// in the token text for DNSWire to resolve, so `\(` or `\"` never ends a token here.
struct ZoneLexer {
    struct Token: Equatable {
        var text: String
        var quoted: Bool
        var line: Int
        var column: Int

        var presentation: PresentationToken { PresentationToken(text, quoted: quoted) }
    }

    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    struct Entry {
        var tokens: [Token] = []
        /// The entry's first line began with a blank: the owner is the previous record's.
        var inheritsOwner = false
        var problems: [Problem] = []

        var isEmpty: Bool { tokens.isEmpty && problems.isEmpty }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is not part of the first owner name.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
    }

    private var column: Int { index - lineStart + 1 }

    /// The next non-empty entry, or nil at the end of the text.
    mutating func next() -> Entry? {
        var entry = Entry()
        var depth = 0
        var openedAt = (line: 0, column: 0)
        while index < bytes.count {
            let byte = bytes[index]
            if index == lineStart && depth == 0 && entry.isEmpty {
                entry.inheritsOwner = byte == Self.space || byte == Self.tab
            }
            switch byte {
            case Self.newline:
                index += 1
                line += 1
                lineStart = index
                if depth == 0 && !entry.isEmpty { return entry }
            case Self.space, Self.tab, Self.carriageReturn:
                index += 1
            case Self.semicolon:
                while index < bytes.count && bytes[index] != Self.newline { index += 1 }
            case Self.openParen:
                if depth == 0 {
                    openedAt = (line, column)
                } else {
                    entry.problems.append(Problem(line: line, column: column, message: "nested '('"))
                }
                depth += 1
                index += 1
            case Self.closeParen:
                if depth == 0 {
                    entry.problems.append(Problem(line: line, column: column, message: "')' without a matching '('"))
                } else {
                    depth -= 1
                }
                index += 1
            case Self.quote:
                entry.tokens.append(readQuoted(problems: &entry.problems))
            default:
                entry.tokens.append(readWord())
            }
        }
        if depth > 0 {
            entry.problems.append(
                Problem(
                    line: openedAt.line, column: openedAt.column,
                    message: "'(' opened at line \(openedAt.line) column \(openedAt.column) is never closed"))
        }
        return entry.isEmpty ? nil : entry
    }

    /// A bare word: up to a blank, a comment, a parenthesis or a quote.
    private mutating func readWord() -> Token {
        let start = column
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if Self.delimiters.contains(byte) { break }
            text.append(byte)
            index += 1
            if byte == Self.backslash, index < bytes.count, bytes[index] != Self.newline {
                text.append(bytes[index])
                index += 1
            }
        }
        return Token(text: String(decoding: text, as: UTF8.self), quoted: false, line: line, column: start)
    }

    /// A `"..."` string, without the quotes. It must end on the line it starts on.
    private mutating func readQuoted(problems: inout [Problem]) -> Token {
        let start = (line: line, column: column)
        index += 1
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.newline { break }
            index += 1
            if byte == Self.quote {
                return Token(
                    text: String(decoding: text, as: UTF8.self), quoted: true, line: start.line, column: start.column)
            }
            text.append(byte)
            if byte == Self.backslash, index < bytes.count, bytes[index] != Self.newline {
                text.append(bytes[index])
                index += 1
            }
        }
        problems.append(Problem(line: start.line, column: start.column, message: "unterminated quoted string"))
        return Token(text: String(decoding: text, as: UTF8.self), quoted: true, line: start.line, column: start.column)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let semicolon = UInt8(ascii: ";")
    private static let openParen = UInt8(ascii: "(")
    private static let closeParen = UInt8(ascii: ")")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let delimiters: Set<UInt8> = [
        newline, carriageReturn, space, tab, semicolon, openParen, closeParen, quote,
    ]
}
