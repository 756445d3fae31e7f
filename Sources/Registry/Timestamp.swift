import Foundation

/// Wall-clock times as the registry stores and shows them: seconds since 1970 in SQLite,
/// ISO 8601 UTC (`2025-01-31T12:00:00Z`) in the API.
enum Timestamp {
    static func now() -> Double { Date().timeIntervalSince1970 }

    static func iso(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds.rounded(.down)).formatted(.iso8601)
    }
}

/// Change ids: `C` and 13 random upper-case letters or digits, as Route 53 shapes them.
enum ChangeID {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return "C" + String((0..<13).map { _ in alphabet.randomElement(using: &generator)! })
    }

    static func isWellFormed(_ id: String) -> Bool {
        id.count == 14 && id.first == "C" && id.dropFirst().allSatisfy { alphabet.contains($0) }
    }
}
