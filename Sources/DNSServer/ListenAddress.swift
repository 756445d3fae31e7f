import Glibc

/// An IP literal and a port to serve DNS on. IPv6 hosts are written in brackets: `[::1]:53`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// An IPv4 or IPv6 literal, without brackets.
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` (IPv4 literal) or `[V6]:PORT`. Names are refused: a DNS server that
    /// needs DNS to find its own address fails in confusing ways.
    public init(parsing text: String) throws(ServerError) {
        func invalid(_ why: String) -> ServerError {
            ServerError(.invalidListenAddress, "invalid listen address \"\(text)\": \(why)")
        }
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("missing \"]\" after the IPv6 address") }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw invalid("expected \":PORT\" after \"]\"") }
            portText = rest.dropFirst()
            guard host.contains(":") else { throw invalid("brackets are only for IPv6 addresses") }
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw invalid("expected HOST:PORT") }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { throw invalid("write IPv6 addresses in brackets, as in [::1]:53") }
        }
        guard !host.isEmpty else { throw invalid("missing host") }
        guard !portText.isEmpty, portText.utf8.count <= 5, portText.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let port = UInt16(portText)
        else { throw invalid("port must be a number from 0 to 65535") }
        let address = ListenAddress(host: String(host), port: port)
        guard SocketAddress(address) != nil else {
            throw invalid("\"\(host)\" is not an IPv4 or IPv6 address")
        }
        self = address
    }

    public var isIPv6: Bool { host.contains(":") }

    /// `127.0.0.1:5300` or `[::1]:5300`.
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
