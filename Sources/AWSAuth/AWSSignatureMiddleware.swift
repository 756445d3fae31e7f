import Hummingbird

/// Refuses requests to an AWS API that do not carry a valid SigV4 signature from one of the
/// accepted keys. Each AWS API adds one, naming its service, which requests it guards, and how
/// its errors look; other requests (the native /v1 API) pass untouched.
public struct AWSSignatureMiddleware<Context: RequestContext>: RouterMiddleware {
    let verifier: SigV4Verifier
    let applies: @Sendable (Request) -> Bool
    let reject: @Sendable (SigV4Error) -> Response
    let maxBody: Int

    public init(
        credentials: AWSCredentials, service: String, maxBody: Int = 1 << 20,
        applies: @escaping @Sendable (Request) -> Bool, reject: @escaping @Sendable (SigV4Error) -> Response
    ) {
        self.verifier = SigV4Verifier(credentials: credentials, service: service)
        self.maxBody = maxBody
        self.applies = applies
        self.reject = reject
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard applies(request) else { return try await next(request, context) }
        var request = request
        // The signature covers the body's hash, so it is read here; collectBody puts it back
        // into the request, so the handler reads the same bytes again.
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBody)
        } catch {
            return reject(
                SigV4Error(
                    status: 413, code: "RequestEntityTooLarge", message: "request body larger than \(maxBody) bytes"))
        }
        // HTTP/1's Host header arrives as the :authority pseudo-header; SigV4 signs it as `host`.
        var headers: [(name: String, value: String)] = []
        if let authority = request.head.authority { headers.append(("host", authority)) }
        for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
        do {
            try verifier.verify(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: headers,
                body: Array(body.readableBytesView))
        } catch {
            return reject(error)
        }
        return try await next(request, context)
    }
}
