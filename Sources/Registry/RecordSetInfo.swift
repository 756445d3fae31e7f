/// One record set as listed: sets written through changes (`api`), made by instances
/// (`instance`) or read from a zone file (`zone`) are listed separately even at one name and
/// type. A routing-policy group is listed one choice per entry, each with its `setIdentifier`.
public struct RecordSetInfo: Codable, Sendable, Equatable {
    /// Absolute, with the trailing dot.
    public var name: String
    public var type: String
    public var ttl: UInt32
    /// Empty for an alias.
    public var records: [String]
    public var source: String
    /// Nil for simple sets.
    public var setIdentifier: String?
    /// Weighted choices only.
    public var weight: UInt32?
    /// True for multivalue choices; nil otherwise.
    public var multiValue: Bool?
    /// Absolute target name, with the trailing dot.
    public var alias: AliasTarget?
    /// Policy choices only: false while the instance behind it is unhealthy.
    public var healthy: Bool?

    public init(
        name: String, type: String, ttl: UInt32, records: [String], source: String, setIdentifier: String? = nil,
        weight: UInt32? = nil, multiValue: Bool? = nil, alias: AliasTarget? = nil, healthy: Bool? = nil
    ) {
        self.name = name
        self.type = type
        self.ttl = ttl
        self.records = records
        self.source = source
        self.setIdentifier = setIdentifier
        self.weight = weight
        self.multiValue = multiValue
        self.alias = alias
        self.healthy = healthy
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
