/// Operation inputs and outputs, named as in botocore's servicediscovery model.
struct GetOperationRequest: Decodable {
    var OperationId: String
    var OwnerAccount: String?
}

struct GetOperationResponse: Encodable {
    var Operation: Operation
}

struct Operation: Encodable {
    var Id: String
    var OwnerAccount: String
    var `Type`: String
    var Status: String
    var CreateDate: Double?
    var UpdateDate: Double?
    /// NAMESPACE, SERVICE, INSTANCE → their ids.
    var Targets: [String: String]
}

struct ListOperationsRequest: Decodable {
    var NextToken: String?
    var MaxResults: Int?
    var Filters: [Filter]?
}

struct ListOperationsResponse: Encodable {
    var Operations: [OperationSummary]
    var NextToken: String?
}

struct OperationSummary: Encodable {
    var Id: String
    var Status: String
}
