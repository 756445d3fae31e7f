/// The listing cursor: `NAMEKEY.TYPE.SOURCE` or, after a choice of a group,
/// `NAMEKEY.TYPE.SOURCE.IDENTIFIER`, the keys in hex. Opaque to callers.
extension Listing {
    static func encode(_ position: Position) -> String {
        let base = "\(hex(position.sortKey)).\(position.type).\(position.source)"
        return position.identifier.map { base + "." + hex($0) } ?? base
    }

    static func decode(_ cursor: String) throws(RegistryError) -> Position {
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false)
        let bad = RegistryError(.invalidRequest, field: "cursor", "cursor '\(cursor)' was not returned by this API")
        guard parts.count == 3 || parts.count == 4, let type = UInt16(parts[1]), let source = UInt8(parts[2]),
            let key = bytes(parts[0], max: 512)
        else { throw bad }
        var identifier: [UInt8]?
        if parts.count == 4 {
            guard let given = bytes(parts[3], max: 4 * RoutingInput.maxIdentifierLength), !given.isEmpty else {
                throw bad
            }
            identifier = given
        }
        return Position(sortKey: key, type: type, source: source, identifier: identifier)
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// The bytes of an even-length hex string of at most `max` bytes, or nil.
    private static func bytes(_ text: Substring, max: Int) -> [UInt8]? {
        guard text.utf8.count % 2 == 0, text.utf8.count <= 2 * max else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard text[index..<next].allSatisfy(\.isHexDigit), let byte = UInt8(text[index..<next], radix: 16)
            else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
