/// A worker's scratch for TCP replies: the handler writes each reply right after its 2-byte
/// length prefix, and the replies to all queries of one read leave in one write. Shared by the
/// worker's connections, which is safe because it is emptied before the read callback returns.
struct TCPReplyBuffer {
    /// The largest message plus its prefix.
    static let maxFramedReply = 2 + 65_535
    /// Room for two full replies, so small replies to pipelined queries pile up before a write.
    static let capacity = 2 * maxFramedReply

    let bytes: UnsafeMutableRawPointer
    var used = 0

    init() {
        bytes = .allocate(byteCount: Self.capacity, alignment: 16)
    }

    func deallocate() {
        bytes.deallocate()
    }

    /// Whether one more reply of any size fits.
    @inline(__always)
    var hasRoomForReply: Bool { Self.capacity - used >= Self.maxFramedReply }

    /// Where the next reply goes, after the space for its prefix.
    @inline(__always)
    var nextReply: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: bytes + used + 2, count: 65_535)
    }

    /// Frames the reply of `length` bytes just written at `nextReply`.
    @inline(__always)
    mutating func commit(length: Int) {
        bytes.storeBytes(of: UInt8(truncatingIfNeeded: length >> 8), toByteOffset: used, as: UInt8.self)
        bytes.storeBytes(of: UInt8(truncatingIfNeeded: length), toByteOffset: used + 1, as: UInt8.self)
        used += 2 + length
    }
}
