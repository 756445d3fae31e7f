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

    /// The bytes of an even-length hex string of at most `max` bytes, or nil. Works on the
    /// UTF-8 bytes: a cursor is client input and may hold any character.
    private static func bytes(_ text: Substring, max: Int) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0, digits.count <= 2 * max else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for pair in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[pair]), let low = hexValue(digits[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
