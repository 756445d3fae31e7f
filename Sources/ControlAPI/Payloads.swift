import Registry

// The API's own request and response envelopes around the registry's values.

/// Body of `POST /v1/zones/{zone}/changes`.
struct ChangeBatch: Decodable, Sendable {
    let changes: [RecordChange]
    let comment: String?
}

/// Body of `GET /v1/zones`.
struct ZoneList: Encodable, Sendable {
    let zones: [ZoneInfo]
}

/// Body of `GET /v1/zones/{zone}/services/{service}/instances`.
struct InstanceList: Encodable, Sendable {
    let instances: [InstanceInfo]
}

/// Body of `GET /v1/zones/{zone}/services`.
struct ServiceList: Encodable, Sendable {
    let services: [ServiceInfo]
}

/// Body of `PUT .../instances/{id}/health`.
struct HealthUpdate: Decodable, Sendable {
    let healthy: Bool
}

/// Body of `GET /v1/changes`.
struct ChangeList: Encodable, Sendable {
    let changes: [ChangeInfo]
}

/// Body of a successful `PUT .../instances/{id}`.
struct RegistrationReply: Encodable, Sendable {
    let instance: InstanceInfo
    let change: ChangeInfo
}

/// Body of `GET /healthz`.
struct HealthStatus: Encodable, Sendable {
    let status: String
}

/// A heartbeat body: any JSON object, its fields ignored; anything else is InvalidJSON.
struct IgnoredObject: Decodable, Sendable {
    init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: AnyKey.self)
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
