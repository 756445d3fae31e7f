/// The header's 4-bit operation code.
public struct OpCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }

    public static let query = OpCode(rawValue: 0)
    public static let notify = OpCode(rawValue: 4)
    public static let update = OpCode(rawValue: 5)
}
