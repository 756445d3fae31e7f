#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a zone file's bytes with plain POSIX calls, so failures carry the system's own
/// words (`strerror`): "No such file or directory", "Is a directory".
enum ZoneFileSource {
    /// A limit on what one file may hold; real zones are far smaller.
    static let maxSize = 256 << 20

    struct Failure: Error {
        let message: String

        init(message: String) { self.message = message }

        init(errno code: Int32) { self.message = String(cString: strerror(code)) }
    }

    static func contents(of path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(errno: errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // Reading a directory fails here with EISDIR.
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(errno: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maxSize else { throw Failure(message: "larger than \(maxSize >> 20) MiB") }
        }
    }

    /// `name` as seen from the directory of `includer` (RFC 1035 leaves this open; BIND
    /// and NSD resolve against their working directory, which breaks moved zone trees).
    static func resolve(_ name: String, relativeTo includer: String) -> String {
        if name.hasPrefix("/") { return name }
        guard let slash = includer.lastIndex(of: "/") else { return name }
        return String(includer[...slash]) + name
    }
}
