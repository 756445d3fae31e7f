import AWSAuth
import Hummingbird
import Registry

/// The Route 53 REST-XML API (2013-04-01) on the control API's router. Its handlers turn
/// every error into Route 53's XML themselves, so the native JSON error middleware passes
/// their responses through untouched.
public enum Route53Routes {
    /// With `credentials`, every request under `/2013-04-01/` must be SigV4-signed by one of
    /// its keys; without, any `Authorization` is accepted unchecked.
    public static func add(
        to router: Router<BasicRequestContext>, registry: Registry, credentials: AWSCredentials? = nil
    ) {
        let api = Route53Handlers(registry: registry)
        router.add(middleware: Route53NotFoundMiddleware())
        // Before the routes: Hummingbird wraps a route only in the middleware added before it.
        if let credentials {
            router.add(middleware: signatureMiddleware(credentials))
        }
        let zones = "/2013-04-01/hostedzone"
        router.post(RouterPath(zones), use: api.createHostedZone)
        router.get(RouterPath(zones), use: api.listHostedZones)
        router.get(RouterPath("/2013-04-01/hostedzonesbyname"), use: api.listHostedZonesByName)
        router.get(RouterPath("\(zones)/:id"), use: api.getHostedZone)
        router.delete(RouterPath("\(zones)/:id"), use: api.deleteHostedZone)
        // botocore posts to `.../rrset/`; the router drops the empty last segment.
        router.post(RouterPath("\(zones)/:id/rrset"), use: api.changeResourceRecordSets)
        router.get(RouterPath("\(zones)/:id/rrset"), use: api.listResourceRecordSets)
        router.get(RouterPath("/2013-04-01/change/:id"), use: api.getChange)
    }
}

extension Route53Routes {
    static func isRoute53(_ request: Request) -> Bool { request.uri.path.hasPrefix("/2013-04-01/") }

    /// The Route 53 signature check, answering refusals in Route 53's XML error shape.
    static func signatureMiddleware(_ credentials: AWSCredentials) -> AWSSignatureMiddleware<BasicRequestContext> {
        AWSSignatureMiddleware(
            credentials: credentials, service: "route53", maxBody: Route53XML.maxBody, applies: isRoute53,
            reject: { error in
                Route53Error(status: .init(code: error.status), code: error.code, message: error.message).response()
            })
    }
}
