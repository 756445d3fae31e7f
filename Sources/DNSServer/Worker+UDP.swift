import CLibUV
import Glibc

extension Worker {
    /// libuv's receive callback. With UV_UDP_RECVMMSG each datagram of a batch arrives flagged
    /// UV_UDP_MMSG_CHUNK and a last call with no peer (UV_UDP_MMSG_FREE) ends the batch: replies
    /// pile up until then and leave in one sendmmsg. A datagram without the chunk flag came from
    /// a plain recvmsg, so it is its own batch.
    @inline(__always)
    func received(
        _ socket: UnsafeMutablePointer<uv_udp_t>, count: Int, buffer: UnsafePointer<uv_buf_t>,
        from peer: UnsafePointer<sockaddr>?, flags: UInt32
    ) {
        if let peer {
            // A truncated datagram (UV_UDP_PARTIAL) cannot be a query we could answer.
            if count > 0 && flags & UInt32(UV_UDP_PARTIAL.rawValue) == 0 {
                answer(UnsafeRawBufferPointer(start: buffer.pointee.base, count: count), from: peer, via: socket)
            }
            if flags & UInt32(UV_UDP_MMSG_CHUNK.rawValue) != 0 { return }
        } else if count < 0 {
            logger.debug("UDP receive failed: \(uvErrorDescription(Int32(count)))")
        }
        udpReplies.pointee.flush()
    }

    @inline(__always)
    private func answer(
        _ query: UnsafeRawBufferPointer, from peer: UnsafePointer<sockaddr>, via socket: UnsafeMutablePointer<uv_udp_t>
    ) {
        let replies = udpReplies
        if !replies.pointee.accepts(socket) { replies.pointee.flush() }
        let slot = replies.pointee.nextSlot
        let length = responder.respond(to: query, overTCP: false, into: slot)
        guard length > 0 && length <= slot.count else { return }
        if replies.pointee.commit(length: length, to: peer, via: socket) {
            replies.pointee.flush()
        }
    }
}
