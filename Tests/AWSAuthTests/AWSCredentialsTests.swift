import Foundation
import Testing

@testable import AWSAuth

@Suite struct AWSCredentialsTests {
    @Test func parsesProfiles() throws {
        let text = """
            # shared credentials
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key=secret/one+
            region = us-east-1

            [profile ci]
            ; another client
              AWS_ACCESS_KEY_ID  =  AKIACI
              aws_secret_access_key = two
              aws_session_token = ignored
            [config-only]
            region = eu-west-1
            """
        let credentials = try AWSCredentials(parsing: text)
        #expect(credentials.secrets == ["AKIADEFAULT": "secret/one+", "AKIACI": "two"])
    }

    @Test func errors() {
        func message(_ text: String) -> String? {
            do {
                _ = try AWSCredentials(parsing: text)
                return nil
            } catch { return error.message }
        }
        #expect(message("") == "no profile with aws_access_key_id and aws_secret_access_key")
        #expect(message("[default]\nregion = x\n") == "no profile with aws_access_key_id and aws_secret_access_key")
        #expect(message("[default]\naws_access_key_id = A\n") == "[default] (line 1) has no aws_secret_access_key")
        #expect(message("aws_access_key_id = A\n") == "line 1: key outside of a [section]")
        #expect(message("[default\n") == "line 1: malformed section header [default")
        #expect(message("[a]\njunk\n") == "line 2: expected key = value or [section]")
        #expect(
            message(
                "[a]\naws_access_key_id=A\naws_secret_access_key=x\n[b]\naws_access_key_id=A\naws_secret_access_key=y")
                == "access key id A appears twice with different secrets")
    }

    @Test func loadsFilesAndReportsMissingOnes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shoal-creds-\(UUID().uuidString)")
            .path
        #expect(throws: AWSCredentialsError.self) { try AWSCredentials.load(path: path) }
        try "[default]\naws_access_key_id=K\naws_secret_access_key=S\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try AWSCredentials.load(path: path).secrets == ["K": "S"])
        do {
            _ = try AWSCredentials.load(path: path + ".none")
        } catch {
            #expect(error.message.hasPrefix("cannot read \(path).none"))
        }
    }
}
