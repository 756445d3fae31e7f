/// The text codec: presentation-format fields straight to uncompressed wire form, the one parser
/// behind `RData(type:parsing:origin:)` and the zone file loader.
extension RData {
    /// Appends to `wire` the RDATA (without its length, names uncompressed in the case written)
    /// that `fields` give for `type`, or RFC 3597's generic `\# LENGTH HEX` for any type.
    /// Relative names get `origin` appended. After an error `wire` may hold part of it.
    public static func appendWire(
        type: RRType, parsing fields: TextFields, origin: DomainName?, to wire: inout [UInt8]
    ) throws(WireError) {
        if !fields.isEmpty, !fields.isQuoted(0), isGenericMarker(fields[0]) {
            let strings = (1..<fields.count).map(fields.string)
            try RData(genericBytes: try parseGeneric(strings), type: type).appendUncompressed(to: &wire)
            return
        }
        var cursor = TokenCursor(fields: fields, type: type)
        switch type {
        case .a:
            let text = try cursor.word("address")
            guard let address = IPv4Address(text: text) else {
                throw WireError.text("bad IPv4 address '\(DomainName.string(text))'")
            }
            append(address.value, to: &wire)
        case .aaaa:
            let text = try cursor.word("address")
            guard let address = IPv6Address(text: text) else {
                throw WireError.text("bad IPv6 address '\(DomainName.string(text))'")
            }
            RData.aaaa(address).appendUncompressed(to: &wire)
        case .ns: try cursor.name("name server", origin, to: &wire)
        case .cname, .ptr: try cursor.name("target", origin, to: &wire)
        case .mx:
            append(try cursor.uint16("preference"), to: &wire)
            try cursor.name("exchange", origin, to: &wire)
        case .srv:
            append(try cursor.uint16("priority"), to: &wire)
            append(try cursor.uint16("weight"), to: &wire)
            append(try cursor.uint16("port"), to: &wire)
            try cursor.name("target", origin, to: &wire)
        case .soa:
            try cursor.name("primary server", origin, to: &wire)
            try cursor.name("mailbox", origin, to: &wire)
            append(try cursor.uint32("serial"), to: &wire)
            append(try cursor.time("refresh"), to: &wire)
            append(try cursor.time("retry"), to: &wire)
            append(try cursor.time("expire"), to: &wire)
            append(try cursor.time("minimum"), to: &wire)
        case .txt:
            guard !fields.isEmpty else { throw WireError.text("TXT needs at least one string") }
            let start = wire.count
            for index in 0..<fields.count {
                try appendCharacterString(fields[index], to: &wire)
                // RDLENGTH is 16 bits; a longer TXT would trap when the record is encoded.
                guard wire.count - start <= Int(UInt16.max) else {
                    throw WireError.text("TXT data longer than 65535 octets")
                }
            }
            cursor.index = fields.count
        default:
            throw WireError.text("\(type) data must be written as '\\# LENGTH HEX' (RFC 3597)")
        }
        try cursor.finish()
    }

    /// A bare `\#`.
    static func isGenericMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 2 && bytes[0] == UInt8(ascii: "\\") && bytes[1] == UInt8(ascii: "#")
    }

    /// A character-string with `\X` and `\DDD` escapes resolved, at most 255 octets, after its
    /// length octet.
    static func appendCharacterString(_ text: UnsafeBufferPointer<UInt8>, to wire: inout [UInt8]) throws(WireError) {
        let lengthAt = wire.count
        wire.append(0)
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "\\") {
                let (value, used) = try DomainName.unescape(text, at: index)
                wire.append(value)
                index += used
            } else {
                wire.append(text[index])
                index += 1
            }
        }
        let length = wire.count - lengthAt - 1
        guard length <= 255 else { throw WireError.text("character-string longer than 255 octets") }
        wire[lengthAt] = UInt8(length)
    }
}
