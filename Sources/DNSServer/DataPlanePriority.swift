import Glibc

/// Keeps the DNS workers ahead when the CPU is short: every other thread of the process (the
/// HTTP API, the store, lease sweeps, the Swift and NIO thread pools) runs at a nice value
/// `offset` above the workers'. Under contention the kernel then gives queries the CPU and the
/// control plane what is left, so a burst of registrations slows the API, not the answers;
/// an idle machine runs both at full speed.
///
/// Threads are found in /proc/self/task, the workers by the name `WorkerThread` gives them
/// (Linux applies nice per thread). A thread inherits its creator's value, so threads the
/// control plane starts later need nothing; `apply()` runs again now and then for the few that
/// a worker's thread may start (a pool thread woken by a worker's reply to a broadcast).
public struct DataPlanePriority: Sendable {
    /// Added to the workers' nice value, 0 to 19.
    public let offset: Int32

    public init(offset: Int32) {
        self.offset = offset
    }

    /// Lowers every thread that is not a DNS worker and not yet lowered; returns how many it
    /// changed. Threads it may not change (another user's rules) are left as they are.
    @discardableResult
    public func apply() -> Int {
        guard offset > 0, let threads = Self.threads() else { return 0 }
        guard let worker = threads.first(where: { $0.name.hasPrefix(WorkerThread.namePrefix) }),
            let workerNice = Self.nice(of: worker.id)
        else { return 0 }
        let target = min(19, workerNice + offset)
        var lowered = 0
        for thread in threads where !thread.name.hasPrefix(WorkerThread.namePrefix) {
            guard let nice = Self.nice(of: thread.id), nice < target else { continue }
            if setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(thread.id), target) == 0 { lowered += 1 }
        }
        return lowered
    }

    /// The process's threads by id and name, or nil without /proc.
    private static func threads() -> [(id: Int32, name: String)]? {
        guard let directory = opendir("/proc/self/task") else { return nil }
        defer { closedir(directory) }
        var threads: [(id: Int32, name: String)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let id = Int32(name) else { continue }
            threads.append((id, threadName(id) ?? ""))
        }
        return threads
    }

    private static func threadName(_ id: Int32) -> String? {
        let fd = open("/proc/self/task/\(id)/comm", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].prefix { $0 != 0x0A }, as: UTF8.self)
    }

    /// The thread's nice value, or nil if it is gone.
    private static func nice(of id: Int32) -> Int32? {
        errno = 0
        let value = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(id))
        return value == -1 && errno != 0 ? nil : value
    }
}
