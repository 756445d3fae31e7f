/// Route 53 ids for Shoal's zones and changes. A hosted zone id is derived from the zone's
/// name, so it is stable across restarts without storing anything: "Z" + 20 base32 characters
/// of a 128-bit FNV-1a hash of the lowercased name (no trailing dot).
enum HostedZoneID {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func make(zone: String) -> String {
        let bytes = Array(zone.lowercased().utf8)
        // Two 64-bit FNV-1a passes with different offset bases give 128 bits; 20 characters use 100.
        let high = fnv1a(bytes, basis: 0xcbf2_9ce4_8422_2325)
        let low = fnv1a(bytes, basis: 0x6c62_272e_07bb_0142)
        var id = "Z"
        for index in 0..<20 {
            let bit = index * 5
            let chunk: UInt64
            if bit + 5 <= 64 {
                chunk = (high >> UInt64(59 - bit)) & 31
            } else {
                chunk = (low >> UInt64(123 - bit)) & 31
            }
            id.append(alphabet[Int(chunk)])
        }
        return id
    }

    static func fnv1a(_ bytes: [UInt8], basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Accepts `Z...`, `/hostedzone/Z...` and `hostedzone/Z...` (also `/change/C...` for changes).
    static func bare(_ id: String) -> String {
        var text = Substring(id.removingPercentEncoding ?? id)
        for prefix in ["/hostedzone/", "hostedzone/", "/change/", "change/"] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
            break
        }
        return String(text)
    }
}
