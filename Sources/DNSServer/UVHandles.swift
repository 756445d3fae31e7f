import CLibUV
import Glibc

// libuv handles live on the C heap (calloc), so their addresses stay put while the loop holds
// them; they are freed in their close callbacks, never earlier.

/// A zeroed libuv handle or request of type `T`.
func allocateUV<T>(_ type: T.Type) -> UnsafeMutablePointer<T> {
    guard let raw = calloc(1, MemoryLayout<T>.size) else { fatalError("out of memory allocating \(T.self)") }
    return raw.bindMemory(to: T.self, capacity: 1)
}

/// The `uv_handle_t` view of any handle: every libuv handle starts with the uv_handle_t fields.
@inline(__always)
func asHandle<T>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<uv_handle_t> {
    UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: uv_handle_t.self)
}

/// The `uv_stream_t` view of a TCP handle.
@inline(__always)
func asStream(_ pointer: UnsafeMutablePointer<uv_tcp_t>) -> UnsafeMutablePointer<uv_stream_t> {
    UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: uv_stream_t.self)
}

/// Closes a handle and frees its memory once libuv is done with it.
func closeAndFree<T>(_ pointer: UnsafeMutablePointer<T>) {
    uv_close(asHandle(pointer)) { handle in free(handle) }
}
