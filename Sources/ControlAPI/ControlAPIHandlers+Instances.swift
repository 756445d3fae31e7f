import Hummingbird
import Registry

extension ControlAPIHandlers {
    /// Zone, service and instance id from the path, percent-decoded.
    struct InstancePath {
        let zone: String
        let service: String
        let id: String

        init(_ request: Request, _ context: BasicRequestContext) throws {
            let parameters = RequestParameters(request: request, context: context)
            zone = try parameters.path("zone")
            service = try parameters.path("service")
            id = try parameters.path("id")
        }
    }

    func instances(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let parameters = RequestParameters(request: request, context: context)
        let zone = try parameters.path("zone")
        let service = try parameters.path("service")
        return JSONResponse.make(InstanceList(instances: try await registry.instances(zone: zone, service: service)))
    }

    /// 201 when the instance is new, 200 when it replaced one.
    func registerInstance(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let path = try InstancePath(request, context)
        let registration = try await JSONBody.decode(InstanceRegistration.self, from: request)
        let result = try await registry.registerInstance(
            zone: path.zone, service: path.service, id: path.id, registration)
        return JSONResponse.make(
            RegistrationReply(instance: result.instance, change: result.change),
            status: result.created ? .created : .ok)
    }

    func instance(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let path = try InstancePath(request, context)
        return JSONResponse.make(try await registry.instance(zone: path.zone, service: path.service, id: path.id))
    }

    func deregisterInstance(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let path = try InstancePath(request, context)
        return JSONResponse.make(
            try await registry.deregisterInstance(zone: path.zone, service: path.service, id: path.id))
    }

    /// The body may be empty or any JSON object.
    func heartbeat(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let path = try InstancePath(request, context)
        _ = try await JSONBody.decodeIfPresent(IgnoredObject.self, from: request)
        return JSONResponse.make(try await registry.heartbeat(zone: path.zone, service: path.service, id: path.id))
    }
}
