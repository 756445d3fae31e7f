import DNSWire

/// Reads RFC 1035 section 5 master files: $ORIGIN, $TTL, $INCLUDE, parentheses, comments,
/// quoted strings, BIND TTL units and RFC 3597 generic types. Every problem becomes a
/// diagnostic naming file:line:column; parsing goes on to the next record after one.
public enum ZoneFileParser {
    /// Reads and validates the zone at `path`. `origin` is the zone name expected (from the file
    /// name NAME.zone when loading a directory); when nil, the SOA owner (or the initial $ORIGIN) decides.
    public static func parse(
        path: String, origin: DomainName? = nil, defaultTTL: UInt32? = nil
    ) throws(ZoneFileError) -> ZoneFile {
        let bytes: [UInt8]
        do {
            bytes = try ZoneFileSource.contents(of: path)
        } catch {
            throw ZoneFileError(diagnostics: [
                ZoneFileDiagnostic(
                    file: path, line: 0, column: 0, code: .unreadable, message: "cannot read: \(error.message)")
            ])
        }
        return try parse(bytes: consume bytes, path: path, origin: origin, defaultTTL: defaultTTL)
    }

    /// Parses `text` as if read from `path`; $INCLUDE resolves against the path's directory.
    public static func parse(
        text: String, path: String = "<text>", origin: DomainName? = nil
    ) throws(ZoneFileError) -> ZoneFile {
        try parse(bytes: Array(text.utf8), path: path, origin: origin, defaultTTL: nil)
    }

    static func parse(
        bytes: consuming [UInt8], path: String, origin: DomainName?, defaultTTL: UInt32?
    ) throws(ZoneFileError) -> ZoneFile {
        var loader = ZoneFileLoader(path: path)
        var context = ZoneFileLoader.Context(path: path, origin: origin, defaultTTL: defaultTTL)
        loader.load(bytes, context: &context)
        // The text is read: its memory can go before the checks take theirs.
        _ = consume bytes
        guard let zone = loader.validate(expected: origin) else {
            throw ZoneFileError(diagnostics: loader.diagnostics)
        }
        return zone
    }
}
