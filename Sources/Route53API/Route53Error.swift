import Foundation
import Hummingbird
import Registry

/// A Route 53 error as AWS sends it: an HTTP status, a code botocore turns into an exception
/// class, and a message. Rendered as `<ErrorResponse>` XML.
struct Route53Error: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String

    /// `Sender` for the client's mistakes, `Receiver` for ours, as AWS tells them apart.
    var type: String { status.code >= 500 ? "Receiver" : "Sender" }

    static func noSuchHostedZone(_ id: String) -> Route53Error {
        Route53Error(status: .notFound, code: "NoSuchHostedZone", message: "No hosted zone found with ID: \(id)")
    }

    static func invalidInput(_ message: String) -> Route53Error {
        Route53Error(status: .badRequest, code: "InvalidInput", message: message)
    }

    static func invalidChangeBatch(_ message: String) -> Route53Error {
        Route53Error(status: .badRequest, code: "InvalidChangeBatch", message: message)
    }

    /// A registry refusal outside a change batch.
    init(_ error: RegistryError) {
        switch error.code {
        case .noSuchZone: self.init(status: .notFound, code: "NoSuchHostedZone", message: error.message)
        case .noSuchChange: self.init(status: .notFound, code: "NoSuchChange", message: error.message)
        case .zoneExists: self.init(status: .conflict, code: "HostedZoneAlreadyExists", message: error.message)
        case .zoneNotEmpty:
            self.init(
                status: .badRequest, code: "HostedZoneNotEmpty",
                message:
                    "The specified hosted zone contains non-required resource record sets and so cannot be deleted.")
        case .unavailable, .storageFull:
            self.init(status: .serviceUnavailable, code: "ServiceUnavailable", message: error.message)
        case .internalError: self.init(status: .internalServerError, code: "InternalFailure", message: error.message)
        default: self.init(status: .badRequest, code: "InvalidInput", message: error.message)
        }
    }

    init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    func response() -> Response {
        let body = ErrorResponse(
            Error: .init(Type: type, Code: code, Message: message), RequestId: UUID().uuidString.lowercased())
        return Route53XML.response(body, root: "ErrorResponse", status: status)
    }

    /// Runs a handler and turns whatever it throws into Route 53's XML error, so the native
    /// API's JSON error middleware never sees a Route 53 failure.
    static func catching(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as Route53Error {
            return error.response()
        } catch let error as RegistryError {
            return Route53Error(error).response()
        } catch {
            return Route53Error(status: .internalServerError, code: "InternalFailure", message: "\(error)").response()
        }
    }
}

struct ErrorResponse: Encodable {
    struct Detail: Encodable {
        var `Type`: String
        var Code: String
        var Message: String
    }
    var Error: Detail
    var RequestId: String
}
