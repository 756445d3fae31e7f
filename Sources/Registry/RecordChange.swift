/// One change of a batch: `action` is CREATE, UPSERT or DELETE (any case); `name` is relative
/// to the zone (`@` for the apex) or absolute with a trailing dot; `records` are RDATA in
/// presentation format.
public struct RecordChange: Codable, Sendable {
    public var action: String
    public var name: String
    public var type: String
    public var ttl: Int64?
    public var records: [String]?

    public init(action: String, name: String, type: String, ttl: Int64? = nil, records: [String]? = nil) {
        self.action = action
        self.name = name
        self.type = type
        self.ttl = ttl
        self.records = records
    }
}
