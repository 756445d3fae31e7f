import Synchronization

/// Change ids: `C` and 13 upper-case letters or digits, as Route 53 shapes them. The digits
/// are a base-36 number that grows with time (milliseconds, then a counter within one), so
/// ids sort in the order changes were made and the change log needs no other ordering column.
enum ChangeID {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    /// 36^4 ids per millisecond; 36^13 holds milliseconds until the year 5000 and more.
    private static let perMillisecond: UInt64 = 1_679_616
    private static let last = Mutex<UInt64>(0)

    static func make() -> String {
        let millis = UInt64(max(0, Timestamp.now() * 1000))
        // A random start within the millisecond keeps ids apart should the clock step back.
        let fresh = millis * perMillisecond + UInt64.random(in: 0..<(perMillisecond / 2))
        let value = last.withLock { last in
            last = max(fresh, last + 1)
            return last
        }
        var digits = [Character](repeating: "0", count: 13)
        var rest = value
        for index in digits.indices.reversed() {
            digits[index] = alphabet[Int(rest % 36)]
            rest /= 36
        }
        return "C" + String(digits)
    }

    static func isWellFormed(_ id: String) -> Bool {
        id.count == 14 && id.first == "C" && id.dropFirst().allSatisfy { alphabet.contains($0) }
    }
}
