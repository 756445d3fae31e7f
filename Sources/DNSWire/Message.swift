/// A whole DNS message. Decoding checks every count against the bytes left and rejects
/// trailing bytes; encoding compresses names in every section.
public struct Message: Hashable, Sendable {
    public var header: Header
    public var questions: [Question]
    public var answers: [ResourceRecord]
    public var authorities: [ResourceRecord]
    public var additionals: [ResourceRecord]

    /// Smallest encodings, used to reject counts the remaining bytes cannot hold.
    static let minimumQuestionSize = 5
    static let minimumRecordSize = 11

    public init(
        header: Header = Header(), questions: [Question] = [], answers: [ResourceRecord] = [],
        authorities: [ResourceRecord] = [], additionals: [ResourceRecord] = []
    ) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }

    public init(decoding bytes: [UInt8]) throws(WireError) {
        let result: Result<Message, WireError> = bytes.withUnsafeBytes { buffer in
            do throws(WireError) {
                return .success(try Message(decoding: buffer))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    public init(decoding buffer: UnsafeRawBufferPointer) throws(WireError) {
        var reader = WireReader(buffer)
        header = try Header(from: &reader)
        try Self.checkCount(Int(header.questionCount), minimumSize: Self.minimumQuestionSize, reader)
        questions = []
        for _ in 0..<header.questionCount { questions.append(try Question(from: &reader)) }
        answers = try Self.readRecords(Int(header.answerCount), &reader)
        authorities = try Self.readRecords(Int(header.authorityCount), &reader)
        additionals = try Self.readRecords(Int(header.additionalCount), &reader)
        guard reader.remaining == 0 else { throw WireError(.trailingBytes, at: reader.offset) }
    }

    static func checkCount(_ count: Int, minimumSize: Int, _ reader: WireReader) throws(WireError) {
        guard count * minimumSize <= reader.remaining else {
            throw WireError(.countMismatch, at: reader.offset, "\(count) entries cannot fit in \(reader.remaining) bytes")
        }
    }

    static func readRecords(_ count: Int, _ reader: inout WireReader) throws(WireError) -> [ResourceRecord] {
        try checkCount(count, minimumSize: minimumRecordSize, reader)
        var records: [ResourceRecord] = []
        records.reserveCapacity(count)
        for _ in 0..<count { records.append(try ResourceRecord(from: &reader)) }
        return records
    }

    /// The EDNS view of the OPT record in the additional section, if there is one.
    public var edns: EDNS? { additionals.lazy.compactMap(EDNS.init).first }

    /// The full response code, combining the header's 4 bits with EDNS's upper 8.
    public var responseCode: ResponseCode {
        ResponseCode(rawValue: UInt16(edns?.extendedRcode ?? 0) << 4 | UInt16(header.rcodeLow))
    }

    public func encode(into writer: inout WireWriter) {
        var header = header
        header.questionCount = UInt16(questions.count)
        header.answerCount = UInt16(answers.count)
        header.authorityCount = UInt16(authorities.count)
        header.additionalCount = UInt16(additionals.count)
        header.encode(into: &writer)
        for question in questions { question.encode(into: &writer) }
        for record in answers + authorities + additionals { record.encode(into: &writer) }
    }

    public func encoded() -> [UInt8] {
        var writer = WireWriter()
        encode(into: &writer)
        return writer.bytes
    }
}
