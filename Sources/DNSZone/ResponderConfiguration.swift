/// How a `Responder` shapes answers.
public struct ResponderConfiguration: Sendable {
    /// The largest UDP payload Shoal sends, whatever a client advertises (RFC 6891 6.2.5).
    /// 1232 avoids IP fragmentation on common paths (DNS Flag Day 2020).
    public var maxUDPPayload: UInt16
    public var rrsetOrder: RRsetOrder

    public static let defaultMaxUDPPayload: UInt16 = 1232

    public init(maxUDPPayload: UInt16 = defaultMaxUDPPayload, rrsetOrder: RRsetOrder = .rotate) {
        self.maxUDPPayload = max(512, maxUDPPayload)
        self.rrsetOrder = rrsetOrder
    }
}
