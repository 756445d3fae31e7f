import Testing

@testable import DNSWire

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same sequence on every platform.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random but well-formed messages, biased towards shared suffixes so compression is exercised.
struct MessageGenerator {
    var random: SplitMix64
    static let labels: [[UInt8]] = ["www", "Mail", "EXAMPLE", "com", "a", "_tcp", "x.y", "\u{0}", "longer-label"]
        .map { Array($0.utf8) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) } }

    mutating func name() -> DomainName {
        let count = int(0...4)
        var labels: [[UInt8]] = []
        for _ in 0..<count {
            labels.append(int(0...5) == 0 ? bytes(int(1...63)) : Self.labels[int(0...Self.labels.count - 1)])
        }
        return (try? DomainName(labels: labels)) ?? .root
    }

    mutating func rdata() -> (RRType, RData) {
        switch int(0...10) {
        case 0: return (.a, .a(IPv4Address(UInt32.random(in: 0...UInt32.max, using: &random))))
        case 1: return (.aaaa, .aaaa(IPv6Address(bytes: bytes(16))))
        case 2: return (.ns, .ns(name()))
        case 3: return (.cname, .cname(name()))
        case 4: return (.ptr, .ptr(name()))
        case 5: return (.mx, .mx(preference: UInt16(int(0...65535)), exchange: name()))
        case 6:
            return (.srv, .srv(priority: UInt16(int(0...9)), weight: 5, port: UInt16(int(0...65535)), target: name()))
        case 7:
            let soa = SOAData(
                primary: name(), mailbox: name(), serial: UInt32(int(0...1000)), refresh: 1, retry: 2, expire: 3,
                minimum: UInt32(int(0...86400)))
            return (.soa, .soa(soa))
        case 8: return (.txt, .txt((0..<int(1...3)).map { _ in bytes(int(0...20)) }))
        case 9:
            return (
                .opt, .opt((0..<int(0...2)).map { _ in EDNSOption(code: UInt16(int(0...20)), data: bytes(int(0...6))) })
            )
        default: return (RRType(rawValue: UInt16(int(256...65535))), .unknown(bytes(int(0...12))))
        }
    }

    mutating func record() -> ResourceRecord {
        let (type, rdata) = rdata()
        return ResourceRecord(
            name: name(), type: type, rrClass: RRClass(rawValue: UInt16(int(1...4))), ttl: UInt32(int(0...100_000)),
            rdata: rdata)
    }

    mutating func message() -> Message {
        var header = Header()
        header.id = UInt16(int(0...65535))
        header.isResponse = int(0...1) == 1
        header.opcode = OpCode(rawValue: UInt8(int(0...15)))
        header.rcodeLow = UInt8(int(0...15))
        header.recursionDesired = int(0...1) == 1
        var message = Message(header: header)
        message.questions = (0..<int(0...2)).map { _ in
            Question(name: name(), type: RRType(rawValue: UInt16(int(1...255))))
        }
        message.answers = (0..<int(0...4)).map { _ in record() }
        message.authorities = (0..<int(0...2)).map { _ in record() }
        message.additionals = (0..<int(0...3)).map { _ in record() }
        message.header.questionCount = UInt16(message.questions.count)
        message.header.answerCount = UInt16(message.answers.count)
        message.header.authorityCount = UInt16(message.authorities.count)
        message.header.additionalCount = UInt16(message.additionals.count)
        return message
    }

    /// Damages `bytes` the way a hostile or broken peer might.
    mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<(int(0...3) == 0 ? int(2...4) : 1) {
            let index = bytes.isEmpty ? 0 : int(0...bytes.count - 1)
            switch int(0...7) {
            case 0 where !bytes.isEmpty: bytes[index] = UInt8(int(0...255))
            case 1 where !bytes.isEmpty: bytes[index] ^= 1 << UInt8(int(0...7))
            case 2: bytes.insert(UInt8(int(0...255)), at: index)
            case 3 where !bytes.isEmpty: bytes.remove(at: index)
            case 4: bytes = Array(bytes.prefix(index))
            case 5 where index + 1 < bytes.count:
                // A compression pointer somewhere, often aimed at a plausible spot.
                let target = int(0...max(0, bytes.count - 1))
                bytes[index] = 0xC0 | UInt8(target >> 8 & 0x3F)
                bytes[index + 1] = UInt8(target & 0xFF)
            case 6 where bytes.count >= 12:
                // A section count off by a little or a lot.
                let field = 4 + 2 * int(0...3)
                bytes[field + 1] &+= UInt8(int(1...3))
                if int(0...3) == 0 { bytes[field] = 0xFF }
            default: bytes += self.bytes(int(1...8))
            }
        }
        return bytes
    }
}

@Suite("Fuzzing")
struct FuzzTests {
    static let iterations = 20_000

    /// Decodes; on success checks that encode -> decode gives the same message again.
    /// Returns whether `bytes` decoded.
    @discardableResult
    static func checkStable(_ bytes: [UInt8], _ note: @autoclosure () -> String) -> Bool {
        guard case .success(let first) = decodeResult(bytes) else { return false }
        let reencoded = first.encoded()
        switch decodeResult(reencoded) {
        case .success(let second):
            #expect(second == first, "\(note()): decode -> encode -> decode changed the message")
            #expect(second.encoded().count == reencoded.count, "\(note()): encoding is not stable")
        case .failure(let error):
            Issue.record("\(note()): re-encoded message does not decode: \(error); input \(bytes)")
        }
        for record in first.answers + first.authorities + first.additionals { _ = record.description }
        return true
    }

    @Test("generated messages round-trip exactly")
    func generatedRoundTrip() throws {
        var generator = MessageGenerator(random: SplitMix64(seed: 0x5348_4F41_4C21))
        for iteration in 0..<Self.iterations / 4 {
            let message = generator.message()
            let bytes = message.encoded()
            let decoded = try Message(decoding: bytes)
            #expect(decoded == message, "iteration \(iteration)")
            if decoded != message { return }
        }
    }

    @Test("random bytes and mutated messages never trap and decode stably")
    func mutatedMessages() {
        var generator = MessageGenerator(random: SplitMix64(seed: 20_260_101))
        var decodedCount = 0
        for iteration in 0..<Self.iterations {
            let bytes: [UInt8]
            switch iteration % 4 {
            case 0:
                // Pure noise, but with small counts so it gets past the header now and then.
                var noise = generator.bytes(generator.int(0...80))
                if noise.count >= 12 { for index in 4..<12 { noise[index] &= iteration % 8 == 0 ? 0x00 : 0x01 } }
                bytes = noise
            default:
                bytes = generator.mutate(generator.message().encoded())
            }
            if Self.checkStable(bytes, "iteration \(iteration)") { decodedCount += 1 }
        }
        // The mutations must leave a fair share decodable (about 1 in 6 with this seed), or the stability check tests nothing.
        #expect(decodedCount > Self.iterations / 10)
    }

    @Test("every record that decodes prints as text that parses back to it")
    func textRoundTripOfDecodedRecords() throws {
        var generator = MessageGenerator(random: SplitMix64(seed: 42))
        for iteration in 0..<Self.iterations / 4 {
            let record = generator.record()
            let text = record.rdata.description
            let tokens = tokenize(text)
            let parsed = try RData(type: record.type, parsing: tokens, origin: nil)
            #expect(parsed == record.rdata, "iteration \(iteration): \(record.type) \(text)")
            #expect(try DomainName(parsing: record.name.description).wire == record.name.wire)
        }
    }
}
