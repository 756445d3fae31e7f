/// Service inputs and outputs, named as in botocore's servicediscovery model.
struct CreateServiceRequest: Decodable {
    var Name: String
    var NamespaceId: String?
    var CreatorRequestId: String?
    var Description: String?
    var DnsConfig: DnsConfig?
    var HealthCheckConfig: HealthCheckConfig?
    var HealthCheckCustomConfig: HealthCheckCustomConfig?
    var Tags: [Tag]?
    var `Type`: String?
}

struct DnsConfig: Codable {
    /// Deprecated in the model in favour of the service's NamespaceId; still read and shown.
    var NamespaceId: String?
    var RoutingPolicy: String?
    var DnsRecords: [DnsRecord]
}

struct DnsRecord: Codable {
    var `Type`: String
    var TTL: Int64
}

/// Only decoded to refuse it: Route 53 health checks belong to public DNS and HTTP namespaces.
struct HealthCheckConfig: Codable {
    var `Type`: String
}

struct HealthCheckCustomConfig: Codable {
    var FailureThreshold: Int?
}

struct ServiceIdRequest: Decodable {
    var Id: String
}

struct ListServicesRequest: Decodable {
    var NextToken: String?
    var MaxResults: Int?
    var Filters: [Filter]?
}

struct ServiceResponse: Encodable {
    var Service: Service
}

struct ListServicesResponse: Encodable {
    var Services: [Service]
    var NextToken: String?
}

struct EmptyResponse: Encodable {}

/// Service and ServiceSummary: the summary lacks NamespaceId and CreatorRequestId.
struct Service: Encodable {
    var Id: String
    var Arn: String
    var ResourceOwner: String
    var Name: String
    var NamespaceId: String?
    var Description: String?
    var InstanceCount: Int
    var DnsConfig: DnsConfig
    var `Type`: String
    var HealthCheckCustomConfig: HealthCheckCustomConfig?
    var CreateDate: Double?
    var CreatorRequestId: String?
    var CreatedByAccount: String
}
