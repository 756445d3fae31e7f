import Foundation
import RegistryTestSupport
import Testing

@testable import ControlAPI

/// docs/openapi.yaml and docs/api.md describe exactly the routes the server has, and the
/// OpenAPI document is valid (openapi-spec-validator, installed by scripts/install-deps.sh).
@Suite struct APIDocumentTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs").standardized
    static let openAPI = docs.appendingPathComponent("openapi.yaml")
    static let guide = docs.appendingPathComponent("api.md")

    /// "GET /v1/zones/{zone}" for every route of the server.
    static func serverRoutes() async throws -> Set<String> {
        try await withRegistry { registry in
            let table = ControlAPIServer.routeTable(ControlAPIHandlers(registry: registry))
            return Set(
                table.routes.map { route in
                    let path = route.path.split(separator: "/").map { segment in
                        segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
                    }
                    return "\(route.method.rawValue) /\(path.joined(separator: "/"))"
                })
        }
    }

    /// "GET /v1/zones/{zone}" for every operation under `paths:` (two-space path keys, four-space methods).
    static func documentedOperations() throws -> Set<String> {
        let text = try String(contentsOf: openAPI, encoding: .utf8)
        var operations: Set<String> = []
        var path: String?
        var inPaths = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inPaths = line == "paths:" }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "put", "post", "delete", "patch"].contains(method) {
                    operations.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return operations
    }

    @Test func openAPIDescribesEveryRouteAndNoOther() async throws {
        #expect(try Self.documentedOperations() == (try await Self.serverRoutes()))
    }

    @Test func guideHasASectionForEveryRoute() async throws {
        let guide = try String(contentsOf: Self.guide, encoding: .utf8)
        for route in try await Self.serverRoutes() {
            #expect(guide.contains("`\(route)"), "docs/api.md does not show `\(route)`")
        }
    }

    @Test func openAPIDocumentIsValid() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "openapi_spec_validator", Self.openAPI.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0,
            "openapi-spec-validator (pip; scripts/install-deps.sh installs it) says: \(text)")
    }
}
