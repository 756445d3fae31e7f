/// TTLs and SOA timers in text: plain seconds, or BIND-style units (`1h30m`, `2d`, `1w`).
public enum TimeValue {
    /// The seconds `text` stands for, or nil when it is not a time value or exceeds 32 bits.
    public static func parse(_ text: some StringProtocol) -> UInt32? {
        Array(text.utf8).withUnsafeBufferPointer(parse)
    }

    /// The same over text read in place. Only ASCII digits and units count: any other character,
    /// whatever `lowercased()` makes of it, is none of them.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard !bytes.isEmpty else { return nil }
        if let plain = UInt32(decimal: bytes) { return plain }
        var total: UInt64 = 0
        var number: UInt64? = nil
        for byte in bytes {
            if ASCIIText.isDigit(byte) {
                number = (number ?? 0) * 10 + UInt64(byte &- 0x30)
                guard number! <= UInt64(UInt32.max) else { return nil }
                continue
            }
            let unit: UInt64
            switch byte | 0x20 {
            case UInt8(ascii: "s"): unit = 1
            case UInt8(ascii: "m"): unit = 60
            case UInt8(ascii: "h"): unit = 3600
            case UInt8(ascii: "d"): unit = 86400
            case UInt8(ascii: "w"): unit = 604800
            default: return nil
            }
            guard let value = number else { return nil }
            total += value * unit
            number = nil
            guard total <= UInt64(UInt32.max) else { return nil }
        }
        guard number == nil else { return nil }
        return UInt32(total)
    }
}
