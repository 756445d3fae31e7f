import DNSZone
import Foundation
import Logging
import Registry

/// A real registry on a fresh temporary directory, closed and removed afterwards; for the
/// API test targets, which drive their routes over it.
public func withRegistry<T>(fileZones: [Zone] = [], _ body: (Registry) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shoal-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let registry = try await Registry.open(
        directory: directory.path, fileZones: fileZones, logger: Logger(label: "test"), publisher: { _ in })
    do {
        let value = try await body(registry)
        await registry.close()
        return value
    } catch {
        await registry.close()
        throw error
    }
}
