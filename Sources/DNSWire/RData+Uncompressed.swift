/// RDATA as pre-rendered records store it: every name in full, in the case it was given.
extension RData {
    /// Appends the RDATA, without its length, with no name compressed.
    public func appendUncompressed(to bytes: inout [UInt8]) {
        switch self {
        case .a(let address): Self.append(address.value, to: &bytes)
        case .aaaa(let address):
            Self.append(UInt32(truncatingIfNeeded: address.high >> 32), to: &bytes)
            Self.append(UInt32(truncatingIfNeeded: address.high), to: &bytes)
            Self.append(UInt32(truncatingIfNeeded: address.low >> 32), to: &bytes)
            Self.append(UInt32(truncatingIfNeeded: address.low), to: &bytes)
        case .ns(let name), .cname(let name), .ptr(let name): bytes += name.wire
        case .mx(let preference, let exchange):
            Self.append(preference, to: &bytes)
            bytes += exchange.wire
        case .srv(let priority, let weight, let port, let target):
            Self.append(priority, to: &bytes)
            Self.append(weight, to: &bytes)
            Self.append(port, to: &bytes)
            bytes += target.wire
        case .soa(let soa):
            bytes += soa.primary.wire
            bytes += soa.mailbox.wire
            for value in [soa.serial, soa.refresh, soa.retry, soa.expire, soa.minimum] {
                Self.append(value, to: &bytes)
            }
        case .txt(let strings):
            for string in strings {
                bytes.append(UInt8(string.count))
                bytes += string
            }
        case .opt(let options):
            for option in options {
                Self.append(option.code, to: &bytes)
                Self.append(UInt16(option.data.count), to: &bytes)
                bytes += option.data
            }
        case .unknown(let data): bytes += data
        }
    }

    /// True when decoding this value's wire form as RDATA of `type` gives it back (its own case
    /// for the type, or `.unknown` for types without a codec) and it fits a 16-bit length: then
    /// keeping only the bytes loses nothing.
    public func survivesWireForm(as type: RRType) -> Bool {
        switch self {
        case .a: type == .a
        case .aaaa: type == .aaaa
        case .ns: type == .ns
        case .cname: type == .cname
        case .ptr: type == .ptr
        case .mx: type == .mx
        case .srv: type == .srv
        case .soa: type == .soa
        case .txt(let strings):
            type == .txt && !strings.isEmpty && strings.allSatisfy { $0.count <= 255 }
                && strings.reduce(0) { $0 + 1 + $1.count } <= Int(UInt16.max)
        case .opt: false
        case .unknown(let data): !Self.typesWithCodecs.contains(type) && data.count <= Int(UInt16.max)
        }
    }

    /// The types `RData(type:from:length:)` decodes into a case of their own.
    static let typesWithCodecs: [RRType] = [.a, .aaaa, .ns, .cname, .ptr, .mx, .srv, .soa, .txt, .opt]

    static func append(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        append(UInt16(value >> 16), to: &bytes)
        append(UInt16(truncatingIfNeeded: value), to: &bytes)
    }
}
