import Testing

@testable import DNSWire

/// Every limit the decoder promises, each with the code it fails with.
@Suite("Bounded decoding")
struct BoundedDecodingTests {
    static let query = Message(questions: [Question(name: name("www.example."), type: .a)]).encoded()

    @Test("a header shorter than 12 bytes is truncated", arguments: 0..<12)
    func truncatedHeader(length: Int) {
        #expect(decodeErrorCode(Array(Self.query.prefix(length))) == .truncated)
    }

    @Test("a question cut short", arguments: 12..<query.count)
    func truncatedQuestion(length: Int) {
        // Fewer than 5 bytes cannot hold any question, so the count check catches those first.
        let expected: WireError.Code = length - 12 < Message.minimumQuestionSize ? .countMismatch : .truncated
        #expect(decodeErrorCode(Array(Self.query.prefix(length))) == expected)
    }

    @Test("every strict prefix of a full response fails to decode")
    func everyPrefixFails() {
        let bytes = CompressionTests.repetitive.encoded()
        for length in 0..<bytes.count {
            #expect(decodeErrorCode(Array(bytes.prefix(length))) != nil, "prefix \(length)")
        }
    }

    @Test("a pointer to itself is a bad pointer")
    func pointerToItself() {
        #expect(readNameErrorCode(hex("00 00 c002"), at: 2) == .badPointer)
        // In a message: the question name at offset 12 points at 12.
        #expect(decodeErrorCode(headerBytes(qd: 1) + hex("c00c 0001 0001")) == .badPointer)
    }

    @Test("a forward pointer is a bad pointer")
    func forwardPointer() {
        #expect(readNameErrorCode(hex("c002 0161 00")) == .badPointer)
        #expect(decodeErrorCode(headerBytes(qd: 1) + hex("c012 0001 0001 0161 00")) == .badPointer)
    }

    @Test("two pointers at each other fail at once instead of looping")
    func pointerPair() {
        // Offset 0 points at 2 (forward), offset 2 points at 0 (backward, then forward).
        #expect(readNameErrorCode(hex("c002 c000")) == .badPointer)
        #expect(readNameErrorCode(hex("c002 c000"), at: 2) == .badPointer)
    }

    @Test("a backward loop through a label ends at the pointer cap")
    func labelPointerLoop() {
        // Offset 0: label "a"; offset 2: pointer back to 0 -- each pass adds a label.
        #expect(readNameErrorCode(hex("0161 c000")) == .tooManyPointers)
        // With longer labels the name limit comes first.
        let label = [UInt8(63)] + Array(repeating: 0x78, count: 63)
        #expect(readNameErrorCode(label + hex("c000")) == .nameTooLong)
    }

    /// A chain of `count` pointers, each pointing at the one before, ending at the root label.
    static func pointerChain(_ count: Int) -> (bytes: [UInt8], start: Int) {
        var bytes: [UInt8] = [0]
        for index in 0..<count {
            let target = index == 0 ? 0 : 1 + 2 * (index - 1)
            bytes += [0xC0 | UInt8(target >> 8), UInt8(target & 0xFF)]
        }
        return (bytes, bytes.count - 2)
    }

    @Test("up to 32 chained pointers are followed; 33 are too many")
    func pointerCap() throws {
        let allowed = Self.pointerChain(WireReader.maxPointersPerName)
        let (decoded, end) = try readName(allowed.bytes, at: allowed.start).get()
        #expect(decoded == .root)
        #expect(end == allowed.start + 2)
        let tooMany = Self.pointerChain(WireReader.maxPointersPerName + 1)
        #expect(readNameErrorCode(tooMany.bytes, at: tooMany.start) == .tooManyPointers)
    }

    @Test("label types 01 and 10 (0x40, 0x80) are rejected", arguments: [0x40, 0x41, 0x7F, 0x80, 0xBF] as [UInt8])
    func badLabelType(byte: UInt8) {
        #expect(readNameErrorCode([byte, 0x61, 0x00]) == .badLabelType)
        #expect(readNameErrorCode([0x01, 0x61, byte, 0x00]) == .badLabelType)
    }

    @Test("names past 255 octets fail, whether written out or via pointers")
    func nameTooLong() throws {
        let label63 = [UInt8(63)] + Array(repeating: 0x78, count: 63)
        // 3 x 64 + 62 + root = 255 octets: allowed.
        let longest = label63 + label63 + label63 + [61] + Array(repeating: 0x79, count: 61) + [0]
        #expect(try readName(longest).get().0.wire.count == 255)
        // One more octet in the last label: 256.
        let tooLong = label63 + label63 + label63 + [62] + Array(repeating: 0x79, count: 62) + [0]
        #expect(readNameErrorCode(tooLong) == .nameTooLong)
        #expect(readNameErrorCode(label63 + label63 + label63 + label63 + [0]) == .nameTooLong)
        // Four 63-octet labels assembled through pointers: each piece is short, the whole is not.
        let pieces = label63 + [0] + label63 + hex("c000") + label63 + hex("c041") + label63 + hex("c083")
        #expect(try readName(pieces, at: 131).get().0.labelCount == 3)
        #expect(readNameErrorCode(pieces, at: 197) == .nameTooLong)
    }

    @Test("a label running past the end is truncated", arguments: ["05 616263", "01", "c0", "", "0161"])
    func truncatedName(text: String) {
        #expect(readNameErrorCode(hex(text)) == .truncated)
    }

