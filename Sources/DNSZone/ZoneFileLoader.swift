import DNSWire

/// The state of one parse: walks each file's entries, runs the `$` directives, follows
/// $INCLUDE, and collects records and diagnostics. The zone-wide rules come afterwards
/// (`ZoneFileLoader+Validation`), once every record is known.
struct ZoneFileLoader {
    static let maxDiagnostics = 100
    static let maxIncludeDepth = 8
    /// RFC 2181 8: a TTL is 0 to 2^31 - 1.
    static let maxTTL: UInt32 = 2_147_483_647

    /// What $INCLUDE scopes: the included file's $ORIGIN and $TTL do not leak back.
    struct Context {
        var path: String
        /// `path`'s number in `paths`.
        var file: Int32 = 0
        var origin: DomainName?
        var defaultTTL: UInt32?
        var depth = 0
    }

    /// Where a record was read, for the zone-wide diagnostics; one per row of `table`.
    struct Place {
        /// Which entry of the expanded text it came from, to sort diagnostics into file order.
        var entry: Int
        var file: Int32
        var line: Int32
        var column: Int32
    }

    let path: String
    /// The records as read, before the zone-wide checks.
    var table = RecordTable()
    var locations: [Place] = []
    /// Every file read, by number.
    var paths: [String] = []
    /// Each with the entry it belongs to; entry 0 is the top of the file.
    private(set) var reported: [(entry: Int, diagnostic: ZoneFileDiagnostic)] = []
    /// The entry being read, counted across $INCLUDE files in the order they are read.
    var entryNumber = 0
    /// The owner a line starting with a blank inherits.
    var lastOwner: Int32?
    /// The last owner was bad and already reported: lines inheriting it are skipped quietly.
    var ownerBroken = false
    var lastTTL: UInt32?
    var soaMinimum: UInt32?
    /// Where each owner name is parsed before it is looked up.
    var scratch: [UInt8] = []

    init(path: String) {
        self.path = path
    }

    var isFull: Bool { reported.count >= Self.maxDiagnostics }

    /// In file order: the zone-wide checks report after everything is read.
    var diagnostics: [ZoneFileDiagnostic] {
        reported.enumerated().sorted { ($0.element.entry, $0.offset) < ($1.element.entry, $1.offset) }
            .map(\.element.diagnostic)
    }

    mutating func report(
        _ code: ZoneFileDiagnostic.Code, _ message: String, file: String, line: Int, column: Int, entry: Int? = nil
    ) {
        guard !isFull else { return }
        let diagnostic = ZoneFileDiagnostic(file: file, line: line, column: column, code: code, message: message)
        reported.append((entry ?? entryNumber, diagnostic))
    }

    mutating func report(
        _ code: ZoneFileDiagnostic.Code, _ message: String, at place: ZoneLexer.Place, in context: Context
    ) {
        report(code, message, file: context.path, line: place.line, column: place.column)
    }

    /// Loads one file's text; `context` is that file's own copy.
    mutating func load(_ bytes: [UInt8], context: inout Context) {
        context.file = Int32(paths.count)
        paths.append(context.path)
        if context.depth == 0 { reserve(for: bytes) }
        bytes.withUnsafeBufferPointer { load(ZoneLexer(bytes: $0), context: &context) }
    }

    private mutating func load(_ lexer: ZoneLexer, context: inout Context) {
        var lexer = lexer
        var entry = ZoneLexer.Entry()
        while !isFull, lexer.next(into: &entry) {
            entryNumber += 1
            for problem in entry.problems {
                report(.syntax, problem.message, file: context.path, line: problem.line, column: problem.column)
            }
            guard !entry.spans.isEmpty else { continue }
            if entry.isRepaired {
                let repaired = entry.repaired
                repaired.withUnsafeBufferPointer { read(entry, in: $0, context: &context) }
            } else {
                read(entry, in: lexer.text, context: &context)
            }
        }
    }

    /// `entry`, whose tokens lie in `text`.
    private mutating func read(
        _ entry: borrowing ZoneLexer.Entry, in text: UnsafeBufferPointer<UInt8>, context: inout Context
    ) {
        let inheritsOwner = entry.inheritsOwner
        let clean = entry.problems.isEmpty
        entry.spans.withUnsafeBufferPointer { spans in
            entry.places.withUnsafeBufferPointer { places in
                read(
                    TextFields(text: text, spans: spans), places, inheritsOwner: inheritsOwner, clean: clean,
                    context: &context)
            }
        }
    }

    /// One entry's tokens (`places` says where each starts); `clean` when the lexer found no
    /// problem in it.
    private mutating func read(
        _ fields: TextFields, _ places: UnsafeBufferPointer<ZoneLexer.Place>, inheritsOwner: Bool, clean: Bool,
        context: inout Context
    ) {
        let isDirective = !inheritsOwner && !fields.isQuoted(0) && Self.startsWithDollar(fields[0])
        guard clean else {
            // Keep the owner, so the lines that inherit it are not misread as the one before.
            if !isDirective && !inheritsOwner {
                lastOwner = try? owner(fields[0], origin: context.origin)
                ownerBroken = lastOwner == nil
            }
            return
        }
        if isDirective {
            directive(fields, places, context: &context)
        } else {
            record(fields, places, inheritsOwner: inheritsOwner, context: &context)
        }
    }

    /// `$` first, as `String.hasPrefix` sees it: not when a combining mark joins it.
    static func startsWithDollar(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.first == UInt8(ascii: "$") else { return false }
        return text.count == 1 || text[1] < 0x80 || String(decoding: text, as: UTF8.self).hasPrefix("$")
    }

    /// Room for the rows of the top file, a record a line at most (included files grow it).
    private mutating func reserve(for bytes: [UInt8]) {
        let lines = bytes.withUnsafeBytes(Self.newlines) + 1
        table.rows.reserveCapacity(lines)
        locations.reserveCapacity(lines)
    }

    /// The newlines in `bytes`, eight octets at a time: an octet equal to 0x0A becomes zero
    /// after the XOR, and only zero octets keep their high bit clear after adding 0x7F.
    static func newlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
            count += (~((word & low) &+ low | word) & ~low).nonzeroBitCount
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] == 0x0A { count += 1 }
            offset += 1
        }
        return count
    }
}
