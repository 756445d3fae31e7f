/// Namespace inputs and outputs, named and nested as in botocore's servicediscovery model
/// (service-2.json). Members keep the model's capitalised names on purpose: they are the
/// JSON keys. Timestamps are epoch seconds.
struct CreatePrivateDnsNamespaceRequest: Decodable {
    var Name: String
    var CreatorRequestId: String?
    var Description: String?
    var Vpc: String
    var Tags: [Tag]?
    var Properties: PrivateDnsNamespaceProperties?
}

struct PrivateDnsNamespaceProperties: Decodable {
    var DnsProperties: PrivateDnsPropertiesMutable
}

struct PrivateDnsPropertiesMutable: Decodable {
    var SOA: SOA
}

struct SOA: Codable {
    var TTL: Int64
}

/// Accepted on create and not kept: Shoal has no tagging.
struct Tag: Decodable {
    var Key: String
    var Value: String
}

struct OperationIdResponse: Encodable {
    var OperationId: String
}

struct NamespaceIdRequest: Decodable {
    var Id: String
}

struct ListNamespacesRequest: Decodable {
    var NextToken: String?
    var MaxResults: Int?
    var Filters: [Filter]?
}

/// NamespaceFilter, ServiceFilter and OperationFilter have the same members.
struct Filter: Decodable {
    var Name: String
    var Values: [String]
    var Condition: String?
}

struct GetNamespaceResponse: Encodable {
    var Namespace: Namespace
}

struct ListNamespacesResponse: Encodable {
    var Namespaces: [Namespace]
    var NextToken: String?
}

/// Namespace and NamespaceSummary: the summary lacks only CreatorRequestId.
struct Namespace: Encodable {
    var Id: String
    var Arn: String
    var ResourceOwner: String
    var Name: String
    var `Type`: String
    var Description: String?
    var ServiceCount: Int
    var Properties: NamespaceProperties
    var CreateDate: Double?
    var CreatorRequestId: String?
}

struct NamespaceProperties: Encodable {
    var DnsProperties: DnsProperties
    var HttpProperties: HttpProperties
}

struct DnsProperties: Encodable {
    var HostedZoneId: String
    var SOA: SOA
}

struct HttpProperties: Encodable {
    var HttpName: String
}
