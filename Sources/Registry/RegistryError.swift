/// Why a registry call failed: a code the HTTP layer maps to a status, the JSON path of the
/// offending input, and a message that names the value. Compared by `code`, as in DNSWire.
public struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidName = "InvalidName", invalidTTL = "InvalidTTL", invalidType = "InvalidType",
            invalidRecord = "InvalidRecord", invalidChange = "InvalidChange", invalidRequest = "InvalidRequest",
            noSuchZone = "NoSuchZone", noSuchRecordSet = "NoSuchRecordSet", noSuchInstance = "NoSuchInstance",
            noSuchChange = "NoSuchChange", noSuchService = "NoSuchService", serviceExists = "ServiceExists",
            serviceNotEmpty = "ServiceNotEmpty", zoneExists = "ZoneExists", recordSetExists = "RecordSetExists",
            recordSetMismatch = "RecordSetMismatch", cnameConflict = "CNAMEConflict",
            zoneNotEmpty = "ZoneNotEmpty", readOnlyZone = "ReadOnlyZone", tooLarge = "TooLarge",
            storageFull = "StorageFull", unavailable = "ServiceUnavailable", internalError = "InternalError"
    }

    public let code: Code
    /// JSON path of the offending input: `changes[0].records[1]`, `address`, `name`.
    public let field: String?
    /// Precise and naming the value: `bad IPv4 address '10.0.0.300'`.
    public let message: String

    public init(_ code: Code, field: String? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String {
        field.map { "\(code.rawValue) at \($0): \(message)" } ?? "\(code.rawValue): \(message)"
    }

    public static func == (lhs: RegistryError, rhs: RegistryError) -> Bool { lhs.code == rhs.code }
}
