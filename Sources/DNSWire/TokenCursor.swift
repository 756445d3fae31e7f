/// Walks the fields of one record's RDATA, naming the field in each error.
struct TokenCursor {
    let tokens: [PresentationToken]
    let type: RRType
    var index = 0

    init(tokens: [PresentationToken], type: RRType) {
        self.tokens = tokens
        self.type = type
    }

    mutating func word(_ field: String) throws(WireError) -> String {
        guard index < tokens.count else { throw WireError.text("\(type) is missing its \(field)") }
        defer { index += 1 }
        return tokens[index].text
    }

    mutating func name(_ field: String, _ origin: DomainName?) throws(WireError) -> DomainName {
        let text = try word(field)
        do {
            return try DomainName(parsing: text, origin: origin)
        } catch {
            throw WireError.text("bad \(field) '\(text)': \(error)")
        }
    }

    mutating func uint16(_ field: String) throws(WireError) -> UInt16 {
        let text = try word(field)
        guard let value = UInt16(decimal: text) else {
            throw WireError.text("bad \(field) '\(text)': expected 0-65535")
        }
        return value
    }

    mutating func uint32(_ field: String) throws(WireError) -> UInt32 {
        let text = try word(field)
        guard let value = UInt32(decimal: text) else {
            throw WireError.text("bad \(field) '\(text)': expected 0-4294967295")
        }
        return value
    }

    mutating func time(_ field: String) throws(WireError) -> UInt32 {
        let text = try word(field)
        guard let value = TimeValue.parse(text) else { throw WireError.text("bad \(field) '\(text)'") }
        return value
    }

    func finish() throws(WireError) {
        guard index >= tokens.count else {
            throw WireError.text("unexpected '\(tokens[index].text)' after the \(type) data")
        }
    }
}
