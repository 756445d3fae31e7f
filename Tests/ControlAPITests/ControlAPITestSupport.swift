import ControlAPI
import DNSWire
import DNSZone
import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import RegistryTestSupport

/// The API's router over a fresh registry, driven in-process by HummingbirdTesting.
func withAPI(fileZones: [Zone] = [], _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void)
    async throws
{
    try await withRegistry(fileZones: fileZones) { registry in
        let app = Application(router: ControlAPIServer.router(registry: registry))
        try await app.test(.router, test)
    }
}

/// A read-only "file" zone holding only its SOA.
func fileZone(_ name: String) throws -> Zone {
    let origin = try DomainName(parsing: name + ".")
    let soa = SOAData(
        primary: try DomainName(parsing: "ns1." + name + "."),
        mailbox: try DomainName(parsing: "hostmaster." + name + "."),
        serial: 7, refresh: 3600, retry: 600, expire: 1_209_600, minimum: 60)
    return Zone(origin: origin, soa: soa, soaTTL: 3600)
}

extension TestClientProtocol {
    /// One request with an optional JSON body given as text.
    func send(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil) async throws -> TestResponse {
        try await execute(uri: uri, method: method, body: body.map { ByteBuffer(string: $0) })
    }

    /// Creates zone `name` and returns nothing; fails the caller when the API refuses.
    func createZone(_ name: String) async throws {
        let response = try await send(.post, "/v1/zones", #"{"name": "\#(name)"}"#)
        guard response.status == .created else { throw UnexpectedResponse(response) }
    }
}

struct UnexpectedResponse: Error, CustomStringConvertible {
    let description: String
    init(_ response: TestResponse) { description = "\(response.status): \(response.text)" }
}

extension TestResponse {
    var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// `code` of an error body.
    var code: String? { json["code"] as? String }
    /// `field` of an error body.
    var field: String? { json["field"] as? String }
}
