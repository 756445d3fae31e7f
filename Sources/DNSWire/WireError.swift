/// Why bytes or text could not be read as DNS data. Compared by `code` in tests.
public struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case truncated
        case labelTooLong
        case nameTooLong
        case badPointer
        case tooManyPointers
        case badLabelType
        case countMismatch
        case trailingBytes
        case badRData
        case badText
        case tooLarge
    }

    public let code: Code
    /// Byte offset in the message, or -1 for text input.
    public let offset: Int
    public let detail: String

    public init(_ code: Code, at offset: Int = -1, _ detail: String = "") {
        self.code = code
        self.offset = offset
        self.detail = detail
    }

    public static func text(_ detail: String) -> WireError { WireError(.badText, detail) }

    public var description: String {
        let base = detail.isEmpty ? code.rawValue : detail
        return offset >= 0 ? "\(base) at offset \(offset)" : base
    }

    public static func == (lhs: WireError, rhs: WireError) -> Bool { lhs.code == rhs.code }
}
