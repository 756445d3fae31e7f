import CLibUV
import Glibc

/// One DNS-over-TCP client (RFC 7766): 2-byte length-prefixed messages, pipelined queries
/// answered in order, partial messages buffered across reads, an idle timeout, and replies
/// written with `uv_try_write` first (no copy, no allocation) and queued with `uv_write` only
/// for what the kernel would not take at once.
///
/// Owned by its worker's `connections`; both handles point back to it unretained. It is released
/// when both handles have closed, after libuv has cancelled (and we freed) every queued write.
final class TCPConnection {
    /// Queued reply bytes above which we stop reading: a client that never reads must not make
    /// us buffer without bound.
    static let writeQueueLimit = 256 * 1024
    static let initialInputCapacity = 4096

    unowned(unsafe) let worker: Worker
    /// The worker's responder, unretained like the worker: reached through `worker`, each query
    /// paid a retain and a release.
    private let responder: Unmanaged<QueryResponder>
    let handle: UnsafeMutablePointer<uv_tcp_t>
    let timer: UnsafeMutablePointer<uv_timer_t>
    /// Bytes read but not yet answered: always the start of one (partial) message.
    private var input: UnsafeMutableRawPointer
    private var inputCapacity = TCPConnection.initialInputCapacity
    private var inputUsed = 0
    private var lastQueryTime: UInt64 = 0
    private var pendingWrites = 0
    private var readingPaused = false
    /// Reading has ended (EOF or a bad message): close once the queued replies are out.
    private var closeWhenWritten = false
    private var closing = false
    private var openHandles = 2

    init(worker: Worker, handle: UnsafeMutablePointer<uv_tcp_t>) {
        self.worker = worker
        self.responder = Unmanaged.passUnretained(worker.responder)
        self.handle = handle
        self.timer = allocateUV(uv_timer_t.self)
        guard let input = malloc(Self.initialInputCapacity) else { fatalError("out of memory") }
        self.input = input
    }

    deinit {
        free(input)
        free(timer)
        free(handle)
    }

    private var stream: UnsafeMutablePointer<uv_stream_t> { asStream(handle) }

    func start() {
        let context = Unmanaged.passUnretained(self).toOpaque()
        handle.pointee.data = context
        uv_timer_init(worker.loop, timer)
        timer.pointee.data = context
        uv_tcp_nodelay(handle, 1)
        lastQueryTime = uv_now(worker.loop)
        armIdleTimer(after: worker.idleTimeoutMilliseconds)
        if startReading() != 0 { close() }
    }

    /// Closes both handles; the worker drops the connection when both close callbacks have run.
    func close() {
        guard !closing else { return }
        closing = true
        let closed: uv_close_cb = { handle in
            let connection = Unmanaged<TCPConnection>.fromOpaque(handle!.pointee.data!).takeUnretainedValue()
            connection.openHandles -= 1
            if connection.openHandles == 0 { connection.worker.remove(connection) }
        }
        uv_close(asHandle(timer), closed)
        uv_close(asHandle(handle), closed)
    }

    /// Stops reading and closes once the queued replies are out.
    private func finish() {
        guard !closing else { return }
        uv_read_stop(stream)
        if pendingWrites > 0 { closeWhenWritten = true } else { close() }
    }

    // MARK: Reading

    private func startReading() -> Int32 {
        uv_read_start(
            stream,
            { handle, _, buffer in
                Unmanaged<TCPConnection>.fromOpaque(handle!.pointee.data!)._withUnsafeGuaranteedRef {
                    buffer!.pointee = $0.freeInput
                }
            },
            { stream, count, _ in
                Unmanaged<TCPConnection>.fromOpaque(stream!.pointee.data!)._withUnsafeGuaranteedRef {
                    $0.didRead(count)
                }
            })
    }

    /// Reads land right after the unanswered bytes, so a split message needs no copying.
    private var freeInput: uv_buf_t {
        uv_buf_t(base: (input + inputUsed).assumingMemoryBound(to: CChar.self), len: inputCapacity - inputUsed)
    }

    private func didRead(_ count: Int) {
        guard !closing else { return }
        if count < 0 {
            // Per RFC 7766 a client may half-close after its last query: answer it all the same.
            if count == Int(UV_EOF.rawValue) { finish() } else { close() }
            return
        }
        inputUsed += count
        answerCompleteMessages()
    }

