import Foundation

/// Wall-clock times as the registry stores and shows them: seconds since 1970 in SQLite,
/// ISO 8601 UTC (`2025-01-31T12:00:00Z`) in the API.
enum Timestamp {
    static func now() -> Double { Date().timeIntervalSince1970 }

    static func iso(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds.rounded(.down)).formatted(.iso8601)
    }
}
