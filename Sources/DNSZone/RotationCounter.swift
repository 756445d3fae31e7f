import Synchronization

/// Shared by every worker's `Responder`, so that successive queries start an RRset on a
/// different record even when they land on different workers.
public final class RotationCounter: Sendable {
    private let value = Atomic<UInt32>(0)

    public init() {}

    func next() -> UInt32 {
        value.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}
