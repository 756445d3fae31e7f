/// Instance inputs and outputs, named as in botocore's servicediscovery model.
struct RegisterInstanceRequest: Decodable {
    var ServiceId: String
    var InstanceId: String
    var CreatorRequestId: String?
    var Attributes: [String: String]
}

struct InstanceRequest: Decodable {
    var ServiceId: String
    var InstanceId: String
}

struct GetInstanceResponse: Encodable {
    var ResourceOwner: String
    var Instance: Instance
}

struct Instance: Encodable {
    var Id: String
    var Attributes: [String: String]
    var CreatedByAccount: String
}

struct ListInstancesRequest: Decodable {
    var ServiceId: String
    var NextToken: String?
    var MaxResults: Int?
}

struct ListInstancesResponse: Encodable {
    var ResourceOwner: String
    var Instances: [Instance]
    var NextToken: String?
}

struct DiscoverInstancesRequest: Decodable {
    var NamespaceName: String
    var ServiceName: String
    var MaxResults: Int?
    var QueryParameters: [String: String]?
    var OptionalParameters: [String: String]?
    var HealthStatus: String?
    var OwnerAccount: String?
}

struct DiscoverInstancesResponse: Encodable {
    var Instances: [HttpInstanceSummary]
    var InstancesRevision: Int64
}

struct DiscoverInstancesRevisionRequest: Decodable {
    var NamespaceName: String
    var ServiceName: String
    var OwnerAccount: String?
}

struct DiscoverInstancesRevisionResponse: Encodable {
    var InstancesRevision: Int64
}

struct HttpInstanceSummary: Encodable {
    var InstanceId: String
    var NamespaceName: String
    var ServiceName: String
    var HealthStatus: String
    var Attributes: [String: String]
}

struct UpdateInstanceCustomHealthStatusRequest: Decodable {
    var ServiceId: String
    var InstanceId: String
    var Status: String
}

struct GetInstancesHealthStatusRequest: Decodable {
    var ServiceId: String
    var Instances: [String]?
    var MaxResults: Int?
    var NextToken: String?
}

struct GetInstancesHealthStatusResponse: Encodable {
    var Status: [String: String]
    var NextToken: String?
}
