import Testing

@testable import DNSWire

@Suite("EDNS")
struct EDNSTests {
    static let samples: [EDNS] = [
        EDNS(),
        EDNS(udpPayloadSize: 512),
        EDNS(udpPayloadSize: 4096, dnssecOK: true),
        EDNS(udpPayloadSize: 65535, extendedRcode: 0xFF, version: 0xFF, dnssecOK: true),
        EDNS(udpPayloadSize: 1232, extendedRcode: 1, version: 1, options: [EDNSOption(code: 10, data: Array(0..<8))]),
        EDNS(options: [EDNSOption(code: 8, data: [0, 1, 24, 0, 192, 0, 2]), EDNSOption(code: 65001, data: [])]),
    ]

    @Test("OPT fields survive record -> wire -> record", arguments: samples)
    func roundTrip(edns: EDNS) throws {
        let message = Message(additionals: [edns.record])
        let decoded = try Message(decoding: message.encoded())
        #expect(decoded.edns == edns)
        #expect(EDNS(decoded.additionals[0]) == edns)
    }

    @Test("the OPT record's wire layout follows RFC 6891 6.1.2")
    func wireLayout() {
        let edns = EDNS(
            udpPayloadSize: 4096, extendedRcode: 1, version: 0, dnssecOK: true,
            options: [EDNSOption(code: 10, data: [1, 2])])
        var writer = WireWriter()
        edns.record.encode(into: &writer)
        #expect(writer.bytes == hex("00 0029 1000 01008000 0006 000a 0002 0102"))
    }

    @Test("OPT TTL bits: extended rcode, version, DO; the other Z bits are ignored")
    func ttlBits() throws {
        let record = ResourceRecord(
            name: .root, type: .opt, rrClass: RRClass(rawValue: 1400), ttl: 0x1203_FFFF, rdata: .opt([]))
        let edns = try #require(EDNS(record))
        #expect(edns.udpPayloadSize == 1400)
        #expect(edns.extendedRcode == 0x12)
        #expect(edns.version == 0x03)
        #expect(edns.dnssecOK)
        #expect(edns.record.ttl == 0x1203_8000)
        #expect(EDNS(ResourceRecord(name: .root, type: .a, ttl: 0, rdata: .a(IPv4Address(0)))) == nil)
    }

    @Test("an OPT record with empty RDATA decodes with no options")
    func emptyOptions() throws {
        let bytes = headerBytes(ar: 1) + hex("00 0029 0200 00000000 0000")
        let decoded = try Message(decoding: bytes)
        #expect(decoded.edns == EDNS(udpPayloadSize: 512))
    }

    @Test(
        "the response code combines the header's 4 bits with EDNS's 8",
        arguments: [
            (UInt8(0), UInt8(0), ResponseCode.noError),
            (0, 3, .nameError),
            (1, 0, .badVersion),
            (1, 5, ResponseCode(rawValue: 21)),
            (0xFF, 0xF, ResponseCode(rawValue: 4095)),
        ])
    func responseCode(extended: UInt8, low: UInt8, expected: ResponseCode) throws {
        var header = Header()
        header.isResponse = true
        header.rcodeLow = low
        let message = Message(header: header, additionals: [EDNS(extendedRcode: extended).record])
        let decoded = try Message(decoding: message.encoded())
        #expect(decoded.responseCode == expected)
        #expect(decoded.header.rcodeLow == low)
    }

    @Test("BADVERS (16) needs EDNS: without OPT only the low 4 bits count")
    func badVersWithoutOPT() throws {
        let decoded = try Message(decoding: headerBytes(flags: 0x8000))
        #expect(decoded.edns == nil)
        #expect(decoded.responseCode == .noError)
        var header = Header()
        header.rcodeLow = UInt8(ResponseCode.badVersion.rawValue & 0xF)
        let message = Message(
            header: header, additionals: [EDNS(extendedRcode: UInt8(ResponseCode.badVersion.rawValue >> 4)).record])
        #expect(try Message(decoding: message.encoded()).responseCode == .badVersion)
    }

    @Test("the first OPT in the additional section is the one that counts")
    func firstOPT() throws {
        let address = ResourceRecord(name: name("a."), type: .a, ttl: 0, rdata: .a(IPv4Address(1)))
        let message = Message(additionals: [
            address, EDNS(udpPayloadSize: 1000).record, EDNS(udpPayloadSize: 2000).record,
        ])
        #expect(try Message(decoding: message.encoded()).edns?.udpPayloadSize == 1000)
    }

    @Test(
        "malformed options are badRData",
        arguments: [
            "000a 0003 0102",  // option length past the RDATA
            "000a",  // code without a length
            "000a 00",  // half a length
        ])
    func malformedOptions(rdata: String) {
        let body = hex(rdata)
        let bytes = headerBytes(ar: 1) + hex("00 0029 1000 00000000") + [0, UInt8(body.count)] + body
        #expect(decodeErrorCode(bytes) == .badRData)
    }
}
