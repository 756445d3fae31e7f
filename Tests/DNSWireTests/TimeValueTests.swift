import Testing

@testable import DNSWire

@Suite("TimeValue")
struct TimeValueTests {
    @Test(
        "valid time values",
        arguments: [
            ("0", 0), ("3600", 3600), ("4294967295", 4_294_967_295), ("1s", 1), ("1m", 60), ("1h", 3600),
            ("1d", 86400), ("1w", 604_800), ("1h30m", 5400), ("1w2d", 777_600), ("1H30M", 5400),
            ("2d3h4m5s", 183_845), ("0w0d", 0), ("1m1m", 120), ("7101w3d6h28m15s", 4_294_967_295),
        ] as [(String, UInt32)])
    func parses(text: String, seconds: UInt32) {
        #expect(TimeValue.parse(text) == seconds)
    }

    @Test(
        "invalid time values",
        arguments: [
            "", "1x", "h", "1h30", "h1", "1.5h", "1 h", " 1", "1h ", "4294967296", "4294967296s",
            "99999999999999999999", "7102w", "7101w3d6h28m16s", "4294967295s1s", "+1", "-0", "+1h", "١h",
        ])
    func rejects(text: String) {
        #expect(TimeValue.parse(text) == nil)
    }
}
