import Foundation
import Hummingbird

/// Writes API values as `application/json` responses with Foundation's JSONEncoder.
enum JSONResponse {
    static let contentType = "application/json"

    /// `value` as JSON with `status`, optionals without a value written as `null`.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        encode(ExplicitNulls(value: value), status: status)
    }

    /// `value` as JSON with `status`, as its own conformance writes it (nil fields left out).
    /// Encoding our own values cannot fail short of a bug; if it does, the answer is a 500 in
    /// the error shape.
    static func encode(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            data = Data(#"{"code":"InternalError","message":"response could not be encoded"}"#.utf8)
            return response(data, status: .internalServerError)
        }
        return response(data, status: status)
    }

    private static func response(_ data: Data, status: HTTPResponse.Status) -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        return Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: buffer))
    }
}
