/// The owner of the records being written, and its pointer once one is known to stay valid.
struct RecordOwner {
    let wire: UnsafeRawPointer
    let length: Int
    let hash: UInt64
    var reusesPointer = false
    var pointer: UInt16? = nil

    init(wire: UnsafeRawPointer, length: Int, hash: UInt64) {
        self.wire = wire
        self.length = length
        self.hash = hash
    }
}
