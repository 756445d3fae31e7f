/// A name copied into the scratch arena, with the hash of its lower-case form.
struct NameRef {
    var offset: Int
    var length: Int
    var hash: UInt64
}
