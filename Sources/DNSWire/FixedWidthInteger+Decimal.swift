extension FixedWidthInteger where Self: UnsignedInteger {
    /// Plain decimal digits only, as master files write numbers. `init?(_:)` alone also takes a
    /// leading sign ("+5", "-0").
    init?(decimal text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        self.init(text)
    }
}
