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
        var origin: DomainName?
        var defaultTTL: UInt32?
        var depth = 0
    }

    /// A record as read, before the zone-wide checks.
    struct Loaded {
        var record: ResourceRecord
        /// False when nothing gave a TTL yet: the SOA MINIMUM fills it in (RFC 1035).
        var ttlKnown: Bool
        var file: String
        var line: Int
        var column: Int
        /// Which entry of the expanded text it came from, to sort diagnostics into file order.
        var entry: Int
    }

    let path: String
    var loaded: [Loaded] = []
    /// Each with the entry it belongs to; entry 0 is the top of the file.
    private(set) var reported: [(entry: Int, diagnostic: ZoneFileDiagnostic)] = []
    /// The entry being read, counted across $INCLUDE files in the order they are read.
    var entryNumber = 0
    /// The owner a line starting with a blank inherits.
    var lastOwner: DomainName?
    /// The last owner was bad and already reported: lines inheriting it are skipped quietly.
    var ownerBroken = false
    var lastTTL: UInt32?
    var soaMinimum: UInt32?

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
        _ code: ZoneFileDiagnostic.Code, _ message: String, at token: ZoneLexer.Token, in context: Context
    ) {
        report(code, message, file: context.path, line: token.line, column: token.column)
    }

    /// Loads one file's text; `context` is that file's own copy.
    mutating func load(_ bytes: [UInt8], context: inout Context) {
        var lexer = ZoneLexer(bytes: bytes)
        while !isFull, let entry = lexer.next() {
            entryNumber += 1
            for problem in entry.problems {
                report(.syntax, problem.message, file: context.path, line: problem.line, column: problem.column)
            }
            guard let first = entry.tokens.first else { continue }
            let isDirective = !entry.inheritsOwner && !first.quoted && first.text.hasPrefix("$")
            guard entry.problems.isEmpty else {
                // Keep the owner, so the lines that inherit it are not misread as the one before.
                if !isDirective && !entry.inheritsOwner {
                    lastOwner = try? Self.name(first.text, origin: context.origin)
                    ownerBroken = lastOwner == nil
                }
                continue
            }
            if isDirective {
                directive(entry.tokens, context: &context)
            } else {
                record(entry, context: &context)
            }
        }
    }

    private mutating func directive(_ tokens: [ZoneLexer.Token], context: inout Context) {
        let keyword = tokens[0]
        let arguments = tokens.dropFirst()
        switch keyword.text.uppercased() {
        case "$ORIGIN":
            guard arguments.count == 1, let argument = arguments.first else {
                return report(.syntax, "$ORIGIN takes one domain name", at: keyword, in: context)
            }
            do {
                context.origin = try Self.name(argument.text, origin: context.origin)
            } catch {
                report(.badName, "bad $ORIGIN '\(argument.text)': \(error)", at: argument, in: context)
            }
        case "$TTL":
            guard arguments.count == 1, let argument = arguments.first else {
                return report(.syntax, "$TTL takes one TTL", at: keyword, in: context)
            }
            guard let ttl = ttl(argument, in: context) else { return }
            context.defaultTTL = ttl
        case "$INCLUDE":
            guard (1...2).contains(arguments.count) else {
                return report(.syntax, "$INCLUDE takes a file name and an optional origin", at: keyword, in: context)
            }
            include(Array(arguments), context: context)
        default:
            report(.syntax, "unknown directive '\(keyword.text)'", at: keyword, in: context)
        }
    }

    /// `$INCLUDE file [origin]`: the file relative to the including one's directory.
    private mutating func include(_ arguments: [ZoneLexer.Token], context: Context) {
        let file = arguments[0]
        var child = context
        child.depth += 1
        child.path = ZoneFileSource.resolve(file.text, relativeTo: context.path)
        if arguments.count == 2 {
            do {
                child.origin = try Self.name(arguments[1].text, origin: context.origin)
            } catch {
                return report(
                    .badName, "bad $INCLUDE origin '\(arguments[1].text)': \(error)", at: arguments[1], in: context)
            }
        }
        guard child.depth <= Self.maxIncludeDepth else {
            return report(
                .includeFailed, "$INCLUDE nested deeper than \(Self.maxIncludeDepth) files", at: file, in: context)
        }
        let bytes: [UInt8]
        do {
            bytes = try ZoneFileSource.contents(of: child.path)
        } catch {
            return report(.includeFailed, "cannot include '\(child.path)': \(error.message)", at: file, in: context)
        }
        load(bytes, context: &child)
    }

    /// A TTL token: BIND units allowed, at most 2^31 - 1; reports and returns nil otherwise.
    mutating func ttl(_ token: ZoneLexer.Token, in context: Context) -> UInt32? {
        guard let value = TimeValue.parse(token.text) else {
            report(.badTTL, "bad TTL '\(token.text)'", at: token, in: context)
            return nil
        }
        guard value <= Self.maxTTL else {
            report(.badTTL, "TTL \(value) is over \(Self.maxTTL) (RFC 2181 8)", at: token, in: context)
            return nil
        }
        return value
    }

    /// A name in presentation form. Unlike DNSWire's parser, a relative name with no origin
    /// to complete it is an error here rather than silently made absolute.
    static func name(_ text: String, origin: DomainName?) throws(WireError) -> DomainName {
        if origin == nil && !isAbsolute(text) && text != "@" {
            throw WireError.text("relative name '\(text)' with no $ORIGIN to complete it")
        }
        return try DomainName(parsing: text, origin: origin)
    }

    /// Ends in an unescaped dot: an even run of backslashes before the last `.`.
    static func isAbsolute(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.last == UInt8(ascii: ".") else { return false }
        let backslashes = bytes.dropLast().reversed().prefix { $0 == UInt8(ascii: "\\") }.count
        return backslashes % 2 == 0
    }
}
