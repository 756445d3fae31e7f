/// Byte checks on presentation text read in place. They answer what the `String` forms answer
/// only for ASCII text: callers hand anything else to the `String` forms.
public enum ASCIIText {
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// True when `bytes` equals `upper` (upper-case ASCII) ignoring ASCII case.
    public static func equals(_ bytes: UnsafeBufferPointer<UInt8>, uppercased upper: [UInt8]) -> Bool {
        bytes.count == upper.count && hasPrefix(bytes, uppercased: upper)
    }

    /// True when `bytes` starts with `upper` (upper-case ASCII) ignoring ASCII case.
    public static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, uppercased upper: [UInt8]) -> Bool {
        guard bytes.count >= upper.count else { return false }
        for index in upper.indices where upperCased(bytes[index]) != upper[index] { return false }
        return true
    }

    @inline(__always)
    public static func upperCased(_ byte: UInt8) -> UInt8 {
        byte &- 0x61 < 26 ? byte & 0xDF : byte
    }

    public static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// The value of an ASCII mnemonic: a spelling in `table` (upper case), or `prefix` and a decimal
    /// number (RFC 3597's TYPEnnn and CLASSnnn) made into a value by `numbered`; nil otherwise.
    static func mnemonic<Value>(
        _ bytes: UnsafeBufferPointer<UInt8>, in table: [([UInt8], Value)], prefix: [UInt8],
        numbered: (UInt16) -> Value
    ) -> Value? {
        if let known = table.first(where: { equals(bytes, uppercased: $0.0) }) { return known.1 }
        guard hasPrefix(bytes, uppercased: prefix),
            let value = UInt16(decimal: UnsafeBufferPointer(rebasing: bytes.dropFirst(prefix.count)))
        else { return nil }
        return numbered(value)
    }
}
