import AWSAuth
import Hummingbird
import Registry

/// One function per Cloud Map operation, over the registry's public API; `handle` reads the
/// target and the JSON input and calls the one named. Operations are grouped by resource in
/// the `CloudMapHandlers+*.swift` files.
struct CloudMapHandlers: Sendable {
    static let targetPrefix = "Route53AutoNaming_v20170314."
    static let targetHeader = HTTPFields.Element.Name("X-Amz-Target")!

    let registry: Registry

    func handle(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await CloudMapError.catching {
            let target = request.headers[Self.targetHeader] ?? ""
            guard target.hasPrefix(Self.targetPrefix) else { throw CloudMapError.unknownOperation(target) }
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: CloudMapJSON.maxBody)
            } catch {
                throw CloudMapError(
                    "RequestEntityTooLarge", "request body larger than \(CloudMapJSON.maxBody) bytes",
                    status: .contentTooLarge)
            }
            let caller = Caller(request)
            return try await perform(String(target.dropFirst(Self.targetPrefix.count)), body, caller)
        }
    }

    func perform(_ operation: String, _ body: ByteBuffer, _ caller: Caller) async throws -> Response {
        switch operation {
        case "CreatePrivateDnsNamespace": try await run(body, caller, createPrivateDnsNamespace)
        case "GetNamespace": try await run(body, caller, getNamespace)
        case "ListNamespaces": try await run(body, caller, listNamespaces)
        case "DeleteNamespace": try await run(body, caller, deleteNamespace)
        case "CreateService": try await run(body, caller, createService)
        case "GetService": try await run(body, caller, getService)
        case "ListServices": try await run(body, caller, listServices)
        case "DeleteService": try await run(body, caller, deleteService)
        case "RegisterInstance": try await run(body, caller, registerInstance)
        case "DeregisterInstance": try await run(body, caller, deregisterInstance)
        case "GetInstance": try await run(body, caller, getInstance)
        case "ListInstances": try await run(body, caller, listInstances)
        case "DiscoverInstances": try await run(body, caller, discoverInstances)
        case "DiscoverInstancesRevision": try await run(body, caller, discoverInstancesRevision)
        case "UpdateInstanceCustomHealthStatus": try await run(body, caller, updateInstanceCustomHealthStatus)
        case "GetInstancesHealthStatus": try await run(body, caller, getInstancesHealthStatus)
        case "GetOperation": try await run(body, caller, getOperation)
        case "ListOperations": try await run(body, caller, listOperations)
        default: throw CloudMapError.unknownOperation(Self.targetPrefix + operation)
        }
    }

    func run<Input: Decodable, Output: Encodable>(
        _ body: ByteBuffer, _ caller: Caller, _ operation: (Input, Caller) async throws -> Output
    ) async throws -> Response {
        let input = try CloudMapJSON.decode(Input.self, from: body)
        return CloudMapJSON.response(try await operation(input, caller))
    }
}

/// Who called: the region of the signature's credential scope names ARNs (us-east-1 when the
/// request is unsigned).
struct Caller: Sendable {
    var region: String

    init(region: String = CloudMapID.defaultRegion) { self.region = region }

    init(_ request: Request) {
        let authorization = request.headers[.authorization].flatMap { try? SigV4Authorization(parsing: $0) }
        self.init(region: authorization?.region ?? CloudMapID.defaultRegion)
    }

    func namespaceARN(_ id: String) -> String { CloudMapID.namespaceARN(id, region: region) }
    func serviceARN(_ id: String) -> String { CloudMapID.serviceARN(id, region: region) }
}
