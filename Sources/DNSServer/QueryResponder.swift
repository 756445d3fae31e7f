/// The non-generic face of a worker's handler. The libuv code stays non-generic (C callbacks
/// cannot capture generic parameters, and unspecialised generic code is slow), so each query costs
/// one class-method call here plus one protocol-witness call into `Handler`: no existential boxing.
class QueryResponder {
    func respond(
        to query: UnsafeRawBufferPointer, overTCP: Bool, into response: UnsafeMutableRawBufferPointer
    ) -> Int {
        fatalError("QueryResponder.respond is abstract")
    }
}

/// Holds one worker's handler; made on that worker's thread and used only there.
final class HandlerAdapter<Handler: DNSHandler>: QueryResponder {
    let handler: Handler

    init(_ handler: Handler) {
        self.handler = handler
    }

    override func respond(
        to query: UnsafeRawBufferPointer, overTCP: Bool, into response: UnsafeMutableRawBufferPointer
    ) -> Int {
        handler.respond(to: query, overTCP: overTCP, into: response)
    }
}
