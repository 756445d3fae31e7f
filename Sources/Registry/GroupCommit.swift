import DNSWire
import DNSZone
import GRDB
import Logging

/// What one group commit decided: the draft to fold into memory, one result per job.
struct GroupOutcome: Sendable {
    var draft: Draft
    var results: [Result<JobOutput, RegistryError>]
}

/// The writer task: takes every waiting job, runs each in a SAVEPOINT of one transaction,
/// commits once (one fsync), folds the draft into memory, publishes once, then replies.
extension Registry {
    func runWriter() async {
        while let jobs = await queue.next() {
            await commit(jobs)
        }
    }

    func commit(_ jobs: [Job]) async {
        let now = Timestamp.now()
        let nextZoneID = state.withLock { $0.nextZoneID }
        let outcome: GroupOutcome
        do {
            outcome = try await pool.writeWithoutTransaction { db in
                try self.process(jobs, now: now, nextZoneID: nextZoneID, db: db)
            }
        } catch {
            let failure = Store.failure(error)
            logger.error("group commit of \(jobs.count) jobs failed: \(failure)")
            for job in jobs { job.reply.resume(returning: .failure(failure)) }
            return
        }
        let published = state.withLock { state in state.apply(outcome.draft) ? state.published : nil }
        if let published { await publisher(published) }
        for (job, result) in zip(jobs, outcome.results) { job.reply.resume(returning: result) }
    }

    /// Runs on GRDB's writer queue. A job that fails rolls back to its savepoint and gets its
    /// error; the draft keeps only what succeeded.
    private func process(_ jobs: [Job], now: Double, nextZoneID: Int64, db: Database) throws -> GroupOutcome {
        var draft = Draft(nextZoneID: nextZoneID)
        var results: [Result<JobOutput, RegistryError>] = []
        results.reserveCapacity(jobs.count)
        try db.inTransaction(.immediate) {
            for job in jobs {
                do {
                    var lapsed: [(zone: Int64, key: InstanceKey)] = []
                    if case .sweep = job.request { lapsed = try Self.lapsedInstances(db, at: now) }
                    let current = draft
                    let (planned, writes, output) = try state.withLock { state throws(RegistryError) in
                        var planner = Planner(state: state, draft: current, now: now, directory: directory)
                        let output = try planner.plan(job.request, lapsed: lapsed)
                        return (planner.draft, planner.writes, output)
                    }
                    if !writes.isEmpty {
                        try db.inSavepoint {
                            for write in writes { try write.execute(db) }
                            return .commit
                        }
                    }
                    draft = planned
                    results.append(.success(output))
                } catch {
                    results.append(.failure(Store.failure(error)))
                    // SQLite may end the whole transaction on some errors (disk full): then
                    // nothing after this point would be atomic, so fail the group.
                    guard db.isInsideTransaction else { throw error }
                }
            }
            return .commit
        }
        return GroupOutcome(draft: draft, results: results)
    }

    private static func lapsedInstances(_ db: Database, at now: Double) throws -> [(zone: Int64, key: InstanceKey)] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT zone_id, service, instance_id FROM instances WHERE expires_at <= ?", arguments: [now])
        return try rows.map { row in
            (
                try row.decode(Int64.self, forColumn: "zone_id"),
                InstanceKey(
                    service: try row.decode(forColumn: "service"), id: try row.decode(forColumn: "instance_id"))
            )
        }
    }

    /// Every ~250 ms: if a lease ran out, one sweep job removes the lapsed instances (a durable
    /// change batch per zone). Also runs at once after open, for leases that ran out while down.
    func runSweeper() async {
        while !Task.isCancelled {
            let now = Timestamp.now()
            let due = try? await pool.read { db in
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM instances WHERE expires_at <= ?)", arguments: [now])
            }
            if due == true {
                do {
                    if case .changes(let changes) = try await perform(.sweep), !changes.isEmpty {
                        for change in changes {
                            logger.info("lease sweep: zone \(change.zone) serial \(change.serial): \(change.comment ?? "")")
                        }
                    }
                } catch {
                    logger.error("lease sweep failed: \(error)")
                }
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }
}
