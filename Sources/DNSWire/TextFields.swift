/// Where one field of presentation-format text lies in the buffer that holds it, escapes still
/// in place; `quoted` tells a `"..."` string from a bare word (TXT needs the difference).
public struct TextSpan: Sendable, Equatable {
    public var start: Int
    public var count: Int
    public var quoted: Bool

    public init(start: Int, count: Int, quoted: Bool) {
        self.start = start
        self.count = count
        self.quoted = quoted
    }
}

/// Fields of presentation-format text read in place: the text codecs take them, so a master file
/// is parsed from its own bytes with no string made per field.
public struct TextFields {
    public let text: UnsafeBufferPointer<UInt8>
    public let spans: UnsafeBufferPointer<TextSpan>

    public init(text: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<TextSpan>) {
        self.text = text
        self.spans = spans
    }

    public var count: Int { spans.count }

    public var isEmpty: Bool { spans.isEmpty }

    /// The bytes of field `index`.
    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        return UnsafeBufferPointer(rebasing: text[span.start..<span.start + span.count])
    }

    public func isQuoted(_ index: Int) -> Bool { spans[index].quoted }

    /// Field `index` as text, for messages.
    public func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// The fields from `index` on.
    public func dropFirst(_ index: Int) -> TextFields {
        TextFields(text: text, spans: UnsafeBufferPointer(rebasing: spans[index...]))
    }

    /// Calls `body` with `tokens` laid out as fields.
    public static func withFields<Value>(
        _ tokens: [PresentationToken], _ body: (TextFields) throws(WireError) -> Value
    ) throws(WireError) -> Value {
        var bytes: [UInt8] = []
        var spans: [TextSpan] = []
        spans.reserveCapacity(tokens.count)
        for token in tokens {
            let start = bytes.count
            bytes += token.text.utf8
            spans.append(TextSpan(start: start, count: bytes.count - start, quoted: token.quoted))
        }
        let result: Result<Value, WireError> = bytes.withUnsafeBufferPointer { text in
            spans.withUnsafeBufferPointer { spans in
                do throws(WireError) {
                    return .success(try body(TextFields(text: text, spans: spans)))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }
}
