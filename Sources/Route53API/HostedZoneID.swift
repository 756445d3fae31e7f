/// Route 53 ids for Shoal's zones and changes. A hosted zone id is derived from the zone's
/// name, so it is stable across restarts without storing anything: "Z" + 20 characters of
/// `NameDigest` of the lowercased name (no trailing dot).
public enum HostedZoneID {
    public static func make(zone: String) -> String {
        "Z" + NameDigest.base32(zone.lowercased(), count: 20)
    }

    /// Accepts `Z...`, `/hostedzone/Z...` and `hostedzone/Z...` (also `/change/C...` for changes).
    public static func bare(_ id: String) -> String {
        var text = Substring(id.removingPercentEncoding ?? id)
        for prefix in ["/hostedzone/", "hostedzone/", "/change/", "change/"] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count)
            break
        }
        return String(text)
    }
}
