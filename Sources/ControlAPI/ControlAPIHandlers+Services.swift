import Hummingbird
import Registry

/// Declared services (records, TTLs and routing policy for their instances) and instance health.
extension ControlAPIHandlers {
    func createService(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let zone = try RequestParameters(request: request, context: context).path("zone")
        let spec = try await JSONBody.decode(ServiceSpec.self, from: request)
        return JSONResponse.make(try await registry.createService(zone: zone, spec), status: .created)
    }

    func services(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let zone = try RequestParameters(request: request, context: context).path("zone")
        return JSONResponse.make(ServiceList(services: try await registry.services(zone: zone)))
    }

    func service(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let parameters = RequestParameters(request: request, context: context)
        let zone = try parameters.path("zone")
        let name = try parameters.path("service")
        return JSONResponse.make(try await registry.service(zone: zone, name: name))
    }

    /// 204; a service still holding instances is refused (ServiceNotEmpty).
    func deleteService(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let parameters = RequestParameters(request: request, context: context)
        let zone = try parameters.path("zone")
        let name = try parameters.path("service")
        try await registry.deleteService(zone: zone, name: name)
        return Response(status: .noContent)
    }

    func setInstanceHealth(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let path = try InstancePath(request, context)
        let update = try await JSONBody.decode(HealthUpdate.self, from: request)
        return JSONResponse.make(
            try await registry.setInstanceHealth(
                zone: path.zone, service: path.service, id: path.id, healthy: update.healthy))
    }
}
