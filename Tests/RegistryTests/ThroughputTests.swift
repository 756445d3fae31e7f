import DNSWire
import DNSZone
import Foundation
import Testing

@testable import Registry

/// Durable single-record changes per second with 8 concurrent writers, on an empty zone and
/// on one of 100,000 records. Slow, so it runs only with SHOAL_REGISTRY_BENCH=1; it prints
/// the rates and checks that the large zone is not much slower.
@Suite("Registry throughput", .enabled(if: ProcessInfo.processInfo.environment["SHOAL_REGISTRY_BENCH"] == "1"))
struct ThroughputTests {
    static let writers = 8
    static let changesPerWriter = 400

    func measure(_ harness: Harness, round: String) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<Self.writers {
                group.addTask {
                    for index in 0..<Self.changesPerWriter {
                        try await harness.change(
                            "bench.test", "UPSERT", "\(round)-\(writer)-\(index)", "A", ["10.\(writer).\(index / 256).\(index % 256)"])
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(Self.writers * Self.changesPerWriter) / seconds
    }

    @Test func concurrentSingleRecordChanges() async throws {
        let harness = try await Harness()
        try await harness.zone("bench.test")
        let publishedBefore = harness.log.count
        let empty = try await measure(harness, round: "empty")
        let groups = harness.log.count - publishedBefore
        let loadStart = ContinuousClock.now
        for batch in 0..<100 {
            let changes = (0..<1000).map { index in
                RecordChange(action: "CREATE", name: "bulk\(batch)-\(index).sub\(index % 50)", type: "A", ttl: 60,
                             records: ["10.200.\(batch).\(index % 250)"])
            }
            _ = try await harness.registry.applyChanges(zone: "bench.test", changes: changes, comment: nil)
        }
        let load = ContinuousClock.now - loadStart
        #expect(try await harness.registry.zone(named: "bench.test").recordCount > 100_000)
        let large = try await measure(harness, round: "large")
        print(
            "registry throughput: empty zone \(Int(empty))/s (\(Self.writers * Self.changesPerWriter) changes in \(groups) group commits); "
                + "100,000-record zone \(Int(large))/s; loading 100 x 1,000 changes took \(load)")
        #expect(large > empty / 2)
        let reopenStart = ContinuousClock.now
        try await harness.reopen()
        print("registry reopen with 100,000 records: \(ContinuousClock.now - reopenStart)")
        await harness.finish()
    }
}
