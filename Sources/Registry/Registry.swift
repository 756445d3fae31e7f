import DNSWire
import DNSZone
import GRDB
import Logging
import Synchronization

/// The source of truth for managed zones: SQLite underneath, the state and the published
/// `ZoneSet` in memory. Every write goes through one writer task that commits all waiting
/// batches together (group commit) and returns only once DNS answers with the result.
/// Call `close()` when done: the writer and the lease sweeper run until then.
public final class Registry: Sendable {
    let pool: DatabasePool
    let state: Mutex<RegistryState>
    let queue = JobQueue()
    let publisher: @Sendable (ZoneSet) async -> Void
    let logger: Logger
    let directory: String
    private let tasks = Mutex<(writer: Task<Void, Never>?, sweeper: Task<Void, Never>?, closed: Bool)>((nil, nil, false))

    private init(
        pool: DatabasePool, state: RegistryState, directory: String, logger: Logger,
        publisher: @escaping @Sendable (ZoneSet) async -> Void
    ) {
        self.pool = pool
        self.state = Mutex(state)
        self.directory = directory
        self.logger = logger
        self.publisher = publisher
    }

    /// Opens (or creates) `directory/shoal.sqlite`, loads every managed zone, publishes the
    /// file and managed zones once, and starts the writer and the lease sweeper.
    public static func open(
        directory: String, fileZones: [Zone], logger: Logger,
        publisher: @escaping @Sendable (ZoneSet) async -> Void
    ) async throws(RegistryError) -> Registry {
        let pool = try Store.open(directory: directory)
        let managed: [ManagedZone]
        do {
            managed = try await StateLoader.load(pool)
        } catch {
            try? pool.close()
            throw error
        }
        let fileNames = Set(fileZones.map { $0.origin.lowercased() })
        if let clash = managed.first(where: { fileNames.contains($0.header.origin) }) {
            try? pool.close()
            let name = clash.header.displayName
            throw RegistryError(
                .zoneExists,
                "zone \(name) is both a managed zone in \(directory)/\(Store.fileName) and a zone file "
                    + "(zones/\(name).zone); remove the file or delete the managed zone")
        }
        let registry = Registry(
            pool: pool, state: RegistryState(fileZones: fileZones, managed: managed), directory: directory,
            logger: logger, publisher: publisher)
        let records = managed.reduce(0) { $0 + $1.zone.recordCount }
        logger.info("registry opened: \(managed.count) managed zones, \(records) records in \(directory)")
        await publisher(registry.zones)
        registry.start()
        return registry
    }

    /// The last published set: file zones and managed zones.
    public var zones: ZoneSet { state.withLock { $0.published } }

    private func start() {
        tasks.withLock { tasks in
            tasks.writer = Task { await self.runWriter() }
            tasks.sweeper = Task { await self.runSweeper() }
        }
    }

    /// Stops the sweeper, lets the writer finish what is queued, then closes the database.
    /// Calls made afterwards fail with ServiceUnavailable.
    public func close() async {
        let running = tasks.withLock { tasks -> (Task<Void, Never>?, Task<Void, Never>?)? in
            guard !tasks.closed else { return nil }
            tasks.closed = true
            return (tasks.writer, tasks.sweeper)
        }
        guard let (writer, sweeper) = running else { return }
        sweeper?.cancel()
        await sweeper?.value
        queue.close()
        await writer?.value
        do {
            // Fold the WAL back into the database file, so a closed registry is one file.
            _ = try await pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
        } catch {
            logger.warning("closing the registry database: \(Store.reason(error))")
        }
    }

    var isClosed: Bool { tasks.withLock { $0.closed } }

    static let closedError = RegistryError(.unavailable, "the registry is closed")

    /// Hands a job to the writer and waits for its result (after commit and publish).
    func perform(_ request: JobRequest) async throws(RegistryError) -> JobOutput {
        let result = await withCheckedContinuation { (reply: CheckedContinuation<Result<JobOutput, RegistryError>, Never>) in
            if !queue.submit(Job(request: request, reply: reply)) { reply.resume(returning: .failure(Self.closedError)) }
        }
        return try result.get()
    }

    static func unexpected(_ output: JobOutput) -> RegistryError {
        RegistryError(.internalError, "the writer answered with \(output)")
    }
}
