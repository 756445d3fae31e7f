import Foundation
import Hummingbird
import NIOCore

/// Reads a request body as JSON: at most `maxBytes`, decoded with Foundation's JSONDecoder,
/// every failure an `APIError` (`PayloadTooLarge`, `InvalidJSON` with the JSON path).
enum JSONBody {
    /// 1 MiB.
    static let maxBytes = 1 << 20

    /// The body decoded as `T`; an empty body is `InvalidJSON`.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let bytes = try await collect(request)
        guard !isBlank(bytes) else {
            throw APIError.invalidJSON("request body is empty; expected a JSON object")
        }
        return try decode(type, from: bytes)
    }

    /// The body decoded as `T`, or nil when the body is empty (a body-less PUT).
    static func decodeIfPresent<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T? {
        let bytes = try await collect(request)
        return isBlank(bytes) ? nil : try decode(type, from: bytes)
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: bytes)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw JSONDiagnosis.diagnose(bytes)
            }
            throw APIError(error)
        }
    }

    /// The whole body, refusing more than `maxBytes` (413) before reading it when the
    /// Content-Length already says so.
    static func collect(_ request: Request) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes {
            throw APIError.payloadTooLarge
        }
        do {
            let buffer = try await request.body.collect(upTo: maxBytes)
            return Data(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.payloadTooLarge
        }
    }

    private static func isBlank(_ bytes: Data) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
