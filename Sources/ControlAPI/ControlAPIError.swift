/// What stops the control API from serving, as the CLI reports it.
public struct ControlAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The listening socket could not be set up (address in use, no such address, permission).
        case cannotListen = "CannotListen"
    }

    public let code: Code
    /// The whole sentence, e.g. "cannot listen on 127.0.0.1:8053: Address already in use".
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func cannotListen(on address: String, reason: String) -> ControlAPIError {
        ControlAPIError(code: .cannotListen, message: "cannot listen on \(address): \(reason)")
    }
}
