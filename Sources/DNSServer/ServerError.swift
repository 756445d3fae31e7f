import CLibUV
import Glibc

/// The one error type of DNSServer. `message` is written for the operator and names what failed
/// (the address, the libuv call) and why; tests compare `code`.
public struct ServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// A listen address that does not parse, or a host that is not an IP literal.
        case invalidListenAddress
        /// A configuration value out of range (no addresses, no workers, ...).
        case invalidConfiguration
        /// socket(), setsockopt(), bind() or listen() failed for an address.
        case cannotListen
        /// A libuv call failed.
        case eventLoop
        /// A worker thread could not be created.
        case thread
        /// `start()` was called on a server that was already started or stopped.
        case alreadyStarted
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// `cannot listen on 127.0.0.1:5300: Address already in use`
    static func cannotListen(on address: ListenAddress, _ operation: String, errno error: Int32) -> ServerError {
        let reason = String(cString: strerror(error))
        let prefix = operation == "bind" ? "" : "\(operation): "
        return ServerError(.cannotListen, "cannot listen on \(address): \(prefix)\(reason)")
    }
}

/// The one place libuv return codes become errors: negative values are libuv error codes.
@inline(__always)
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(ServerError) {
    guard result < 0 else { return }
    throw ServerError(.eventLoop, "\(operation()) failed: \(uvErrorDescription(result))")
}

/// `EADDRINUSE (address already in use)`, from libuv's own tables.
func uvErrorDescription(_ code: Int32) -> String {
    "\(String(cString: uv_err_name(code))) (\(String(cString: uv_strerror(code))))"
}
