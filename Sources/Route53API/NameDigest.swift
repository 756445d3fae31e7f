/// Stable ids derived from names, so the AWS APIs need no id table: base32 characters of a
/// 128-bit FNV-1a hash (two 64-bit passes with different offset bases). Cloud Map's ids use
/// the same digest in lower case.
public enum NameDigest {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// `count` (at most 25) upper-case base32 characters of the hash of `text`.
    public static func base32(_ text: String, count: Int) -> String {
        precondition(count <= 25, "128 bits give 25 base32 characters")
        let bytes = Array(text.utf8)
        let high = fnv1a(bytes, basis: 0xcbf2_9ce4_8422_2325)
        let low = fnv1a(bytes, basis: 0x6c62_272e_07bb_0142)
        var digest = ""
        for index in 0..<count {
            let bit = index * 5
            let chunk: UInt64
            if bit + 5 <= 64 {
                chunk = (high >> UInt64(59 - bit)) & 31
            } else {
                chunk = (low >> UInt64(123 - bit)) & 31
            }
            digest.append(alphabet[Int(chunk)])
        }
        return digest
    }

    static func fnv1a(_ bytes: [UInt8], basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
