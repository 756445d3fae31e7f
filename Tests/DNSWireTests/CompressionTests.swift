import Testing

@testable import DNSWire

/// Where the names and RDATA of an encoded message sit, found by walking it independently of
/// `Message(decoding:)`.
struct MessageLayout {
    /// A name's first byte and the compression pointers (offset, target) met while reading it.
    var names: [(start: Int, pointers: [(at: Int, target: Int)])] = []
    var rdata: [(type: RRType, range: Range<Int>)] = []

    init(_ bytes: [UInt8]) {
        var offset = 12
        let questions = Int(bytes[4]) << 8 | Int(bytes[5])
        let records = (6..<12).filter { $0 % 2 == 0 }.reduce(0) { $0 + (Int(bytes[$1]) << 8 | Int(bytes[$1 + 1])) }
        for _ in 0..<questions { offset = walkName(bytes, offset) + 4 }
        for _ in 0..<records {
            offset = walkName(bytes, offset)
            let type = RRType(rawValue: UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1]))
            let length = Int(bytes[offset + 8]) << 8 | Int(bytes[offset + 9])
            let start = offset + 10
            rdata.append((type, start..<start + length))
            switch type {
            case .ns, .cname, .ptr: _ = walkName(bytes, start)
            case .mx: _ = walkName(bytes, start + 2)
            case .srv: _ = walkName(bytes, start + 6)
            case .soa: _ = walkName(bytes, walkName(bytes, start))
            default: break
            }
            offset = start + length
        }
    }

    /// Records the name at `start` and returns the offset just after it in the message.
    mutating func walkName(_ bytes: [UInt8], _ start: Int) -> Int {
        var position = start
        var end: Int? = nil
        var pointers: [(at: Int, target: Int)] = []
        while bytes[position] != 0 {
            if bytes[position] & 0xC0 == 0xC0 {
                let target = Int(bytes[position] & 0x3F) << 8 | Int(bytes[position + 1])
                pointers.append((position, target))
                if end == nil { end = position + 2 }
                position = target
            } else {
                position += Int(bytes[position]) + 1
            }
        }
        names.append((start, pointers))
        return end ?? position + 1
    }
}

