/// Walks the fields of one record's RDATA, naming the field in each error.
struct TokenCursor {
    let fields: TextFields
    let type: RRType
    var index = 0

    init(fields: TextFields, type: RRType) {
        self.fields = fields
        self.type = type
    }

    mutating func word(_ field: String) throws(WireError) -> UnsafeBufferPointer<UInt8> {
        guard index < fields.count else { throw WireError.text("\(type) is missing its \(field)") }
        defer { index += 1 }
        return fields[index]
    }

    mutating func name(_ field: String, _ origin: DomainName?, to wire: inout [UInt8]) throws(WireError) {
        let text = try word(field)
        do {
            try DomainName.appendWire(parsing: text, origin: origin, to: &wire)
        } catch {
            throw WireError.text("bad \(field) '\(DomainName.string(text))': \(error)")
        }
    }

    mutating func uint16(_ field: String) throws(WireError) -> UInt16 {
        let text = try word(field)
        guard let value = UInt16(decimal: text) else {
            throw WireError.text("bad \(field) '\(DomainName.string(text))': expected 0-65535")
        }
        return value
    }

    mutating func uint32(_ field: String) throws(WireError) -> UInt32 {
        let text = try word(field)
        guard let value = UInt32(decimal: text) else {
            throw WireError.text("bad \(field) '\(DomainName.string(text))': expected 0-4294967295")
        }
        return value
    }

    mutating func time(_ field: String) throws(WireError) -> UInt32 {
        let text = try word(field)
        guard let value = TimeValue.parse(text) else {
            throw WireError.text("bad \(field) '\(DomainName.string(text))'")
        }
        return value
    }

    func finish() throws(WireError) {
        guard index >= fields.count else {
            throw WireError.text("unexpected '\(fields.string(index))' after the \(type) data")
        }
    }
}
