/// What a worker calls for each query. Each worker makes its own handler and uses it only on
/// its own thread, so a handler may keep per-worker state (counters, scratch buffers) without locks.
public protocol DNSHandler: AnyObject, SendableMetatype {
    /// Writes the response to `query` into `response` (at least 65,535 bytes) and returns its
    /// length; 0 means send nothing. `overTCP` lets the handler pick the size limit.
    func respond(
        to query: UnsafeRawBufferPointer, overTCP: Bool, into response: UnsafeMutableRawBufferPointer
    ) -> Int
}