    /// Answers every complete message in the input, in order, writes the replies, and keeps the
    /// partial message that may follow.
    private func answerCompleteMessages() {
        assert(worker.tcpReplies.pointee.used == 0, "replies of another read left in the shared buffer")
        var offset = 0
        var answered = false
        while inputUsed - offset >= 2 {
            let length = Int(input.load(fromByteOffset: offset, as: UInt8.self)) << 8
                | Int(input.load(fromByteOffset: offset + 1, as: UInt8.self))
            if length == 0 || length > worker.maxTCPMessageLength {
                // Not DNS, or more than we agreed to hold: answer what came before, then close.
                flushReplies()
                finish()
                return
            }
            guard inputUsed - offset - 2 >= length else { break }
            answer(UnsafeRawBufferPointer(start: input + offset + 2, count: length))
            if closing { return }
            offset += 2 + length
            answered = true
        }
        if answered { lastQueryTime = uv_now(worker.loop) }
        flushReplies()
        if closing { return }
        if offset > 0 {
            inputUsed -= offset
            if inputUsed > 0 { memmove(input, input + offset, inputUsed) }
        }
        growInputForPartialMessage()
    }

    /// Makes room for the whole of the message whose prefix has arrived (at most 2 + 65,535).
    private func growInputForPartialMessage() {
        guard inputUsed >= 2 else { return }
        let needed = 2 + (Int(input.load(as: UInt8.self)) << 8 | Int(input.load(fromByteOffset: 1, as: UInt8.self)))
        guard needed > inputCapacity else { return }
        guard let grown = realloc(input, needed) else { fatalError("out of memory") }
        input = grown
        inputCapacity = needed
    }

    @inline(__always)
    private func answer(_ query: UnsafeRawBufferPointer) {
        let replies = worker.tcpReplies
        if !replies.pointee.hasRoomForReply {
            flushReplies()
            if closing { return }
        }
        let slot = replies.pointee.nextReply
        let length = responder._withUnsafeGuaranteedRef { $0.respond(to: query, overTCP: true, into: slot) }
        guard length > 0 && length <= slot.count else { return }
        replies.pointee.commit(length: length)
    }

    // MARK: Writing

    /// Sends the replies gathered in the worker's buffer: as much as the kernel takes now, the
    /// rest copied into one queued write that owns its bytes until its callback.
    private func flushReplies() {
        let replies = worker.tcpReplies
        let total = replies.pointee.used
        guard total > 0 else { return }
        replies.pointee.used = 0
        var buffer = uv_buf_t(base: replies.pointee.bytes.assumingMemoryBound(to: CChar.self), len: total)
        // uv_try_write refuses (UV_EAGAIN) while writes are queued, which keeps replies in order.
        let written = uv_try_write(stream, &buffer, 1)
        if written < 0 && written != UV_EAGAIN.rawValue {
            close()
            return
        }
        let sent = max(0, Int(written))
        if sent < total { queueWrite(replies.pointee.bytes + sent, count: total - sent) }
    }

    /// One allocation holds the request and a copy of the bytes; the write callback frees it.
    private func queueWrite(_ bytes: UnsafeMutableRawPointer, count: Int) {
        let headerSize = (MemoryLayout<uv_write_t>.size + 15) & ~15
        guard let block = malloc(headerSize + count) else { fatalError("out of memory") }
        let request = block.bindMemory(to: uv_write_t.self, capacity: 1)
        let data = block + headerSize
        data.copyMemory(from: bytes, byteCount: count)
        var buffer = uv_buf_t(base: data.assumingMemoryBound(to: CChar.self), len: count)
        let result = uv_write(request, stream, &buffer, 1) { request, status in
            let stream = request!.pointee.handle!
            free(request)
            Unmanaged<TCPConnection>.fromOpaque(stream.pointee.data!)._withUnsafeGuaranteedRef {
                $0.didWrite(status: status)
            }
        }
        guard result == 0 else {
            free(block)
            close()
            return
        }
        pendingWrites += 1
        if !readingPaused && uv_stream_get_write_queue_size(stream) > Self.writeQueueLimit {
            readingPaused = true
            uv_read_stop(stream)
        }
    }

    /// Also runs, with UV_ECANCELED, for writes still queued when the connection closes.
    private func didWrite(status: Int32) {
        pendingWrites -= 1
        guard !closing else { return }
        if status < 0 {
            close()
        } else if closeWhenWritten {
            if pendingWrites == 0 { close() }
        } else if readingPaused && uv_stream_get_write_queue_size(stream) <= Self.writeQueueLimit / 2 {
            readingPaused = false
            if startReading() != 0 { close() }
        }
    }

    // MARK: Idle timeout

    /// One timer per connection that is not re-armed per query: when it fires it checks how
    /// long ago the last query completed and either closes or sleeps for the remainder.
    private func armIdleTimer(after milliseconds: UInt64) {
        uv_timer_start(
            timer,
            { timer in
                Unmanaged<TCPConnection>.fromOpaque(timer!.pointee.data!)._withUnsafeGuaranteedRef {
                    $0.idleTimerFired()
                }
            }, milliseconds, 0)
    }

    private func idleTimerFired() {
        guard !closing else { return }
        let idle = uv_now(worker.loop) &- lastQueryTime
        let limit = worker.idleTimeoutMilliseconds
        if idle >= limit {
            close()
        } else {
            armIdleTimer(after: limit - idle)
        }
    }
}
