/// One record set as listed: sets written through changes (`api`), made by instances
/// (`instance`) or read from a zone file (`zone`) are listed separately even at one name and type.
public struct RecordSetInfo: Codable, Sendable, Equatable {
    /// Absolute, with the trailing dot.
    public var name: String
    public var type: String
    public var ttl: UInt32
    public var records: [String]
    public var source: String

    public init(name: String, type: String, ttl: UInt32, records: [String], source: String) {
        self.name = name
        self.type = type
        self.ttl = ttl
        self.records = records
        self.source = source
    }
}

public struct RecordSetPage: Codable, Sendable, Equatable {
    public var recordSets: [RecordSetInfo]
    /// Opaque; nil on the last page.
    public var nextCursor: String?

    public init(recordSets: [RecordSetInfo], nextCursor: String?) {
        self.recordSets = recordSets
        self.nextCursor = nextCursor
    }
}
