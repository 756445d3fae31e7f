import AWSAuth
import CloudMapAPI
import Hummingbird
import Registry
import Route53API

extension ControlAPIServer {
    /// The API's router over `registry`, without a server: `run()` serves it, and tests drive it
    /// with HummingbirdTesting (`Application(router: ControlAPIServer.router(registry: r)).test(.router)`).
    /// With `awsCredentials`, the AWS APIs require SigV4 signatures from those keys.
    public static func router(
        registry: Registry, awsCredentials: AWSCredentials? = nil
    ) -> Router<BasicRequestContext> {
        let routes = routeTable(ControlAPIHandlers(registry: registry))
        let router = Router(context: BasicRequestContext.self)
        // First, so that it wraps every route and the not-found responder.
        router.add(middleware: JSONErrorMiddleware(routes: routes))
        for route in routes.routes {
            router.on(RouterPath(route.path), method: route.method, use: route.handler)
        }
        // Route 53's XML API (docs/aws.md); its handlers answer their own errors in XML.
        Route53Routes.add(to: router, registry: registry, credentials: awsCredentials)
        // Cloud Map's JSON API: `POST /` with X-Amz-Target, its own signature check and JSON errors.
        CloudMapRoutes.add(to: router, registry: registry, credentials: awsCredentials)
        return router
    }

    /// Every endpoint of the contract, in the order docs/api.md lists them.
    static func routeTable(_ api: ControlAPIHandlers) -> RouteTable {
        let zone = "/v1/zones/:zone"
        let instances = "\(zone)/services/:service/instances"
        var table = RouteTable()
        table.add(.post, "/v1/zones", api.createZone)
        table.add(.get, "/v1/zones", api.listZones)
        table.add(.get, zone, api.zone)
        table.add(.delete, zone, api.deleteZone)
        table.add(.post, "\(zone)/changes", api.applyChanges)
        table.add(.get, "\(zone)/records", api.recordSets)
        table.add(.post, "\(zone)/services", api.createService)
        table.add(.get, "\(zone)/services", api.services)
        table.add(.get, "\(zone)/services/:service", api.service)
        table.add(.delete, "\(zone)/services/:service", api.deleteService)
        table.add(.get, instances, api.instances)
        table.add(.put, "\(instances)/:id", api.registerInstance)
        table.add(.get, "\(instances)/:id", api.instance)
        table.add(.delete, "\(instances)/:id", api.deregisterInstance)
        table.add(.put, "\(instances)/:id/heartbeat", api.heartbeat)
        table.add(.put, "\(instances)/:id/health", api.setInstanceHealth)
        table.add(.get, "/v1/changes/:id", api.change)
        table.add(.get, "/v1/changes", api.changes)
        table.add(.get, "/healthz", api.health)
        return table
    }
}
