import Hummingbird
import Logging
import Registry

/// Turns every error a request meets into the API's JSON error shape: registry refusals with
/// the contract's status, Hummingbird's own HTTP errors, unmatched routes as 404 NotFound or
/// 405 MethodNotAllowed (with `Allow`), and anything unexpected as a logged 500 InternalError.
///
/// It wraps every route and the router's not-found responder, so it must be the router's first
/// middleware, added before any route.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            return try apiError(for: error, request: request, context: context).response(
                from: request, context: context)
        }
    }

    func apiError(for error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as RegistryError:
            if error.code == .internalError {
                context.logger.error("\(request.method) \(request.uri.path): \(error)")
            }
            return APIError(error)
        case let error as HTTPError where error.status == .notFound:
            // The router's answer when no route takes this method and path.
            let allowed = routes.methods(at: request.uri.path)
            if allowed.isEmpty { return .notFound(request) }
            if !allowed.contains(request.method) { return .methodNotAllowed(request, allowed: allowed) }
            return APIError(framework: error)
        case let error as any HTTPResponseError:
            return APIError(framework: error)
        default:
            context.logger.error("\(request.method) \(request.uri.path): unexpected error: \(error)")
            return .unexpected
        }
    }
}
