import Foundation
import Hummingbird
import Registry

/// An error as the API answers it: a status and `{"code": ..., "message": ..., "field": ...}`.
///
/// Registry errors keep their code, message and field; the API adds its own codes for what
/// happens before the registry is asked (`InvalidJSON`, `InvalidRequest`, `NotFound`,
/// `MethodNotAllowed`, `PayloadTooLarge`).
struct APIError: Error, Sendable, Equatable, HTTPResponseError {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    /// JSON path into the request body, or the name of a path or query parameter.
    let field: String?
    /// Extra response headers (`Allow` for 405).
    var headers: HTTPFields = [:]

    init(status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.encode(Body(code: code, message: message, field: field), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// The JSON body; `field` is left out when nil.
    struct Body: Encodable {
        let code: String
        let message: String
        let field: String?
    }
}

extension APIError {
    static func invalidJSON(_ message: String, field: String? = nil) -> APIError {
        APIError(status: .badRequest, code: "InvalidJSON", message: message, field: field)
    }

    static func invalidRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(status: .badRequest, code: "InvalidRequest", message: message, field: field)
    }

    static func notFound(_ request: Request) -> APIError {
        APIError(status: .notFound, code: "NotFound", message: "no endpoint \(request.method) \(request.uri.path)")
    }

    static func methodNotAllowed(_ request: Request, allowed: [HTTPRequest.Method]) -> APIError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        var error = APIError(
            status: .methodNotAllowed, code: "MethodNotAllowed",
            message: "\(request.uri.path) does not take \(request.method); it takes \(list)")
        error.headers[.allow] = list
        return error
    }

    static let payloadTooLarge = APIError(
        status: .contentTooLarge, code: "PayloadTooLarge",
        message: "request body is larger than \(JSONBody.maxBytes) bytes (1 MiB)")

    static let unexpected = APIError(
        status: .internalServerError, code: "InternalError", message: "internal error; the server log has details")

    /// A registry refusal, with the status the contract gives its code.
    init(_ error: RegistryError) {
        self.init(
            status: Self.status(of: error.code), code: error.code.rawValue, message: error.message, field: error.field)
    }

    static func status(of code: RegistryError.Code) -> HTTPResponse.Status {
        switch code {
        case .invalidName, .invalidTTL, .invalidType, .invalidRecord, .invalidChange, .invalidRequest:
            return .badRequest
        case .noSuchZone, .noSuchRecordSet, .noSuchInstance, .noSuchChange, .noSuchService:
            return .notFound
        case .zoneExists, .recordSetExists, .recordSetMismatch, .cnameConflict, .zoneNotEmpty, .readOnlyZone,
            .serviceExists, .serviceNotEmpty:
            return .conflict
        case .tooLarge:
            return .contentTooLarge
        case .storageFull:
            return insufficientStorage
        case .unavailable:
            return .serviceUnavailable
        case .internalError:
            return .internalServerError
        }
    }

    /// 507, which swift-http-types has no name for.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")

    /// An error Hummingbird (or SwiftNIO) raised with a status of its own, in the API's shape.
    init(framework error: any HTTPResponseError) {
        let status = error.status
        let message = (error as? HTTPError)?.body ?? status.reasonPhrase
        switch status.code {
        case 404: self.init(status: status, code: "NotFound", message: message)
        case 405: self.init(status: status, code: "MethodNotAllowed", message: message)
        case 413: self = .payloadTooLarge
        case 503: self.init(status: status, code: "ServiceUnavailable", message: message)
        case 507: self.init(status: status, code: "StorageFull", message: message)
        case 400..<500: self.init(status: status, code: "InvalidRequest", message: message)
        default: self.init(status: .internalServerError, code: "InternalError", message: message)
        }
    }
}
