import CLibUV
import Glibc

extension Worker {
    /// A new connection on one of this worker's listeners. It is always accepted, so libuv keeps
    /// accepting; over the cap (or while stopping) it is closed at once.
    func accept(from listener: UnsafeMutablePointer<uv_stream_t>, status: Int32) {
        guard status == 0 else {
            logger.debug("TCP accept failed: \(uvErrorDescription(status))")
            return
        }
        let client = allocateUV(uv_tcp_t.self)
        guard uv_tcp_init(loop, client) == 0 else {
            free(client)
            return
        }
        let result = uv_accept(listener, asStream(client))
        guard result == 0 else {
            logger.debug("TCP accept failed: \(uvErrorDescription(result))")
            closeAndFree(client)
            return
        }
        guard !stopping, budget.acquire() else {
            logger.debug("TCP connection cap of \(budget.limit) reached: closing a new connection")
            closeAndFree(client)
            return
        }
        let connection = TCPConnection(worker: self, handle: client)
        connections[ObjectIdentifier(connection)] = connection
        connection.start()
    }

    /// Called once both handles of `connection` have closed: the last reference goes here.
    func remove(_ connection: TCPConnection) {
        if connections.removeValue(forKey: ObjectIdentifier(connection)) != nil {
            budget.release()
        }
    }
}
