import Foundation
import Hummingbird
import XMLCoder

/// XML in and out, with XMLCoder: request bodies decoded into the shapes of botocore's
/// route53 model, responses encoded under the API's namespace.
enum Route53XML {
    static let namespace = "https://route53.amazonaws.com/doc/2013-04-01/"
    /// Route 53 request bodies are small; a change batch is at most 32,000 characters of values.
    static let maxBody = 1 << 20

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBody)
        } catch {
            throw Route53Error.invalidInput("request body larger than \(maxBody) bytes")
        }
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            // Values keep their blanks (XMLCoder's trimming also eats blanks next to `&amp;`);
            // the blanks of pretty-printed bodies between elements are dropped.
            let decoder = XMLDecoder(trimValueWhitespaces: false, removeWhitespaceElements: true)
            return try decoder.decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw Route53Error.invalidInput("missing required element \(key.stringValue)")
        } catch {
            throw Route53Error.invalidInput("could not parse the request body as \(T.self): \(error)")
        }
    }

    static func response<T: Encodable>(
        _ value: T, root: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        let data: Data
        do {
            data = try encode(value, root: root)
        } catch {
            // Our own shapes always encode; say so plainly if one ever does not.
            let error = "<Error><Type>Receiver</Type><Code>InternalFailure</Code></Error>"
            data = Data("<ErrorResponse xmlns=\"\(namespace)\">\(error)</ErrorResponse>".utf8)
            return Response(
                status: .internalServerError, headers: [.contentType: "text/xml"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        var fields = headers
        fields[.contentType] = "text/xml"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func encode<T: Encodable>(_ value: T, root: String) throws -> Data {
        try XMLEncoder().encode(
            value, withRootKey: root, rootAttributes: ["xmlns": namespace],
            header: XMLHeader(version: 1.0, encoding: "UTF-8"))
    }
}
