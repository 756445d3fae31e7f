import CLibUV
import CSyscalls
import Glibc

/// The replies to one receive batch, sent with a single sendmmsg(2) when the batch ends
/// (libuv 1.44 has no batched send). Allocated once per worker: a reply costs one handler call
/// writing straight into its slot and one copy of the peer's sockaddr, no allocation.
struct UDPReplyBatch {
    static let capacity = 20
    /// Each slot holds the largest possible UDP payload.
    static let slotSize = 65_536

    private let messages: UnsafeMutablePointer<cs_mmsghdr>
    private let iovecs: UnsafeMutablePointer<iovec>
    private let peers: UnsafeMutablePointer<sockaddr_storage>
    private let slots: UnsafeMutableRawPointer
    private(set) var count = 0
    /// The socket the pending replies leave from.
    private(set) var handle: UnsafeMutablePointer<uv_udp_t>?
    /// Replies the kernel refused (full socket buffer, bad peer): UDP is allowed to lose them.
    private(set) var dropped = 0

    init() {
        messages = .allocate(capacity: Self.capacity)
        iovecs = .allocate(capacity: Self.capacity)
        peers = .allocate(capacity: Self.capacity)
        slots = .allocate(byteCount: Self.capacity * Self.slotSize, alignment: 16)
        // Wire each message to its slot and peer once; a reply then only sets two lengths.
        for index in 0..<Self.capacity {
            peers[index] = sockaddr_storage()
            iovecs[index] = iovec(iov_base: slots + index * Self.slotSize, iov_len: 0)
            var header = msghdr()
            header.msg_name = UnsafeMutableRawPointer(peers + index)
            header.msg_iov = iovecs + index
            header.msg_iovlen = 1
            messages[index] = cs_mmsghdr(msg_hdr: header, msg_len: 0)
        }
    }

    func deallocate() {
        messages.deallocate()
        iovecs.deallocate()
        peers.deallocate()
        slots.deallocate()
    }

    /// Where the next reply is written: 65,535 bytes, the most a DNS message can be.
    @inline(__always)
    var nextSlot: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: slots + count * Self.slotSize, count: 65_535)
    }

    /// Whether a reply for `socket` can join the pending ones (they must share a socket).
    @inline(__always)
    func accepts(_ socket: UnsafeMutablePointer<uv_udp_t>) -> Bool {
        count == 0 || handle == socket
    }

    /// Keeps the reply of `length` bytes written into `nextSlot`, for `peer`. Returns true when
    /// the batch is full and must be flushed.
    @inline(__always)
    mutating func commit(length: Int, to peer: UnsafePointer<sockaddr>, via socket: UnsafeMutablePointer<uv_udp_t>)
        -> Bool
    {
        let peerLength: Int
        switch Int32(peer.pointee.sa_family) {
        case AF_INET: peerLength = MemoryLayout<sockaddr_in>.size
        case AF_INET6: peerLength = MemoryLayout<sockaddr_in6>.size
        default: return false
        }
        UnsafeMutableRawPointer(peers + count).copyMemory(from: peer, byteCount: peerLength)
        messages[count].msg_hdr.msg_namelen = socklen_t(peerLength)
        iovecs[count].iov_len = length
        handle = socket
        count += 1
        return count == Self.capacity
    }

    /// Sends every pending reply with as few sendmmsg calls as the kernel allows.
    mutating func flush() {
        guard count > 0, let handle else { return }
        var fd: uv_os_fd_t = -1
        guard uv_fileno(asHandle(handle), &fd) == 0 else {
            dropped += count
            count = 0
            return
        }
        var sent = 0
        while sent < count {
            let result = cs_sendmmsg(fd, messages + sent, UInt32(count - sent), 0)
            if result > 0 {
                sent += Int(result)
                continue
            }
            let error = errno
            if error == EINTR { continue }
            if error == EAGAIN || error == EWOULDBLOCK || error == ENOBUFS {
                // The socket buffer is full: waiting would stall every other query on this worker.
                dropped += count - sent
                break
            }
            // sendmmsg reports a bad message only when it is first: skip it, send the rest.
            dropped += 1
            sent += 1
        }
        count = 0
    }
}
