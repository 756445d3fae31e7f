/// A resource record type, kept as its 16-bit value so unknown types pass through (RFC 3597).
public struct RRType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let a = RRType(rawValue: 1)
    public static let ns = RRType(rawValue: 2)
    public static let cname = RRType(rawValue: 5)
    public static let soa = RRType(rawValue: 6)
    public static let ptr = RRType(rawValue: 12)
    public static let hinfo = RRType(rawValue: 13)
    public static let mx = RRType(rawValue: 15)
    public static let txt = RRType(rawValue: 16)
    public static let aaaa = RRType(rawValue: 28)
    public static let srv = RRType(rawValue: 33)
    public static let opt = RRType(rawValue: 41)
    public static let ixfr = RRType(rawValue: 251)
    public static let axfr = RRType(rawValue: 252)
    public static let any = RRType(rawValue: 255)

    static let mnemonics: [(String, RRType)] = [
        ("A", .a), ("NS", .ns), ("CNAME", .cname), ("SOA", .soa), ("PTR", .ptr), ("HINFO", .hinfo),
        ("MX", .mx), ("TXT", .txt), ("AAAA", .aaaa), ("SRV", .srv), ("OPT", .opt), ("IXFR", .ixfr),
        ("AXFR", .axfr), ("ANY", .any),
    ]

    /// `A`, `srv` or `TYPE65280`.
    public init?(mnemonic: some StringProtocol) {
        let upper = mnemonic.uppercased()
        if let known = Self.mnemonics.first(where: { $0.0 == upper }) {
            self = known.1
        } else if upper.hasPrefix("TYPE"), let value = UInt16(decimal: upper.dropFirst(4)) {
            self.init(rawValue: value)
        } else {
            return nil
        }
    }

    /// The same over text read in place.
    public init?(mnemonic bytes: UnsafeBufferPointer<UInt8>) {
        // `uppercased()` maps a few other letters to ASCII ones ("ı" to "I"): let it decide those.
        guard ASCIIText.isASCII(bytes) else {
            guard let type = RRType(mnemonic: String(decoding: bytes, as: UTF8.self)) else { return nil }
            self = type
            return
        }
        guard let value = ASCIIText.mnemonic(bytes, in: Self.mnemonicBytes, prefix: Self.typePrefix, numbered: RRType.init)
        else { return nil }
        self = value
    }

    static let mnemonicBytes = mnemonics.map { (Array($0.0.utf8), $0.1) }
    static let typePrefix = Array("TYPE".utf8)

    public var description: String {
        Self.mnemonics.first(where: { $0.1 == self })?.0 ?? "TYPE\(rawValue)"
    }

    /// Types that only appear in questions or as pseudo-records, never in a zone.
    public var isMeta: Bool { rawValue == 41 || (rawValue >= 128 && rawValue <= 255) }
}
