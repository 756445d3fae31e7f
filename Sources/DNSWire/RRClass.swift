/// A resource record class. Shoal serves only IN; the others exist to be refused by name.
public struct RRClass: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let `in` = RRClass(rawValue: 1)
    public static let chaos = RRClass(rawValue: 3)
    public static let hesiod = RRClass(rawValue: 4)
    public static let none = RRClass(rawValue: 254)
    public static let any = RRClass(rawValue: 255)

    static let mnemonics: [(String, RRClass)] = [("IN", .in), ("CH", .chaos), ("HS", .hesiod), ("NONE", .none), ("ANY", .any)]

    /// `IN`, `ch` or `CLASS32`.
    public init?(mnemonic: some StringProtocol) {
        let upper = mnemonic.uppercased()
        if let known = Self.mnemonics.first(where: { $0.0 == upper }) {
            self = known.1
        } else if upper.hasPrefix("CLASS"), let value = UInt16(decimal: upper.dropFirst(5)) {
            self.init(rawValue: value)
        } else {
            return nil
        }
    }

    /// The same over text read in place.
    public init?(mnemonic bytes: UnsafeBufferPointer<UInt8>) {
        // `uppercased()` maps a few other letters to ASCII ones ("ı" to "I"): let it decide those.
        guard ASCIIText.isASCII(bytes) else {
            guard let rrClass = RRClass(mnemonic: String(decoding: bytes, as: UTF8.self)) else { return nil }
            self = rrClass
            return
        }
        guard let value = ASCIIText.mnemonic(bytes, in: Self.mnemonicBytes, prefix: Self.classPrefix, numbered: RRClass.init)
        else { return nil }
        self = value
    }

    static let mnemonicBytes = mnemonics.map { (Array($0.0.utf8), $0.1) }
    static let classPrefix = Array("CLASS".utf8)

    public var description: String {
        Self.mnemonics.first(where: { $0.1 == self })?.0 ?? "CLASS\(rawValue)"
    }
}
