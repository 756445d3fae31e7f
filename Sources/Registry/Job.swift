import DNSWire
import Synchronization

/// A write for the writer task, already checked against everything but the zone's contents.
enum JobRequest: Sendable {
    case createZone(NewZone)
    case deleteZone(DomainName, force: Bool)
    case changes(DomainName, [ParsedChange], comment: String?)
    case register(DomainName, ParsedRegistration)
    case deregister(DomainName, InstanceKey)
    case heartbeat(DomainName, InstanceKey)
    case setHealth(DomainName, InstanceKey, healthy: Bool)
    /// Declared services: durable, no DNS change.
    case createService(DomainName, Service)
    case deleteService(DomainName, String)
    /// Removes instances whose lease ran out by the time the group starts.
    case sweep
}

enum JobOutput: Sendable {
    case zone(ZoneInfo)
    case change(ChangeInfo)
    case registration(InstanceRegistrationResult)
    case instance(InstanceInfo)
    case service(ServiceInfo)
    case changes([ChangeInfo])
    case none
}

struct Job: Sendable {
    let request: JobRequest
    let reply: CheckedContinuation<Result<JobOutput, RegistryError>, Never>
}

/// Where callers leave jobs and the writer takes all that wait at once (one group commit).
final class JobQueue: Sendable {
    private struct Queue {
        var jobs: [Job] = []
        var waiter: CheckedContinuation<Void, Never>?
        var closed = false
    }

    private let queue = Mutex(Queue())
    /// More than this waits for the next group, so one reply is never held up without bound.
    static let maxGroup = 512

    /// Queues a job; false once the queue is closed.
    func submit(_ job: Job) -> Bool {
        let (accepted, waiter) = queue.withLock { queue -> (Bool, CheckedContinuation<Void, Never>?) in
            guard !queue.closed else { return (false, nil) }
            queue.jobs.append(job)
            defer { queue.waiter = nil }
            return (true, queue.waiter)
        }
        waiter?.resume()
        return accepted
    }

    /// Every waiting job (up to `maxGroup`), waiting for one if there is none; nil once closed
    /// and drained.
    func next() async -> [Job]? {
        while true {
            let (taken, drained) = queue.withLock { queue -> ([Job]?, Bool) in
                guard !queue.jobs.isEmpty else { return (nil, queue.closed) }
                let count = min(queue.jobs.count, Self.maxGroup)
                let group = Array(queue.jobs.prefix(count))
                queue.jobs.removeFirst(count)
                return (group, false)
            }
            if let taken { return taken }
            if drained { return nil }
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let wakeNow = queue.withLock { queue -> Bool in
                    guard queue.jobs.isEmpty, !queue.closed else { return true }
                    queue.waiter = waiter
                    return false
                }
                if wakeNow { waiter.resume() }
            }
        }
    }

    func close() {
        let waiter = queue.withLock { queue -> CheckedContinuation<Void, Never>? in
            queue.closed = true
            defer { queue.waiter = nil }
            return queue.waiter
        }
        waiter?.resume()
    }
}
