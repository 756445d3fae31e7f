import DNSWire

extension ZoneFileLoader {
    private enum Directive {
        case origin, ttl, include

        /// The directive `keyword` names, in any case.
        init?(_ keyword: UnsafeBufferPointer<UInt8>) {
            // `uppercased()` maps a few other letters to ASCII ones: let it decide those.
            guard ASCIIText.isASCII(keyword) else {
                switch String(decoding: keyword, as: UTF8.self).uppercased() {
                case "$ORIGIN": self = .origin
                case "$TTL": self = .ttl
                case "$INCLUDE": self = .include
                default: return nil
                }
                return
            }
            if ASCIIText.equals(keyword, uppercased: Self.originKeyword) {
                self = .origin
            } else if ASCIIText.equals(keyword, uppercased: Self.ttlKeyword) {
                self = .ttl
            } else if ASCIIText.equals(keyword, uppercased: Self.includeKeyword) {
                self = .include
            } else {
                return nil
            }
        }

        static let originKeyword = Array("$ORIGIN".utf8)
        static let ttlKeyword = Array("$TTL".utf8)
        static let includeKeyword = Array("$INCLUDE".utf8)
    }

    mutating func directive(
        _ fields: TextFields, _ places: UnsafeBufferPointer<ZoneLexer.Place>, context: inout Context
    ) {
        let keyword = places[0]
        let arguments = fields.count - 1
        switch Directive(fields[0]) {
        case .origin:
            guard arguments == 1 else {
                return report(.syntax, "$ORIGIN takes one domain name", at: keyword, in: context)
            }
            do {
                context.origin = try Self.name(fields[1], origin: context.origin)
            } catch {
                report(.badName, "bad $ORIGIN '\(fields.string(1))': \(error)", at: places[1], in: context)
            }
        case .ttl:
            guard arguments == 1 else {
                return report(.syntax, "$TTL takes one TTL", at: keyword, in: context)
            }
            guard let ttl = ttl(fields, 1, at: places[1], in: context) else { return }
            context.defaultTTL = ttl
        case .include:
            guard (1...2).contains(arguments) else {
                return report(.syntax, "$INCLUDE takes a file name and an optional origin", at: keyword, in: context)
            }
            include(fields, places, context: context)
        case nil:
            report(.syntax, "unknown directive '\(fields.string(0))'", at: keyword, in: context)
        }
    }

    /// `$INCLUDE file [origin]`: the file relative to the including one's directory.
    private mutating func include(
        _ fields: TextFields, _ places: UnsafeBufferPointer<ZoneLexer.Place>, context: Context
    ) {
        let file = places[1]
        var child = context
        child.depth += 1
        child.path = ZoneFileSource.resolve(fields.string(1), relativeTo: context.path)
        if fields.count == 3 {
            do {
                child.origin = try Self.name(fields[2], origin: context.origin)
            } catch {
                return report(
                    .badName, "bad $INCLUDE origin '\(fields.string(2))': \(error)", at: places[2], in: context)
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

    /// Field `index`, a TTL: BIND units allowed, at most 2^31 - 1; reports and returns nil otherwise.
    mutating func ttl(_ fields: TextFields, _ index: Int, at place: ZoneLexer.Place, in context: Context) -> UInt32? {
        guard let value = TimeValue.parse(fields[index]) else {
            report(.badTTL, "bad TTL '\(fields.string(index))'", at: place, in: context)
            return nil
        }
        guard value <= Self.maxTTL else {
            report(.badTTL, "TTL \(value) is over \(Self.maxTTL) (RFC 2181 8)", at: place, in: context)
            return nil
        }
        return value
    }

    /// A name in presentation form. Unlike DNSWire's parser, a relative name with no origin
    /// to complete it is an error here rather than silently made absolute.
    static func name(_ text: UnsafeBufferPointer<UInt8>, origin: DomainName?) throws(WireError) -> DomainName {
        var wire: [UInt8] = []
        try appendName(text, origin: origin, to: &wire)
        return NameTable.name(wire[...])
    }

    static func appendName(
        _ text: UnsafeBufferPointer<UInt8>, origin: DomainName?, to wire: inout [UInt8]
    ) throws(WireError) {
        if origin == nil && !isAbsolute(text) && !(text.count == 1 && text[0] == UInt8(ascii: "@")) {
            throw WireError.text(
                "relative name '\(String(decoding: text, as: UTF8.self))' with no $ORIGIN to complete it")
        }
        try DomainName.appendWire(parsing: text, origin: origin, to: &wire)
    }

    /// Ends in an unescaped dot: an even run of backslashes before the last `.`.
    static func isAbsolute(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.last == UInt8(ascii: ".") else { return false }
        let backslashes = text.dropLast().reversed().prefix { $0 == UInt8(ascii: "\\") }.count
        return backslashes % 2 == 0
    }
}
