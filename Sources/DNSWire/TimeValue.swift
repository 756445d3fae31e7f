/// TTLs and SOA timers in text: plain seconds, or BIND-style units (`1h30m`, `2d`, `1w`).
public enum TimeValue {
    /// The seconds `text` stands for, or nil when it is not a time value or exceeds 32 bits.
    public static func parse(_ text: some StringProtocol) -> UInt32? {
        guard !text.isEmpty else { return nil }
        if let plain = UInt32(decimal: text) { return plain }
        var total: UInt64 = 0
        var number: UInt64? = nil
        for character in text.lowercased() {
            if let digit = character.wholeNumberValue, character.isASCII {
                number = (number ?? 0) * 10 + UInt64(digit)
                guard number! <= UInt64(UInt32.max) else { return nil }
                continue
            }
            let unit: UInt64
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86400
            case "w": unit = 604800
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
