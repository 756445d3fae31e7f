import Testing

@testable import DNSWire

// Small helpers shared by the DNSWire suites.

/// A name from presentation text; traps on bad input, so only for literals in tests.
func name(_ text: String, origin: DomainName? = nil) -> DomainName {
    do {
        return try DomainName(parsing: text, origin: origin)
    } catch {
        fatalError("bad test name '\(text)': \(error)")
    }
}

/// Decodes a whole message, returning the error's code instead of throwing.
func decodeResult(_ bytes: [UInt8]) -> Result<Message, WireError> {
    do throws(WireError) {
        return .success(try Message(decoding: bytes))
    } catch {
        return .failure(error)
    }
}

/// The code `Message(decoding:)` fails with, or nil when the bytes decode.
func decodeErrorCode(_ bytes: [UInt8]) -> WireError.Code? {
    if case .failure(let error) = decodeResult(bytes) { return error.code }
    return nil
}

/// Runs `body` over a `WireReader` on `bytes` starting at `offset`.
func withReader<T>(
    _ bytes: [UInt8], at offset: Int = 0, _ body: (inout WireReader) throws(WireError) -> T
) -> Result<T, WireError> {
    bytes.withUnsafeBytes { buffer in
        var reader = WireReader(buffer, offset: offset)
        do throws(WireError) {
            return .success(try body(&reader))
        } catch {
            return .failure(error)
        }
    }
}

/// Reads a name at `offset`; returns the name and the reader's offset after it.
func readName(_ bytes: [UInt8], at offset: Int = 0) -> Result<(DomainName, Int), WireError> {
    withReader(bytes, at: offset) { (reader: inout WireReader) throws(WireError) in
        (try reader.readName(), reader.offset)
    }
}

func readNameErrorCode(_ bytes: [UInt8], at offset: Int = 0) -> WireError.Code? {
    if case .failure(let error) = readName(bytes, at: offset) { return error.code }
    return nil
}

/// Encodes `rdata` in a record of `type` and decodes it back through a whole message.
func wireRoundTrip(_ rdata: RData, type: RRType) throws -> RData {
    let record = ResourceRecord(name: name("rr.example."), type: type, ttl: 300, rdata: rdata)
    let message = Message(answers: [record])
    let decoded = try Message(decoding: message.encoded())
    return try #require(decoded.answers.first).rdata
}

/// Text-to-RDATA through the public parser; `text` is split with `tokenize`.
func parseRData(_ type: RRType, _ text: String, origin: DomainName? = nil) throws(WireError) -> RData {
    try RData(type: type, parsing: tokenize(text), origin: origin)
}

func parseRDataErrorCode(_ type: RRType, _ text: String, origin: DomainName? = nil) -> WireError.Code? {
    do throws(WireError) {
        _ = try parseRData(type, text, origin: origin)
        return nil
    } catch {
        return error.code
    }
}

/// Splits master-file text into tokens the way a zone-file lexer would: whitespace separates,
/// `"..."` makes one quoted token, and escapes stay in place (a `\ ` does not split).
func tokenize(_ text: String) -> [PresentationToken] {
    var tokens: [PresentationToken] = []
    var current = ""
    var inToken = false
    var quoted = false
    var iterator = text.unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
        if scalar == "\\" {
            current.unicodeScalars.append(scalar)
            if let next = iterator.next() { current.unicodeScalars.append(next) }
            inToken = true
        } else if scalar == "\"" {
            if quoted {
                tokens.append(PresentationToken(current, quoted: true))
                current = ""
                quoted = false
                inToken = false
            } else {
                quoted = true
                inToken = true
            }
        } else if !quoted && (scalar == " " || scalar == "\t") {
            if inToken { tokens.append(PresentationToken(current)) }
            current = ""
            inToken = false
        } else {
            current.unicodeScalars.append(scalar)
            inToken = true
        }
    }
    if inToken { tokens.append(PresentationToken(current, quoted: quoted)) }
    return tokens
}

/// Bytes from a hex string; spaces are ignored.
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// A 12-byte header with the given counts.
func headerBytes(id: UInt16 = 0x1234, flags: UInt16 = 0, qd: UInt16 = 0, an: UInt16 = 0, ns: UInt16 = 0, ar: UInt16 = 0)
    -> [UInt8]
{
    [id, flags, qd, an, ns, ar].flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
}

/// Every record kind this module has a codec for, with a representative value.
let sampleRData: [(RRType, RData)] = [
    (.a, .a(IPv4Address(0x0A00_0001))),
    (.aaaa, .aaaa(IPv6Address("2001:db8::1")!)),
    (.ns, .ns(name("ns1.example."))),
    (.cname, .cname(name("target.example.org."))),
    (.ptr, .ptr(name("host.example."))),
    (.mx, .mx(preference: 10, exchange: name("mail.example."))),
    (.srv, .srv(priority: 1, weight: 2, port: 5060, target: name("sip.example."))),
    (
        .soa,
        .soa(
            SOAData(
                primary: name("ns1.example."), mailbox: name("hostmaster.example."), serial: 2_024_010_101,
                refresh: 7200, retry: 3600, expire: 1_209_600, minimum: 300))
    ),
    (.txt, .txt([Array("v=spf1 -all".utf8), [], Array("second".utf8), [0x00, 0xFF, 0x22, 0x5C]])),
    (.txt, .txt([[]])),
    (.opt, .opt([EDNSOption(code: 10, data: [1, 2, 3, 4, 5, 6, 7, 8]), EDNSOption(code: 12, data: [])])),
    (.opt, .opt([])),
    (RRType(rawValue: 65280), .unknown([0xDE, 0xAD, 0xBE, 0xEF])),
    (RRType(rawValue: 65280), .unknown([])),
]
