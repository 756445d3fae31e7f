import Testing

@testable import DNSWire

@Suite("Name hashes: lower case, every suffix in one pass")
struct NameHashTests {
    @Test func ignoresCaseButNotLetters() {
        #expect(NameHash(name("WWW.Example.COM.")) == NameHash(name("www.example.com.")))
        #expect(NameHash(name("www.example.com.")) != NameHash(name("www.example.org.")))
        #expect(NameHash(name("a.bc.")) != NameHash(name("ab.c.")))
        #expect(NameHash(name("[.example.")) != NameHash(name("{.example.")))
    }

    @Test(arguments: ["www.example.com.", ".", "a.b.c.d.e.f.", "_http._tcp.Svc.Example."])
    func everySuffixHashesAsThatName(text: String) {
        let whole = name(text)
        let starts = UnsafeMutablePointer<UInt8>.allocate(capacity: NameHash.maxLabels + 1)
        let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: NameHash.maxLabels + 1)
        defer {
            starts.deallocate()
            hashes.deallocate()
        }
        let labels = whole.wire.withUnsafeBytes {
            NameHash.suffixes(of: $0.baseAddress!, starts: starts, hashes: hashes)
        }
        #expect(labels == whole.labelCount)
        #expect(Int(starts[labels]) + 1 == whole.wire.count)
        for label in 0...labels {
            let suffix = whole.suffix(labels: labels - label)
            #expect(hashes[label] == NameHash(suffix).value, "suffix \(suffix)")
            #expect(Int(starts[label]) == whole.wire.count - suffix.wire.count)
        }
    }

    @Test func comparesNamesIgnoringCase() {
        let a = name("Mail.Example.").wire
        let b = name("mail.EXAMPLE.").wire
        let c = name("maim.example.").wire
        #expect(
            a.withUnsafeBytes { x in
                b.withUnsafeBytes { NameHash.equalNames(x.baseAddress!, $0.baseAddress!, length: x.count) }
            })
        #expect(
            !a.withUnsafeBytes { x in
                c.withUnsafeBytes { NameHash.equalNames(x.baseAddress!, $0.baseAddress!, length: x.count) }
            })
    }
}

extension NameHashTests {
    @Test func lowersEveryOctetValueInEveryPosition() {
        for value in 0...255 {
            let byte = UInt8(value)
            let expected: UInt8 = byte &- 0x41 < 26 ? byte | 0x20 : byte
            for position in 0..<8 {
                let word =
                    UInt64(byte) << (UInt64(position) * 8) | 0x4142_4344_4546_4748 & ~(0xFF << (UInt64(position) * 8))
                let lowered = NameHash.lowered(word)
                #expect(UInt8(truncatingIfNeeded: lowered >> (UInt64(position) * 8)) == expected)
            }
        }
    }

    @Test func comparesEveryLengthWordByWord() {
        var state: UInt64 = 3
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let alphabet: [UInt8] = Array("aAzZ09-_[{@`".utf8) + [0xC1, 0xE1]
        for length in 0..<40 {
            for _ in 0..<50 {
                let a = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
                var b = a.map { $0 &- 0x41 < 26 || $0 &- 0x61 < 26 ? ($0 ^ (next() % 2 == 0 ? 0x20 : 0)) : $0 }
                if length > 0 && next() % 2 == 0 { b[Int(next() % UInt64(length))] = UInt8(ascii: "q") }
                let lower = { (bytes: [UInt8]) in bytes.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 } }
                let equal = a.withUnsafeBytes { x in
                    b.withUnsafeBytes { NameHash.equalNames(x.baseAddress!, $0.baseAddress!, length: length) }
                }
                #expect(equal == (lower(a) == lower(b)), "\(a) \(b)")
            }
        }
    }
}
