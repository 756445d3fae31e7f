extension FixedWidthInteger where Self: UnsignedInteger {
    /// Plain decimal digits only, as master files write numbers. `init?(_:)` alone also takes a
    /// leading sign ("+5", "-0").
    init?(decimal text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        self.init(text)
    }

    /// The same over text read in place: nil for anything but digits, or a value too large.
    public init?(decimal bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return nil }
        var value: Self = 0
        for byte in bytes {
            guard ASCIIText.isDigit(byte) else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(Self(byte &- 0x30))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        self = value
    }
}
