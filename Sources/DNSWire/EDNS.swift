/// The EDNS(0) view of an OPT pseudo-record (RFC 6891 6.1.3).
public struct EDNS: Hashable, Sendable {
    public var udpPayloadSize: UInt16
    /// The upper 8 bits of the 12-bit response code.
    public var extendedRcode: UInt8
    public var version: UInt8
    public var dnssecOK: Bool
    public var options: [EDNSOption]

    public init(
        udpPayloadSize: UInt16 = 1232, extendedRcode: UInt8 = 0, version: UInt8 = 0, dnssecOK: Bool = false,
        options: [EDNSOption] = []
    ) {
        self.udpPayloadSize = udpPayloadSize
        self.extendedRcode = extendedRcode
        self.version = version
        self.dnssecOK = dnssecOK
        self.options = options
    }

    /// Reads the OPT fields out of the class and TTL of `record`; nil when it is not an OPT.
    public init?(_ record: ResourceRecord) {
        guard record.type == .opt else { return nil }
        udpPayloadSize = record.rrClass.rawValue
        extendedRcode = UInt8(record.ttl >> 24)
        version = UInt8(record.ttl >> 16 & 0xFF)
        dnssecOK = record.ttl & 0x8000 != 0
        if case .opt(let options) = record.rdata { self.options = options } else { self.options = [] }
    }

    public var record: ResourceRecord {
        let ttl = UInt32(extendedRcode) << 24 | UInt32(version) << 16 | (dnssecOK ? 0x8000 : 0)
        return ResourceRecord(
            name: .root, type: .opt, rrClass: RRClass(rawValue: udpPayloadSize), ttl: ttl, rdata: .opt(options))
    }
}
