import DNSWire

extension ZoneFileLoader {
    /// `[owner] [TTL] [class] type RDATA`, TTL and class in either order (RFC 1035 5.1).
    mutating func record(_ entry: ZoneLexer.Entry, context: inout Context) {
        var tokens = entry.tokens[...]
        let start = entry.tokens[0]
        guard let owner = owner(entry, tokens: &tokens, context: context) else { return }

        var explicitTTL: UInt32? = nil
        var sawClass = false
        // A type mnemonic never starts with a digit and is never a class: that tells them apart.
        while let token = tokens.first, !token.quoted {
            if !sawClass, let rrClass = RRClass(mnemonic: token.text) {
                guard rrClass == .in else {
                    return report(.wrongClass, "class \(rrClass) is not served: only IN", at: token, in: context)
                }
                sawClass = true
            } else if !sawClass, token.text.uppercased().hasPrefix("CLASS") {
                return report(.unknownClass, "unknown class '\(token.text)'", at: token, in: context)
            } else if explicitTTL == nil, let digit = token.text.utf8.first, digit >= 48 && digit <= 57 {
                guard let value = ttl(token, in: context) else { return }
                explicitTTL = value
            } else {
                break
            }
            tokens.removeFirst()
        }

        guard let typeToken = tokens.popFirst() else {
            return report(.syntax, "record has no type", at: entry.tokens.last ?? start, in: context)
        }
        guard let type = RRType(mnemonic: typeToken.text), !typeToken.quoted else {
            return report(.unknownType, "unknown type '\(typeToken.text)'", at: typeToken, in: context)
        }
        guard !type.isMeta else {
            return report(.unknownType, "type \(type) cannot appear in a zone", at: typeToken, in: context)
        }

        // With no origin yet, an SOA with an absolute owner supplies it.
        if context.origin == nil && type == .soa { context.origin = owner }
        let rdataStart = tokens.first ?? typeToken
        let rdata: RData
        do {
            rdata = try Self.rdata(type: type, tokens: tokens.map(\.presentation), origin: context.origin)
        } catch {
            return report(.badRData, "\(error)", at: rdataStart, in: context)
        }
        if case .soa(let soa) = rdata, soaMinimum == nil { soaMinimum = soa.minimum }

        let ttl = explicitTTL ?? context.defaultTTL ?? lastTTL ?? soaMinimum
        if let ttl { lastTTL = ttl }
        loaded.append(
            Loaded(
                record: ResourceRecord(name: owner, type: type, rrClass: .in, ttl: ttl ?? 0, rdata: rdata),
                ttlKnown: ttl != nil, file: context.path, line: start.line, column: start.column, entry: entryNumber))
    }

    /// The written owner (removed from `tokens`), or the inherited one for a line starting
    /// with a blank. Nil after a reported error.
    private mutating func owner(
        _ entry: ZoneLexer.Entry, tokens: inout ArraySlice<ZoneLexer.Token>, context: Context
    ) -> DomainName? {
        if entry.inheritsOwner {
            if lastOwner == nil && !ownerBroken {
                report(.syntax, "no previous owner for this record to inherit", at: entry.tokens[0], in: context)
            }
            return lastOwner
        }
        let token = tokens.removeFirst()
        do {
            lastOwner = try Self.name(token.text, origin: context.origin)
            ownerBroken = false
        } catch {
            lastOwner = nil
            ownerBroken = true
            report(.badName, "bad owner name '\(token.text)': \(error)", at: token, in: context)
        }
        return lastOwner
    }

    /// DNSWire's RDATA parser, but a relative name in the data with no origin is an error.
    /// DNSWire would make it absolute, so a second parse against a marker origin finds it.
    static func rdata(type: RRType, tokens: [PresentationToken], origin: DomainName?) throws(WireError) -> RData {
        let rdata = try RData(type: type, parsing: tokens, origin: origin)
        if origin == nil, (try? RData(type: type, parsing: tokens, origin: marker)) != rdata {
            throw WireError.text("relative name in the \(type) data with no $ORIGIN to complete it")
        }
        return rdata
    }

    /// A one-octet label no real zone uses, as short as possible so names stay under 255.
    private static let marker = DomainName.root.prepending(label: [0])!
}
