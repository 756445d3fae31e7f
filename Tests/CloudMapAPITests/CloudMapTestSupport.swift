import AWSAuth
import CloudMapAPI
import Foundation
import Hummingbird
import HummingbirdTesting
import Registry
import RegistryTestSupport
import Route53API

/// Route 53's and Cloud Map's routes on one router over a fresh registry, as `shoal serve`
/// mounts them, driven in-process by HummingbirdTesting.
func withCloudMap(
    credentials: AWSCredentials? = nil,
    _ test: @escaping @Sendable (any TestClientProtocol, Registry) async throws -> Void
) async throws {
    try await withRegistry { registry in
        let router = Router(context: BasicRequestContext.self)
        Route53Routes.add(to: router, registry: registry, credentials: credentials)
        CloudMapRoutes.add(to: router, registry: registry, credentials: credentials)
        try await Application(router: router).test(.router) { client in try await test(client, registry) }
    }
}

let targetHeader = HTTPFields.Element.Name("X-Amz-Target")!

extension TestClientProtocol {
    /// One Cloud Map operation as botocore sends it: `POST /`, the target header, a JSON body.
    func call(_ operation: String, _ json: String = "{}", headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[targetHeader] = "Route53AutoNaming_v20170314.\(operation)"
        fields[.contentType] = "application/x-amz-json-1.1"
        return try await execute(uri: "/", method: .post, headers: fields, body: ByteBuffer(string: json))
    }

    /// The operation's JSON output; fails the caller when the operation is refused.
    func ok(_ operation: String, _ json: String = "{}") async throws -> [String: Any] {
        let response = try await call(operation, json)
        guard response.status == .ok else { throw Refused(operation: operation, response: response) }
        return response.json
    }

    /// A private DNS namespace named `name`; returns its id.
    func namespace(_ name: String) async throws -> String {
        _ = try await ok("CreatePrivateDnsNamespace", #"{"Name": "\#(name)", "Vpc": "vpc-1"}"#)
        let list = try await ok("ListNamespaces", #"{"Filters": [{"Name": "NAME", "Values": ["\#(name)"]}]}"#)
        return try require2((list["Namespaces"] as? [[String: Any]])?.first?["Id"] as? String)
    }

    /// A service in `namespace` whose instances make `records` (`[{"Type": "A", "TTL": 10}]`).
    func service(_ name: String, in namespace: String, records: String, extra: String = "") async throws -> String {
        let output = try await ok(
            "CreateService",
            #"{"Name": "\#(name)", "NamespaceId": "\#(namespace)", "DnsConfig": {"DnsRecords": \#(records)}\#(extra)}"#)
        return try require2((output["Service"] as? [String: Any])?["Id"] as? String)
    }
}

/// `#require` for helpers outside a test body.
func require2<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw Missing(what: what) }
    return value
}

struct Missing: Error, CustomStringConvertible {
    let what: String
    var description: String { "missing \(what)" }
}

struct Refused: Error, CustomStringConvertible {
    let operation: String
    let response: TestResponse
    var description: String { "\(operation): \(response.status) \(response.text)" }
}

extension TestResponse {
    var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }

    /// The body as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// `__type` of an error body.
    var errorType: String? { json["__type"] as? String }
}
