import Foundation
import Hummingbird

/// awsJson 1.1 as botocore speaks it: members named as in the model, timestamps as epoch
/// seconds, `application/x-amz-json-1.1` both ways.
enum CloudMapJSON {
    static let contentType = "application/x-amz-json-1.1"
    /// Cloud Map's requests are small; this bounds what one request may make the server hold.
    static let maxBody = 1 << 20
    static let errorTypeHeader = HTTPFields.Element.Name("X-Amzn-ErrorType")!
    static let requestIdHeader = HTTPFields.Element.Name("X-Amzn-RequestId")!

    static var headers: HTTPFields {
        [.contentType: contentType, requestIdHeader: UUID().uuidString.lowercased()]
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// An empty body is an empty input, as for an operation called without parameters.
    static func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer) throws(CloudMapError) -> T {
        let data = body.readableBytes == 0 ? Data("{}".utf8) : Data(body.readableBytesView)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidInput("\(path(context.codingPath + [key])) is required")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .invalidInput("\(path(context.codingPath)) is required")
        } catch let DecodingError.typeMismatch(expected, context) {
            throw CloudMapError(
                "SerializationException", "\(path(context.codingPath)) must be of type \(expected)")
        } catch {
            throw CloudMapError("SerializationException", "the request body is not a JSON object of the input shape")
        }
    }

    static func response<T: Encodable>(_ value: T) -> Response {
        do {
            let data = try encoder.encode(value)
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch {
            return CloudMapError(
                "InternalFailure", "cannot encode the response: \(error)", status: .internalServerError
            )
            .response()
        }
    }

    /// `Properties.DnsProperties.SOA.TTL`, as the model names members.
    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }
}
