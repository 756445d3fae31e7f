/// One problem found in a zone file, placed at file:line:column like a compiler's message.
/// Tests compare `code`, `line` and `column`; `message` is for people.
public struct ZoneFileDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case syntax
        case badName
        case badTTL
        /// RDATA that DNSWire refused: a bad address, a missing field, bad `\#` data.
        case badRData
        case unknownType
        case unknownClass
        case cnameConflict
        case outOfZone
        case missingSOA
        case secondSOA
        case soaNotAtApex
        case includeFailed
        case unreadable
        case wrongClass
    }

    public let file: String
    /// 1-based; 0 when the problem is with the file as a whole.
    public let line: Int
    /// 1-based, counted in bytes (UTF-8 code units); 0 with line 0.
    public let column: Int
    public let code: Code
    public let message: String

    public init(file: String, line: Int, column: Int, code: Code, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
