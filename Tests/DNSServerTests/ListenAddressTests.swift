import DNSServer
import Testing

@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:5300", "127.0.0.1", 5300),
        ("0.0.0.0:0", "0.0.0.0", 0),
        ("[::1]:53", "::1", 53),
        ("[::]:65535", "::", 65535),
        ("[fd00::2]:8053", "fd00::2", 8053),
    ])
    func parsesLiterals(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == UInt16(port))
        #expect(address.description == text)
    }

    @Test(arguments: [
        "localhost:53", "127.0.0.1", "::1:53", "[::1]53", "[::1", "[127.0.0.1]:53", "127.0.0.1:65536",
        "127.0.0.1:+53", "127.0.0.1:", ":53", "999.1.1.1:53", "[::1]:", "127.0.0.1:5 3", "",
    ])
    func rejectsBadInput(text: String) {
        #expect {
            try ListenAddress(parsing: text)
        } throws: { error in
            guard let error = error as? ServerError else { return false }
            return error.code == .invalidListenAddress && error.message.hasPrefix("invalid listen address \"\(text)\"")
        }
    }

    @Test func explainsMissingBrackets() {
        #expect(throws: ServerError.self) { try ListenAddress(parsing: "::1:53") }
        do {
            _ = try ListenAddress(parsing: "::1:53")
        } catch {
            #expect(error.message == "invalid listen address \"::1:53\": write IPv6 addresses in brackets, as in [::1]:53")
        }
    }
}
