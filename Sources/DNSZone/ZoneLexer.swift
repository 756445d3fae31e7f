import DNSWire

/// Splits master-file text into entries, one record or directive each (RFC 1035 5.1):
/// parentheses join lines, `;` starts a comment, `"..."` keeps blanks and `;`. Escapes stay
/// in the token text for DNSWire to resolve, so `\(` or `\"` never ends a token here.
struct ZoneLexer {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// Where a token starts, 1-based, the column in bytes.
    struct Place {
        var line: Int
        var column: Int
    }

    /// One entry's tokens. Reused from entry to entry, so reading a file makes no allocation
    /// per token.
    struct Entry {
        /// Where each token lies: in the lexer's text, or in `repaired` once a token needed
        /// repair (then every token of the entry is copied there).
        var spans: [TextSpan] = []
        var places: [Place] = []
        var repaired: [UInt8] = []
        var isRepaired = false
        /// The entry's first line began with a blank: the owner is the previous record's.
        var inheritsOwner = false
        var problems: [Problem] = []

        var isEmpty: Bool { spans.isEmpty && problems.isEmpty }

        mutating func clear() {
            spans.removeAll(keepingCapacity: true)
            places.removeAll(keepingCapacity: true)
            if isRepaired {
                repaired.removeAll(keepingCapacity: true)
                isRepaired = false
            }
            inheritsOwner = false
            if !problems.isEmpty { problems = [] }
        }
    }

    /// The text, borrowed from the caller for as long as the lexer is used.
    let text: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.text = bytes
        // A UTF-8 byte order mark is not part of the first owner name.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
    }

    /// Reads the next non-empty entry into `entry`; false at the end of the text.
    mutating func next(into entry: inout Entry) -> Bool {
        entry.clear()
        let bytes = text
        // The position lives in locals while scanning, and goes back at the end.
        var index = self.index
        var line = self.line
        var lineStart = self.lineStart
        defer {
            self.index = index
            self.line = line
            self.lineStart = lineStart
        }
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
                if depth == 0 && !entry.isEmpty { return true }
            case Self.space, Self.tab, Self.carriageReturn:
                index += 1
            case Self.semicolon:
                while index < bytes.count && bytes[index] != Self.newline { index += 1 }
            case Self.openParen:
                if depth == 0 {
                    openedAt = (line, index - lineStart + 1)
                } else {
                    entry.problems.append(Problem(line: line, column: index - lineStart + 1, message: "nested '('"))
                }
                depth += 1
                index += 1
            case Self.closeParen:
                if depth == 0 {
                    entry.problems.append(
                        Problem(line: line, column: index - lineStart + 1, message: "')' without a matching '('"))
                } else {
                    depth -= 1
                }
                index += 1
            case Self.quote:
                // A `"..."` string, without the quotes. It must end on the line it starts on.
                let column = index - lineStart + 1
                index += 1
                let start = index
                var high: UInt8 = 0
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == Self.newline { break }
                    index += 1
                    high |= byte
                    if byte == Self.quote {
                        closed = true
                        break
                    }
                    if byte == Self.backslash, index < bytes.count, bytes[index] != Self.newline {
                        high |= bytes[index]
                        index += 1
                    }
                }
                if !closed {
                    entry.problems.append(Problem(line: line, column: column, message: "unterminated quoted string"))
                }
                let end = closed ? index - 1 : index
                add(start..<end, quoted: true, ascii: high < 0x80, Place(line: line, column: column), to: &entry)
            default:
                // A bare word: up to a blank, a comment, a parenthesis or a quote.
                let start = index
                var high: UInt8 = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte < 64 && Self.delimiters & (1 << UInt64(byte)) != 0 { break }
                    index += 1
                    high |= byte
                    if byte == Self.backslash, index < bytes.count, bytes[index] != Self.newline {
                        high |= bytes[index]
                        index += 1
                    }
                }
                add(
                    start..<index, quoted: false, ascii: high < 0x80, Place(line: line, column: start - lineStart + 1),
                    to: &entry)
            }
        }
        if depth > 0 {
            entry.problems.append(
                Problem(
                    line: openedAt.line, column: openedAt.column,
                    message: "'(' opened at line \(openedAt.line) column \(openedAt.column) is never closed"))
        }
        return !entry.isEmpty
    }

    /// Adds the token at `range`. Text that is not UTF-8 is repaired the way
    /// `String(decoding:as:)` repairs it, as tokens always were strings: the entry's tokens
    /// then move to its own buffer.
    private func add(_ range: Range<Int>, quoted: Bool, ascii: Bool, _ place: Place, to entry: inout Entry) {
        entry.places.append(place)
        let token = UnsafeBufferPointer(rebasing: text[range])
        var repair: [UInt8]? = nil
        if !ascii {
            let decoded = Array(String(decoding: token, as: UTF8.self).utf8)
            if !decoded.elementsEqual(token) { repair = decoded }
        }
        if repair != nil && !entry.isRepaired {
            for index in entry.spans.indices {
                let span = entry.spans[index]
                entry.spans[index].start = entry.repaired.count
                entry.repaired.append(
                    contentsOf: UnsafeBufferPointer(rebasing: text[span.start..<span.start + span.count]))
            }
            entry.isRepaired = true
        }
        guard entry.isRepaired else {
            entry.spans.append(TextSpan(start: range.lowerBound, count: range.count, quoted: quoted))
            return
        }
        let start = entry.repaired.count
        if let repair { entry.repaired += repair } else { entry.repaired.append(contentsOf: token) }
        entry.spans.append(TextSpan(start: start, count: entry.repaired.count - start, quoted: quoted))
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
    /// Bytes that end a bare word, as bits of a mask (all are below 64): tab, newline, carriage
    /// return, space, quote, parentheses and semicolon.
    private static let delimiters: UInt64 = 1 << 9 | 1 << 10 | 1 << 13 | 1 << 32 | 1 << 34 | 1 << 40 | 1 << 41 | 1 << 59
}
