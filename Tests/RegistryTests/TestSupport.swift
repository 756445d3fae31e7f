import DNSWire
import DNSZone
import Foundation
import Logging
import Synchronization
import Testing

@testable import Registry

/// A fresh directory under the system temp folder, removed by `remove()`.
struct TempDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "shoal-registry-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path that need not exist yet.
    init(path: String) { self.path = path }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Counts publications and keeps the last set, as the DNS server would receive them.
final class PublishLog: Sendable {
    private let state = Mutex<(count: Int, last: ZoneSet?)>((0, nil))

    var count: Int { state.withLock { $0.count } }
    var last: ZoneSet? { state.withLock { $0.last } }

    func publish(_ zones: ZoneSet) {
        state.withLock { $0 = ($0.count + 1, zones) }
    }
}

/// A registry over a temp directory; `reopen` closes it and opens the same files again.
final class Harness: @unchecked Sendable {
    let directory: TempDirectory
    let fileZones: [Zone]
    private(set) var registry: Registry
    private(set) var log: PublishLog

    /// A read-only zone `static.test` as if loaded from a zone file.
    static func staticFileZone() throws -> Zone {
        Zone(
            origin: try DomainName(parsing: "static.test."),
            soa: SOAData(
                primary: try DomainName(parsing: "ns.static.test."), mailbox: try DomainName(parsing: "h.static.test."),
                serial: 7, refresh: 1, retry: 1, expire: 1, minimum: 1), soaTTL: 60)
    }

    init(fileZones: [Zone] = [], directory: TempDirectory = TempDirectory()) async throws {
        self.directory = directory
        self.fileZones = fileZones
        let log = PublishLog()
        self.log = log
        registry = try await Self.open(directory.path, fileZones: fileZones, log: log)
    }

    static func open(_ path: String, fileZones: [Zone], log: PublishLog) async throws(RegistryError) -> Registry {
        var logger = Logger(label: "registry-tests")
        logger.logLevel = .warning
        return try await Registry.open(directory: path, fileZones: fileZones, logger: logger) { zones in
            log.publish(zones)
        }
    }

    func reopen() async throws {
        await registry.close()
        let log = PublishLog()
        self.log = log
        registry = try await Self.open(directory.path, fileZones: fileZones, log: log)
    }

    func finish() async {
        await registry.close()
        directory.remove()
    }

    /// A managed zone with the defaults.
    @discardableResult
    func zone(_ name: String = "ecs.internal") async throws -> ZoneInfo {
        try await registry.createZone(ZoneSpec(name: name))
    }

    /// One change in `ecs.internal`.
    @discardableResult
    func change(_ action: String, _ name: String, _ type: String, ttl: Int64? = 60, _ records: [String]?)
        async throws -> ChangeInfo
    {
        try await change("ecs.internal", action, name, type, ttl: ttl, records)
    }

    @discardableResult
    func change(
        _ zone: String, _ action: String, _ name: String, _ type: String, ttl: Int64? = 60, _ records: [String]?
    ) async throws -> ChangeInfo {
        try await registry.applyChanges(
            zone: zone, changes: [RecordChange(action: action, name: name, type: type, ttl: ttl, records: records)],
            comment: nil)
    }
}

/// What DNS answers from `zones` for `name` and `type`: the answer records' data, sorted, or
/// the rcode's name when there are none.
func answer(_ zones: ZoneSet?, _ name: String, _ type: RRType) -> [String] {
    guard let zones else { return ["no zones published"] }
    let owner = try! DomainName(parsing: name)
    guard let zone = zones.zone(for: owner) else { return ["REFUSED"] }
    let result = zone.answer(name: owner, type: type)
    let data = result.answer.filter { $0.rrset.type == type }.flatMap { $0.rrset.rdatas.map(\.description) }
    if data.isEmpty { return [result.rcode == .nameError ? "NXDOMAIN" : "NODATA"] }
    return data.sorted()
}

/// The TTL DNS answers with for `name` and `type`.
func answerTTL(_ zones: ZoneSet?, _ name: String, _ type: RRType) -> UInt32? {
    let owner = try! DomainName(parsing: name)
    return zones?.zone(for: owner)?.answer(name: owner, type: type).answer.first { $0.rrset.type == type }?.rrset.ttl
}

/// The error `body` throws, or nil (recorded as a failure) when it throws none.
func registryError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async
    -> RegistryError?
{
    do {
        try await body()
        Issue.record("expected a RegistryError", sourceLocation: sourceLocation)
        return nil
    } catch let error as RegistryError {
        return error
    } catch {
        Issue.record("expected a RegistryError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
