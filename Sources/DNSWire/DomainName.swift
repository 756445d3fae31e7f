/// A domain name in uncompressed wire form (length-prefixed labels ending with the root label).
/// The letter case it was given in is kept, for echoing; equality and hashing ignore ASCII case.
public struct DomainName: Hashable, Sendable {
    public static let maxLength = 255
    public static let maxLabelLength = 63
    public static let root = DomainName(uncheckedWire: [0])

    /// The wire bytes, always well formed: labels <= 63 octets, total <= 255.
    public let wire: [UInt8]

    /// Trusts `wire` to be well formed; the readers and parsers that call it have checked.
    init(uncheckedWire wire: [UInt8]) {
        self.wire = wire
    }

    /// Builds a name from raw label bytes (no escapes), checking the limits.
    public init<Labels: Sequence>(labels: Labels) throws(WireError) where Labels.Element == [UInt8] {
        var wire: [UInt8] = []
        for label in labels {
            guard !label.isEmpty else { throw WireError.text("empty label") }
            guard label.count <= Self.maxLabelLength else { throw WireError(.labelTooLong) }
            wire.append(UInt8(label.count))
            wire.append(contentsOf: label)
        }
        wire.append(0)
        guard wire.count <= Self.maxLength else { throw WireError(.nameTooLong) }
        self.wire = wire
    }

    public var isRoot: Bool { wire.count == 1 }

    public var labelCount: Int {
        var count = 0
        var index = 0
        while wire[index] != 0 {
            count += 1
            index += Int(wire[index]) + 1
        }
        return count
    }

    /// The labels' bytes, leftmost first, without the root.
    public var labels: [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var index = 0
        while wire[index] != 0 {
            let length = Int(wire[index])
            result.append(wire[index + 1..<index + 1 + length])
            index += length + 1
        }
        return result
    }

    /// The name without its leftmost label; the root's parent is nil.
    public var parent: DomainName? {
        guard !isRoot else { return nil }
        return DomainName(uncheckedWire: Array(wire[(Int(wire[0]) + 1)...]))
    }

    /// True when `self` equals `ancestor` or lies below it.
    public func isSubdomain(of ancestor: DomainName) -> Bool {
        let extra = wire.count - ancestor.wire.count
        guard extra >= 0 else { return false }
        // The suffix must start on a label boundary.
        var index = 0
        while index < extra { index += Int(wire[index]) + 1 }
        guard index == extra else { return false }
        return Self.equalIgnoringCase(wire[extra...], ancestor.wire[...])
    }

    /// `label.self`, or nil when that would be too long.
    public func prepending(label: some Collection<UInt8>) -> DomainName? {
        guard !label.isEmpty, label.count <= Self.maxLabelLength,
            wire.count + label.count + 1 <= Self.maxLength
        else { return nil }
        return DomainName(uncheckedWire: [UInt8(label.count)] + label + wire)
    }

    /// The name made of the last `count` labels.
    public func suffix(labels count: Int) -> DomainName {
        var drop = labelCount - count
        var index = 0
        while drop > 0 {
            index += Int(wire[index]) + 1
            drop -= 1
        }
        return DomainName(uncheckedWire: Array(wire[index...]))
    }

    /// The same name in ASCII lower case: the form the zone keys its nodes by.
    public func lowercased() -> DomainName {
        DomainName(uncheckedWire: wire.map(Self.lower))
    }

    public static func == (lhs: DomainName, rhs: DomainName) -> Bool {
        lhs.wire.count == rhs.wire.count && equalIgnoringCase(lhs.wire[...], rhs.wire[...])
    }

    /// The lowered wire eight octets at a time: names key many dictionaries.
    public func hash(into hasher: inout Hasher) {
        wire.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                hasher.combine(NameHash.lowered(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                offset += 8
            }
            var tail = UInt64(raw.count)
            while offset < raw.count {
                tail = tail << 8 | UInt64(Self.lower(raw[offset]))
                offset += 1
            }
            hasher.combine(tail)
        }
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    static func equalIgnoringCase(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { lower($0) == lower($1) }
    }
}
