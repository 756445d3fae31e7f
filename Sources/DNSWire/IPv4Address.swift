#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 address, the RDATA of an A record.
public struct IPv4Address: Hashable, Sendable, CustomStringConvertible {
    /// Host byte order; `bytes` gives network order.
    public let value: UInt32

    public init(_ value: UInt32) { self.value = value }

    public init(bytes: some Collection<UInt8>) {
        self.value = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Dotted quad only: four decimal octets.
    public init?(_ text: some StringProtocol) {
        var address = in_addr()
        // A C string would end at a NUL and let "10.0.0.1\0junk" through.
        guard !text.utf8.contains(0) else { return nil }
        let parsed = String(text).withCString { inet_pton(AF_INET, $0, &address) }
        guard parsed == 1 else { return nil }
        self.value = UInt32(bigEndian: address.s_addr)
    }

    /// The same over text read in place.
    public init?(text bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.contains(0) else { return nil }
        var address = in_addr()
        let parsed = withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { text in
            for (index, byte) in bytes.enumerated() { text[index] = CChar(bitPattern: byte) }
            text[bytes.count] = 0
            return inet_pton(AF_INET, text.baseAddress!, &address)
        }
        guard parsed == 1 else { return nil }
        self.value = UInt32(bigEndian: address.s_addr)
    }

    public var bytes: [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    public var description: String { bytes.map(String.init).joined(separator: ".") }
}
