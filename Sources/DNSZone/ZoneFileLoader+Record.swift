import DNSWire

extension ZoneFileLoader {
    /// `[owner] [TTL] [class] type RDATA`, TTL and class in either order (RFC 1035 5.1).
    mutating func record(
        _ fields: TextFields, _ places: UnsafeBufferPointer<ZoneLexer.Place>, inheritsOwner: Bool,
        context: inout Context
    ) {
        let start = places[0]
        var next = 0
        let owner: Int32
        if inheritsOwner {
            if lastOwner == nil && !ownerBroken {
                report(.syntax, "no previous owner for this record to inherit", at: start, in: context)
            }
            guard let lastOwner else { return }
            owner = lastOwner
        } else {
            next = 1
            do {
                owner = try self.owner(fields[0], origin: context.origin)
                lastOwner = owner
                ownerBroken = false
            } catch {
                lastOwner = nil
                ownerBroken = true
                return report(.badName, "bad owner name '\(fields.string(0))': \(error)", at: start, in: context)
            }
        }

        var explicitTTL: UInt32? = nil
        var sawClass = false
        // A type mnemonic never starts with a digit and is never a class: that tells them apart.
        while next < fields.count, !fields.isQuoted(next) {
            let text = fields[next]
            // No class starts with a digit: a TTL is the one thing such a field can be.
            let digit = text.first.map(ASCIIText.isDigit) ?? false
            if !sawClass, !digit, let rrClass = RRClass(mnemonic: text) {
                guard rrClass == .in else {
                    return report(
                        .wrongClass, "class \(rrClass) is not served: only IN", at: places[next], in: context)
                }
                sawClass = true
            } else if !sawClass, !digit, Self.startsWithClass(text) {
                return report(.unknownClass, "unknown class '\(fields.string(next))'", at: places[next], in: context)
            } else if explicitTTL == nil, digit {
                guard let value = ttl(fields, next, at: places[next], in: context) else { return }
                explicitTTL = value
            } else {
                break
            }
            next += 1
        }

        guard next < fields.count else {
            return report(.syntax, "record has no type", at: places[fields.count - 1], in: context)
        }
        let typeAt = places[next]
        guard let type = RRType(mnemonic: fields[next]), !fields.isQuoted(next) else {
            return report(.unknownType, "unknown type '\(fields.string(next))'", at: typeAt, in: context)
        }
        guard !type.isMeta else {
            return report(.unknownType, "type \(type) cannot appear in a zone", at: typeAt, in: context)
        }
        next += 1

        // With no origin yet, an SOA with an absolute owner supplies it.
        if context.origin == nil && type == .soa { context.origin = table.names.name(owner) }
        let rdataStart = table.arena.count
        do {
            try Self.appendRData(type: type, fields.dropFirst(next), origin: context.origin, to: &table.arena)
        } catch {
            table.arena.removeSubrange(rdataStart...)
            return report(.badRData, "\(error)", at: next < fields.count ? places[next] : typeAt, in: context)
        }
        if type == .soa && soaMinimum == nil {
            soaMinimum = table.arena.withUnsafeBytes {
                UInt32(bigEndian: $0.loadUnaligned(fromByteOffset: $0.count - 4, as: UInt32.self))
            }
        }

        let ttl = explicitTTL ?? context.defaultTTL ?? lastTTL ?? soaMinimum
        if let ttl { lastTTL = ttl }
        table.appendRow(owner: owner, type: type, ttl: ttl ?? RecordTable.unknownTTL, rdataFrom: rdataStart)
        locations.append(
            Place(entry: entryNumber, file: context.file, line: Int32(start.line), column: Int32(start.column)))
    }

    /// The name entry of the owner `text`; a name just read is most often the last one again.
    mutating func owner(_ text: UnsafeBufferPointer<UInt8>, origin: DomainName?) throws(WireError) -> Int32 {
        scratch.removeAll(keepingCapacity: true)
        try Self.appendName(text, origin: origin, to: &scratch)
        if let lastOwner, table.names.equals(lastOwner, scratch) { return lastOwner }
        return scratch.withUnsafeBufferPointer { wire in
            table.names.intern(wire, hash: NameHash(wire: UnsafeRawPointer(wire.baseAddress!)).value)
        }
    }

    /// `CLASS` first, in any case, as `uppercased().hasPrefix` sees it.
    static func startsWithClass(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ASCIIText.isASCII(text) else {
            return String(decoding: text, as: UTF8.self).uppercased().hasPrefix("CLASS")
        }
        return ASCIIText.hasPrefix(text, uppercased: classPrefix)
    }

    private static let classPrefix = Array("CLASS".utf8)

    /// DNSWire's RDATA parser, but a relative name in the data with no origin is an error.
    /// DNSWire would make it absolute, so a second parse against a marker origin finds it.
    static func appendRData(
        type: RRType, _ fields: TextFields, origin: DomainName?, to wire: inout [UInt8]
    ) throws(WireError) {
        let start = wire.count
        try RData.appendWire(type: type, parsing: fields, origin: origin, to: &wire)
        guard origin == nil else { return }
        var marked: [UInt8] = []
        let same = (try? RData.appendWire(type: type, parsing: fields, origin: marker, to: &marked)) != nil
        guard same && marked.elementsEqual(wire[start...]) else {
            throw WireError.text("relative name in the \(type) data with no $ORIGIN to complete it")
        }
    }

    /// A one-octet label no real zone uses, as short as possible so names stay under 255.
    private static let marker = DomainName.root.prepending(label: [0])!
}
