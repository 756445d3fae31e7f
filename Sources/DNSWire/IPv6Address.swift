#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv6 address, the RDATA of an AAAA record.
public struct IPv6Address: Hashable, Sendable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(bytes: some Collection<UInt8>) {
        let all = Array(bytes)
        precondition(all.count == 16, "an IPv6 address has 16 octets")
        high = all[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = all[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// RFC 4291 text forms, including `::` and an embedded dotted quad.
    public init?(_ text: some StringProtocol) {
        var address = in6_addr()
        // A C string would end at a NUL and let "::1\0junk" through.
        guard !text.utf8.contains(0) else { return nil }
        let parsed = String(text).withCString { inet_pton(AF_INET6, $0, &address) }
        guard parsed == 1 else { return nil }
        let octets = withUnsafeBytes(of: &address) { Array($0) }
        self.init(bytes: octets)
    }

    /// The same over text read in place.
    public init?(text bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.contains(0) else { return nil }
        var address = in6_addr()
        let parsed = withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { text in
            for (index, byte) in bytes.enumerated() { text[index] = CChar(bitPattern: byte) }
            text[bytes.count] = 0
            return inet_pton(AF_INET6, text.baseAddress!, &address)
        }
        guard parsed == 1 else { return nil }
        self.init(bytes: withUnsafeBytes(of: &address) { Array($0) })
    }

    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64($0))) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64($0))) }
    }

    /// RFC 5952 canonical text.
    public var description: String {
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        _ = inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
