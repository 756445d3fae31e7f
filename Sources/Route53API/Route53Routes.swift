import Hummingbird
import Registry

/// The Route 53 REST-XML API (2013-04-01) on the control API's router. Its handlers turn
/// every error into Route 53's XML themselves, so the native JSON error middleware passes
/// their responses through untouched.
public enum Route53Routes {
    public static func add(to router: Router<BasicRequestContext>, registry: Registry) {
        let api = Route53Handlers(registry: registry)
        router.add(middleware: Route53NotFoundMiddleware())
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
