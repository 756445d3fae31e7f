import Hummingbird
import Registry

/// One function per endpoint: decode the request, ask the registry, encode its answer.
/// Validation is the registry's; errors travel up to `JSONErrorMiddleware`.
struct ControlAPIHandlers: Sendable {
    let registry: Registry

    /// Largest and default page of `GET .../records` and `GET /v1/changes`.
    static let pageLimits = 1...1000
    static let defaultPageLimit = 100

    // MARK: Zones

    func createZone(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let spec = try await JSONBody.decode(ZoneSpec.self, from: request)
        return JSONResponse.make(try await registry.createZone(spec), status: .created)
    }

    func listZones(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        JSONResponse.make(ZoneList(zones: await registry.listZones()))
    }

    func zone(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let zone = try RequestParameters(request: request, context: context).path("zone")
        return JSONResponse.make(try await registry.zone(named: zone))
    }

    func deleteZone(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let parameters = RequestParameters(request: request, context: context)
        let zone = try parameters.path("zone")
        let force = try parameters.flag("force")
        let change = try await registry.deleteZone(named: zone, force: force)
        // 204 as before; the change only for clients that ask for it (RFC 7240).
        guard parameters.prefersRepresentation else { return Response(status: .noContent) }
        var response = JSONResponse.make(change)
        response.headers[.init("Preference-Applied")!] = "return=representation"
        return response
    }

    // MARK: Record sets

    func applyChanges(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let zone = try RequestParameters(request: request, context: context).path("zone")
        let batch = try await JSONBody.decode(ChangeBatch.self, from: request)
        return JSONResponse.make(
            try await registry.applyChanges(zone: zone, changes: batch.changes, comment: batch.comment))
    }

    func recordSets(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let parameters = RequestParameters(request: request, context: context)
        let zone = try parameters.path("zone")
        let limit = try parameters.integer("limit", in: Self.pageLimits, default: Self.defaultPageLimit)
        let page = try await registry.recordSets(
            zone: zone, name: parameters.query("name"), type: parameters.query("type"),
            cursor: parameters.query("cursor"), limit: limit)
        return JSONResponse.make(page)
    }

    // MARK: Changes and health

    func change(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try RequestParameters(request: request, context: context).path("id")
        return JSONResponse.make(try await registry.change(id: id))
    }

    /// Newest first, of one zone (`?zone=`) or of all, deleted zones included.
    func changes(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let parameters = RequestParameters(request: request, context: context)
        let limit = try parameters.integer("limit", in: Self.pageLimits, default: Self.defaultPageLimit)
        let changes = try await registry.changes(zone: parameters.query("zone"), limit: limit)
        return JSONResponse.make(ChangeList(changes: changes))
    }

    func health(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        JSONResponse.make(HealthStatus(status: "ok"))
    }
}
