/// One whitespace-separated field of presentation-format text, escapes still in place.
/// `quoted` tells a `"..."` string from a bare word (TXT needs the difference).
public struct PresentationToken: Hashable, Sendable {
    public var text: String
    public var quoted: Bool

    public init(_ text: String, quoted: Bool = false) {
        self.text = text
        self.quoted = quoted
    }
}
