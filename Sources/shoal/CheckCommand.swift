import ArgumentParser
import DNSWire
import DNSZone

/// `shoal check FILE`: validates a zone file the way `serve` would load it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a zone file: print its errors (exit 1) or a one-line summary (exit 0)."
    )

    @Argument(help: "The zone file. NAME.zone is checked as the zone NAME unless --origin says otherwise.")
    var file: String

    @Option(help: "The zone name the file must hold (default: from the file name when it ends in .zone).")
    var origin: String?

    func run() throws {
        do {
            let zone = try ZoneFileParser.parse(path: file, origin: try Self.expectedOrigin(file: file, origin: origin))
            let built = Zone(consume zone)
            print("\(file): zone \(built.origin.displayName), serial \(built.serial), \(built.recordCount) records, OK")
        } catch let error as ZoneFileError {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode.failure
        }
    }

    /// The zone a file must hold: `--origin` when given, else NAME for a file named NAME.zone.
    static func expectedOrigin(file: String, origin: String?) throws -> DomainName? {
        if let origin {
            do {
                return try DomainName(parsing: origin.hasSuffix(".") ? origin : origin + ".")
            } catch {
                throw ValidationError("--origin '\(origin)' is not a domain name: \(error)")
            }
        }
        return try? ZoneDirectory.origin(ofFile: file)
    }
}