@Suite("Name compression")
struct CompressionTests {
    @Test("the writer points at the longest suffix written before, ignoring case")
    func writerPointsAtSuffix() {
        var writer = WireWriter()
        writer.writeName(name("www.example.com."))
        writer.writeName(name("mail.EXAMPLE.com."))
        writer.writeName(name("Www.Example.Com."))
        writer.writeName(name("com."))
        writer.writeName(.root)
        let expected =
            [3] + Array("www".utf8) + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0]
            + [4] + Array("mail".utf8) + [0xC0, 4]
            + [0xC0, 0]
            + [0xC0, 12]
            + [0]
        #expect(writer.bytes == expected)
    }

    @Test("compress: false writes the name in full but still offers it as a target")
    func uncompressedNameIsStillATarget() {
        var writer = WireWriter()
        writer.writeName(name("example."))
        writer.writeName(name("a.example."), compress: false)
        writer.writeName(name("b.a.example."))
        #expect(writer.bytes == hex("076578616d706c6500 0161076578616d706c6500 0162c009"))
    }

    @Test("a small response is compressed to the expected bytes")
    func exactCompressedResponse() throws {
        var header = Header()
        header.id = 1
        header.isResponse = true
        let message = Message(
            header: header,
            questions: [Question(name: name("www.example.com."), type: .a)],
            answers: [
                ResourceRecord(
                    name: name("www.example.com."), type: .cname, ttl: 60, rdata: .cname(name("web.example.com."))),
                ResourceRecord(name: name("web.example.com."), type: .a, ttl: 60, rdata: .a(IPv4Address(0x0A00_0001))),
            ])
        let expected = hex(
            """
            0001 8000 0001 0002 0000 0000
            03777777 076578616d706c65 03636f6d 00 0001 0001
            c00c 0005 0001 0000003c 0006 03776562 c010
            c02d 0001 0001 0000003c 0004 0a000001
            """)
        let bytes = message.encoded()
        #expect(bytes == expected)
        let decoded = try Message(decoding: bytes)
        #expect(decoded.questions == message.questions)
        #expect(decoded.answers == message.answers)
    }

    static let repetitive: Message = {
        let zone = name("Example.COM.")
        let soa = SOAData(
            primary: name("ns1.example.com."), mailbox: name("hostmaster.example.com."), serial: 1, refresh: 2,
            retry: 3, expire: 4, minimum: 5)
        return Message(
            questions: [Question(name: name("WWW.example.com."), type: .any)],
            answers: [
                ResourceRecord(
                    name: name("www.example.com."), type: .mx, ttl: 1,
                    rdata: .mx(preference: 5, exchange: name("mail.example.com."))),
                ResourceRecord(
                    name: name("www.example.com."), type: .ptr, ttl: 1, rdata: .ptr(name("mail.example.com."))),
                ResourceRecord(
                    name: name("_sip._udp.example.com."), type: .srv, ttl: 1,
                    rdata: .srv(priority: 1, weight: 1, port: 5060, target: name("mail.example.com."))),
                ResourceRecord(name: name("www.example.com."), type: .txt, ttl: 1, rdata: .txt([Array("www".utf8)])),
            ],
            authorities: [
                ResourceRecord(name: zone, type: .soa, ttl: 1, rdata: .soa(soa)),
                ResourceRecord(name: zone, type: .ns, ttl: 1, rdata: .ns(name("ns1.example.com."))),
                ResourceRecord(name: zone, type: .ns, ttl: 1, rdata: .ns(name("ns2.example.com."))),
            ],
            additionals: [
                ResourceRecord(name: name("ns1.example.com."), type: .a, ttl: 1, rdata: .a(IPv4Address(1))),
                ResourceRecord(name: name("mail.example.com."), type: .a, ttl: 1, rdata: .a(IPv4Address(2))),
            ])
    }()

    /// The size the message would have with every name written in full.
    static func uncompressedSize(_ message: Message) -> Int {
        12 + message.questions.reduce(0) { $0 + $1.name.wire.count + 4 }
            + (message.answers + message.authorities + message.additionals).reduce(0) {
                $0 + $1.name.wire.count + ResourceRecord.fixedSize + $1.rdata.uncompressedWire.count
            }
    }

    @Test("repeated names make the message shorter than the sum of its parts")
    func compressionShortens() {
        let bytes = Self.repetitive.encoded()
        #expect(bytes.count < Self.uncompressedSize(Self.repetitive))
        #expect(bytes.count <= Self.uncompressedSize(Self.repetitive) * 2 / 3)
    }

    @Test("every pointer points backwards at a suffix of the name it belongs to")
    func pointersTargetEarlierSuffixes() throws {
        let bytes = Self.repetitive.encoded()
        let layout = MessageLayout(bytes)
        #expect(layout.names.count == 1 + 9 + 7)
        var pointerCount = 0
        for (start, pointers) in layout.names {
            guard case .success(let (whole, _)) = readName(bytes, at: start) else {
                Issue.record("name at \(start) does not decode")
                continue
            }
            for (at, target) in pointers {
                pointerCount += 1
                #expect(target < at)
                let (suffix, _) = try readName(bytes, at: target).get()
                #expect(whole.isSubdomain(of: suffix))
                #expect(whole.labelCount > suffix.labelCount || at == start)
            }
        }
        #expect(pointerCount >= 12)
    }

    @Test("SRV targets are written in full (RFC 2782, RFC 3597 section 4)")
    func srvTargetNotCompressed() throws {
        let bytes = Self.repetitive.encoded()
        let layout = MessageLayout(bytes)
        let srv = try #require(layout.rdata.first { $0.type == .srv })
        #expect(Array(bytes[srv.range]) == hex("0001 0001 13c4") + name("mail.example.com.").wire)
        // ...while the same target elsewhere is compressed.
        let mx = try #require(layout.rdata.first { $0.type == .mx })
        #expect(mx.range.count < 2 + name("mail.example.com.").wire.count)
    }

    @Test("decoding the compressed output gives back the input")
    func decodeCompressed() throws {
        let decoded = try Message(decoding: Self.repetitive.encoded())
        #expect(decoded.questions == Self.repetitive.questions)
        #expect(decoded.answers == Self.repetitive.answers)
        #expect(decoded.authorities == Self.repetitive.authorities)
        #expect(decoded.additionals == Self.repetitive.additionals)
    }

    @Test("the question keeps the client's letter case through encode and decode")
    func questionCaseEchoed() throws {
        let query = Message(questions: [Question(name: name("wWw.ExAmPlE.cOm."), type: .a)])
        let decoded = try Message(decoding: query.encoded())
        #expect(decoded.questions[0].name.wire == name("wWw.ExAmPlE.cOm.").wire)
        #expect(decoded.questions[0].name.description == "wWw.ExAmPlE.cOm.")
        let reply = Message(
            questions: decoded.questions,
            answers: [
                ResourceRecord(name: name("www.example.com."), type: .a, ttl: 1, rdata: .a(IPv4Address(1)))
            ])
        let echoed = try Message(decoding: reply.encoded())
        #expect(echoed.questions[0].name.description == "wWw.ExAmPlE.cOm.")
    }

    @Test("decoding keeps each name's case; messages that differ only in case are equal")
    func caseKeptOnDecode() throws {
        let owner = hex("03 577757 01 41 00")  // "WwW.A."
        let bytes = headerBytes(an: 1) + owner + hex("0001 0001 00000000 0004 01020304")
        let decoded = try Message(decoding: bytes)
        #expect(decoded.answers[0].name.wire == owner)
        #expect(decoded.answers[0].name.description == "WwW.A.")
        var header = Header()
        header.id = 0x1234
        header.answerCount = 1
        let lower = Message(
            header: header,
            answers: [ResourceRecord(name: name("www.a."), type: .a, ttl: 0, rdata: .a(IPv4Address(0x0102_0304)))])
        #expect(decoded == lower)
        #expect(decoded.hashValue == lower.hashValue)
        #expect(decoded.encoded() == bytes)
    }

    @Test("offsets past 0x3FFF are never used as pointer targets")
    func noPointerBeyond14Bits() throws {
        // Fill past 16 KiB with an opaque record, then write a new name twice.
        let filler = ResourceRecord(
            name: .root, type: RRType(rawValue: 65280), ttl: 0, rdata: .unknown(Array(repeating: 0xAB, count: 0x4000)))
        let late = ResourceRecord(name: name("late.example."), type: .a, ttl: 0, rdata: .a(IPv4Address(1)))
        let message = Message(answers: [filler, late, late])
        let bytes = message.encoded()
        #expect(bytes.count == 12 + 11 + 0x4000 + 2 * (name("late.example.").wire.count + 14))
        #expect(try Message(decoding: bytes).answers == message.answers)
    }

    @Test("truncate(to:) forgets names written after the mark")
    func truncateForgetsSuffixes() {
        var writer = WireWriter()
        writer.writeName(name("a.example."))
        let mark = writer.count
        writer.writeName(name("b.other."))
        writer.truncate(to: mark)
        writer.writeName(name("c.other."))
        writer.writeName(name("example."))
        #expect(writer.bytes == name("a.example.").wire + name("c.other.").wire + [0xC0, 2])
    }
}