    @Test("a pointer ends the name: the reader continues right after it")
    func readerOffsetAfterPointer() throws {
        let bytes = hex("0161 00 0162 c000 ff")
        let (decoded, end) = try readName(bytes, at: 3).get()
        #expect(decoded == name("b.a."))
        #expect(end == 7)
    }

    @Test(
        "counts larger than the bytes left are countMismatch",
        arguments: [
            headerBytes(qd: 65535),
            headerBytes(an: 65535),
            headerBytes(ns: 65535),
            headerBytes(ar: 65535),
            headerBytes(qd: 65535, an: 65535, ns: 65535, ar: 65535),
            headerBytes(qd: 2) + hex("00 0001 0001"),
            headerBytes(an: 1) + hex("00 0001 0001 00000000 00"),
            headerBytes(qd: 1, an: 1) + hex("00 0001 0001") + hex("00 0001 0001 00000000 00"),
        ])
    func countMismatch(bytes: [UInt8]) {
        #expect(decodeErrorCode(bytes) == .countMismatch)
    }

    @Test("a huge count is refused before any work, in well under a millisecond per message")
    func hugeCountIsQuick() {
        var bytes = headerBytes(qd: 65535) + Array(repeating: 0, count: 100)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<1000 {
                bytes[0] &+= 1
                #expect(decodeErrorCode(bytes) == .countMismatch)
            }
        }
        #expect(elapsed < .seconds(1))
    }

    @Test("RDLENGTH past the end of the message is truncated")
    func rdlengthOverrun() {
        #expect(decodeErrorCode(headerBytes(an: 1) + hex("00 0001 0001 00000000 0005 0a000001")) == .truncated)
        #expect(decodeErrorCode(headerBytes(an: 1) + hex("00 ff00 0001 00000000 ffff 00")) == .truncated)
    }

    @Test(
        "RDATA that does not fill its RDLENGTH exactly is badRData",
        arguments: [
            ("0001", "0a00000100"),  // A with RDLENGTH 5
            ("0001", "0a0000"),  // A with RDLENGTH 3
            ("001c", "00"),  // AAAA with RDLENGTH 1
            ("0002", "0161 00 00"),  // NS name shorter than RDLENGTH
            ("0002", "0161"),  // NS name longer than RDLENGTH
            ("000f", "00"),  // MX with half a preference
            ("000f", "000a"),  // MX without an exchange
            ("0021", "0001 0002 0003"),  // SRV without a target
            ("0006", "00 00 00000001"),  // SOA without its timers
            ("0010", ""),  // TXT with no strings
            ("0010", "05 6162"),  // TXT string past RDLENGTH
        ])
    func rdataLengthMismatch(type: String, rdata: String) {
        let body = hex(rdata)
        let record = hex("00") + hex(type) + hex("0001 00000000") + [0, UInt8(body.count)] + body
        let trailer = hex("00 0001 0001 00000000 0004 7f000001")
        // The same code whether the record is last or has another after it.
        #expect(decodeErrorCode(headerBytes(an: 1) + record) == .badRData)
        #expect(decodeErrorCode(headerBytes(an: 2) + record + trailer) == .badRData)
    }

    @Test("bytes after the last record are trailingBytes", arguments: [1, 2, 100])
    func trailingBytes(extra: Int) {
        #expect(decodeErrorCode(Self.query + Array(repeating: 0, count: extra)) == .trailingBytes)
        #expect(decodeErrorCode(headerBytes() + Array(repeating: 0, count: extra)) == .trailingBytes)
    }

    @Test("errors carry the offset where decoding stopped")
    func errorOffsets() {
        guard case .failure(let error) = decodeResult(headerBytes(qd: 1) + hex("c00c 0001 0001")) else {
            Issue.record("decoded")
            return
        }
        #expect(error.offset == 12)
        #expect(error.description.contains("offset 12"))
        #expect(WireError(.truncated, at: 3, "x") == WireError(.truncated, at: 9, "y"))
        #expect(WireError(.truncated) != WireError(.badRData))
    }

    @Test("WireReader primitives throw instead of reading past the end")
    func readerPrimitives() throws {
        let bytes: [UInt8] = [1, 2, 3]
        let results: [WireError.Code?] = [
            code(withReader(bytes, at: 2) { (r: inout WireReader) throws(WireError) in try r.readUInt16() }),
            code(withReader(bytes) { (r: inout WireReader) throws(WireError) in try r.readUInt32() }),
            code(withReader(bytes, at: 3) { (r: inout WireReader) throws(WireError) in try r.readUInt8() }),
            code(withReader(bytes) { (r: inout WireReader) throws(WireError) in try r.readBytes(4) }),
            code(withReader(bytes) { (r: inout WireReader) throws(WireError) in try r.readBytes(-1) }),
            code(withReader(bytes) { (r: inout WireReader) throws(WireError) in try r.skip(4) }),
            code(withReader(bytes) { (r: inout WireReader) throws(WireError) in try r.skip(-1) }),
        ]
        #expect(results.allSatisfy { $0 == .truncated })
        #expect(
            try withReader(bytes, at: 1) { (r: inout WireReader) throws(WireError) in try r.readUInt16() }.get()
                == 0x0203)
    }

    func code<T>(_ result: Result<T, WireError>) -> WireError.Code? {
        if case .failure(let error) = result { return error.code }
        return nil
    }
}
