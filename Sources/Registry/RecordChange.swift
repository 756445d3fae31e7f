/// One change of a batch: `action` is CREATE, UPSERT or DELETE (any case); `name` is relative
/// to the zone (`@` for the apex) or absolute with a trailing dot; `records` are RDATA in
/// presentation format.
///
/// With `setIdentifier` the change is about one choice of a routing-policy group at the name
/// and type: weighted (`weight`, 0...255) or multivalue (`multiValue: true`). With `alias`
/// the set has no records of its own and answers those of the same type at the target.
public struct RecordChange: Codable, Sendable {
    public var action: String
    public var name: String
    public var type: String
    public var ttl: Int64?
    public var records: [String]?
    public var setIdentifier: String?
    public var weight: Int64?
    public var multiValue: Bool?
    public var alias: AliasTarget?

    public init(
        action: String, name: String, type: String, ttl: Int64? = nil, records: [String]? = nil,
        setIdentifier: String? = nil, weight: Int64? = nil, multiValue: Bool? = nil, alias: AliasTarget? = nil
    ) {
        self.action = action
        self.name = name
        self.type = type
        self.ttl = ttl
        self.records = records
        self.setIdentifier = setIdentifier
        self.weight = weight
        self.multiValue = multiValue
        self.alias = alias
    }
}
