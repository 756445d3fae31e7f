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
