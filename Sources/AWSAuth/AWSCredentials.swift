import Foundation

/// The access keys Shoal accepts on its AWS APIs, read from an AWS shared credentials file
/// (`[profile]` sections with `aws_access_key_id` and `aws_secret_access_key`). Every profile
/// with both is one accepted key, so several clients can hold keys of their own.
public struct AWSCredentials: Sendable, Equatable {
    /// Secret access key by access key id.
    public let secrets: [String: String]

    public init(secrets: [String: String]) {
        self.secrets = secrets
    }

    /// Reads and parses `path`.
    public static func load(path: String) throws(AWSCredentialsError) -> AWSCredentials {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AWSCredentialsError("cannot read \(path): \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AWSCredentialsError("\(path) is not UTF-8 text")
        }
        do {
            return try AWSCredentials(parsing: text)
        } catch {
            throw AWSCredentialsError("\(path): \(error.message)")
        }
    }

    /// Parses the INI text. Lines are `[section]`, `key = value`, blank, or comments (`#`, `;`);
    /// keys other than the two it needs (region, aws_session_token, ...) are ignored.
    public init(parsing text: String) throws(AWSCredentialsError) {
        var profiles: [(name: String, line: Int, values: [String: String])] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw AWSCredentialsError("line \(number): malformed section header \(line)")
                }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                profiles.append((name, number, [:]))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw AWSCredentialsError("line \(number): expected key = value or [section]")
            }
            guard !profiles.isEmpty else {
                throw AWSCredentialsError("line \(number): key outside of a [section]")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            profiles[profiles.count - 1].values[key] = value
        }
        var secrets: [String: String] = [:]
        for profile in profiles {
            let id = profile.values["aws_access_key_id"] ?? ""
            let secret = profile.values["aws_secret_access_key"] ?? ""
            // A profile with only one of the two is a mistake that would lock its client out.
            if id.isEmpty != secret.isEmpty {
                let missing = id.isEmpty ? "aws_access_key_id" : "aws_secret_access_key"
                throw AWSCredentialsError("[\(profile.name)] (line \(profile.line)) has no \(missing)")
            }
            if id.isEmpty { continue }
            if let other = secrets[id], other != secret {
                throw AWSCredentialsError("access key id \(id) appears twice with different secrets")
            }
            secrets[id] = secret
        }
        guard !secrets.isEmpty else {
            throw AWSCredentialsError("no profile with aws_access_key_id and aws_secret_access_key")
        }
        self.secrets = secrets
    }
}

/// Why a credentials file could not be used; `message` is shown as is at start.
public struct AWSCredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
