import DNSServer
import Glibc

struct ClientError: Error, CustomStringConvertible {
    let description: String
    init(_ what: String, errno error: Int32 = errno) {
        description = "\(what): \(String(cString: strerror(error)))"
    }
}

/// A sockaddr for a loopback literal, built with the server's own parser's rules.
func withSockaddr<R>(_ address: ListenAddress, _ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
    if address.isIPv6 {
        var sin6 = sockaddr_in6()
        sin6.sin6_family = sa_family_t(AF_INET6)
        sin6.sin6_port = address.port.bigEndian
        _ = inet_pton(AF_INET6, address.host, &sin6.sin6_addr)
        return withUnsafeBytes(of: &sin6) {
            body($0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
    }
    var sin = sockaddr_in()
    sin.sin_family = sa_family_t(AF_INET)
    sin.sin_port = address.port.bigEndian
    _ = inet_pton(AF_INET, address.host, &sin.sin_addr)
    return withUnsafeBytes(of: &sin) {
        body($0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<sockaddr_in>.size))
    }
}

/// Waits until `fd` is readable; false on timeout.
func waitReadable(_ fd: Int32, milliseconds: Int32) -> Bool {
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    while true {
        let result = poll(&entry, 1, milliseconds)
        if result < 0 && errno == EINTR { continue }
        return result > 0
    }
}

func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// A connected UDP socket: it only hears from the server it talks to.
final class UDPClient {
    let fd: Int32

    init(to address: ListenAddress) throws {
        fd = socket(address.isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError("socket") }
        guard withSockaddr(address, { connect(fd, $0, $1) }) == 0 else {
            let error = ClientError("connect")
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws {
        guard Glibc.send(fd, bytes, bytes.count, 0) == bytes.count else { throw ClientError("send") }
    }

    /// One datagram, or nil if none came in time.
    func receive(timeoutMilliseconds: Int32 = 2000) -> [UInt8]? {
        guard waitReadable(fd, milliseconds: timeoutMilliseconds) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count < 0 ? nil : Array(buffer[0..<count])
    }
}

/// A blocking TCP client with timeouts on every read.
final class TCPClient {
    let fd: Int32

    init(to address: ListenAddress) throws {
        fd = socket(address.isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError("socket") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        guard withSockaddr(address, { connect(fd, $0, $1) }) == 0 else {
            let error = ClientError("connect to \(address)")
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let result = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard result > 0 else { throw ClientError("send") }
            sent += result
        }
    }

    /// Exactly `count` bytes, or an error on EOF or timeout.
    func receive(count: Int, timeoutMilliseconds: Int32 = 3000) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: count)
        while bytes.count < count {
            guard waitReadable(fd, milliseconds: timeoutMilliseconds) else {
                throw ClientError("timed out after \(bytes.count) of \(count) bytes", errno: ETIMEDOUT)
            }
            let result = recv(fd, &chunk, count - bytes.count, 0)
            guard result > 0 else { throw ClientError("connection closed after \(bytes.count) of \(count) bytes") }
            bytes += chunk[0..<result]
        }
        return bytes
    }

    /// One length-prefixed DNS message.
    func receiveMessage(timeoutMilliseconds: Int32 = 3000) throws -> [UInt8] {
        let prefix = try receive(count: 2, timeoutMilliseconds: timeoutMilliseconds)
        return try receive(count: Int(prefix[0]) << 8 | Int(prefix[1]), timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Whether the server closes the connection (EOF or reset) within the timeout, without
    /// sending anything first.
    func waitForClose(timeoutMilliseconds: Int32) -> Bool {
        guard waitReadable(fd, milliseconds: timeoutMilliseconds) else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) <= 0
    }
}
