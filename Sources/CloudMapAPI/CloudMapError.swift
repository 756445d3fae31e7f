import Foundation
import Hummingbird
import Registry

/// A Cloud Map error as AWS sends it in awsJson 1.1: an HTTP status, a `__type` code that
/// botocore turns into an exception class (`NamespaceNotFound`, `InvalidInput`, ...), a
/// `Message`, and the extra members some error shapes carry (`NamespaceId`,
/// `DuplicateOperationId`, ...).
struct CloudMapError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var members: [String: String] = [:]

    init(_ code: String, _ message: String, status: HTTPResponse.Status = .badRequest, members: [String: String] = [:])
    {
        self.status = status
        self.code = code
        self.message = message
        self.members = members
    }

    static func invalidInput(_ message: String) -> CloudMapError { CloudMapError("InvalidInput", message) }

    static func namespaceNotFound(_ id: String) -> CloudMapError {
        CloudMapError("NamespaceNotFound", "Namespace not found: \(id)")
    }

    static func serviceNotFound(_ id: String) -> CloudMapError {
        CloudMapError("ServiceNotFound", "Service not found: \(id)")
    }

    static func instanceNotFound(_ id: String, service: String) -> CloudMapError {
        CloudMapError("InstanceNotFound", "Instance \(id) not found in service \(service)")
    }

    static func operationNotFound(_ id: String) -> CloudMapError {
        CloudMapError("OperationNotFound", "Operation not found: \(id)")
    }

    static func unknownOperation(_ target: String) -> CloudMapError {
        CloudMapError("UnknownOperationException", "Shoal has no Cloud Map operation '\(target)'")
    }

    /// A registry refusal, named as Cloud Map names the same situation.
    init(_ error: RegistryError) {
        switch error.code {
        case .noSuchZone: self.init("NamespaceNotFound", error.message)
        case .noSuchService: self.init("ServiceNotFound", error.message)
        case .noSuchInstance: self.init("InstanceNotFound", error.message)
        case .noSuchChange: self.init("OperationNotFound", error.message)
        case .zoneExists: self.init("NamespaceAlreadyExists", error.message)
        case .serviceExists: self.init("ServiceAlreadyExists", error.message)
        case .serviceNotEmpty, .zoneNotEmpty: self.init("ResourceInUse", error.message)
        case .unavailable, .storageFull: self.init("ServiceUnavailable", error.message, status: .serviceUnavailable)
        case .internalError: self.init("InternalFailure", error.message, status: .internalServerError)
        default: self.init("InvalidInput", error.message)
        }
    }

    func response() -> Response {
        var body = members
        body["__type"] = code
        body["Message"] = message
        let data = (try? CloudMapJSON.encoder.encode(body)) ?? Data(#"{"__type":"InternalFailure"}"#.utf8)
        var headers = CloudMapJSON.headers
        headers[CloudMapJSON.errorTypeHeader] = code
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Runs an operation and turns whatever it throws into Cloud Map's JSON error, so the
    /// native API's error middleware never sees a Cloud Map failure.
    static func catching(_ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let error as CloudMapError {
            return error.response()
        } catch let error as RegistryError {
            return CloudMapError(error).response()
        } catch {
            return CloudMapError("InternalFailure", "\(error)", status: .internalServerError).response()
        }
    }
}
