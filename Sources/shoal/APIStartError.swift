/// The HTTP API could not start (its address in use, say); the server exits with this message.
struct APIStartError: Error {
    let message: String
}
