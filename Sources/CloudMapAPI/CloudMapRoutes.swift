import AWSAuth
import Hummingbird
import Registry

/// The Cloud Map API (servicediscovery, 2017-03-14) on the control API's router: awsJson 1.1,
/// every operation a `POST /` that names itself in `X-Amz-Target`. Its handler answers every
/// error in Cloud Map's JSON itself, so the native API's error middleware passes it through.
public enum CloudMapRoutes {
    /// With `credentials`, every `POST /` must be SigV4-signed for `servicediscovery` by one of
    /// its keys; without, any `Authorization` is accepted unchecked.
    public static func add(
        to router: Router<BasicRequestContext>, registry: Registry, credentials: AWSCredentials? = nil
    ) {
        // Before the route: Hummingbird wraps a route only in the middleware added before it.
        if let credentials {
            router.add(middleware: signatureMiddleware(credentials))
        }
        let handlers = CloudMapHandlers(registry: registry)
        router.post(RouterPath("/"), use: handlers.handle)
    }
}

extension CloudMapRoutes {
    /// Any Host is served: boto3 prefixes `data-` to it for DiscoverInstances.
    static func isCloudMap(_ request: Request) -> Bool { request.method == .post && request.uri.path == "/" }

    /// The signature check, answering refusals in Cloud Map's JSON error shape.
    static func signatureMiddleware(_ credentials: AWSCredentials) -> AWSSignatureMiddleware<BasicRequestContext> {
        AWSSignatureMiddleware(
            credentials: credentials, service: "servicediscovery", maxBody: CloudMapJSON.maxBody,
            applies: isCloudMap,
            reject: { error in jsonRefusal(error).response() })
    }

    /// AWS's JSON-protocol services name signature refusals their own way, all with 400:
    /// `UnrecognizedClientException` where Route 53 says `InvalidClientTokenId` (403), and so on.
    static func jsonRefusal(_ error: SigV4Error) -> CloudMapError {
        switch error.code {
        case "MissingAuthenticationToken":
            CloudMapError("MissingAuthenticationTokenException", "Missing Authentication Token")
        case "IncompleteSignature": CloudMapError("IncompleteSignatureException", error.message)
        case "InvalidClientTokenId": CloudMapError("UnrecognizedClientException", error.message)
        case "SignatureDoesNotMatch": CloudMapError("InvalidSignatureException", error.message)
        case "RequestExpired": CloudMapError("InvalidSignatureException", "Signature expired: \(error.message)")
        default: CloudMapError(error.code, error.message, status: .init(code: error.status))
        }
    }
}
