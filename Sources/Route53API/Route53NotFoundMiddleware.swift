import Hummingbird

/// Answers requests under `/2013-04-01/` that no Route 53 route takes (an operation Shoal does
/// not have, or a method a path does not take) in Route 53's XML rather than the native API's
/// JSON, so botocore reports them as errors it can parse.
struct Route53NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard request.uri.path.hasPrefix("/2013-04-01/") else { return try await next(request, context) }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return Route53Error(
                status: .notFound, code: "UnknownOperation",
                message: "Shoal has no Route 53 operation at \(request.method) \(request.uri.path)"
            ).response()
        }
    }
}
