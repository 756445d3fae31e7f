import ArgumentParser
import DNSWire
import DNSZone
import Logging
import Registry

/// `shoal import FILE`: turns a zone file into a managed zone in the data directory, so the API
/// can write to it. The file should then leave --zones: one zone cannot be both.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a zone file as a managed zone, writable through the API.",
        discussion: """
            A running server sees the imported zone after its next start. Remove the file from the \
            zones folder before that: a zone cannot be both a file zone and a managed zone.
            """
    )

    @Argument(help: "The zone file. NAME.zone is imported as the zone NAME unless --origin says otherwise.")
    var file: String

    @Option(help: ArgumentHelp("Folder of the embedded SQLite store; created if missing.", valueName: "dir"))
    var data: String = "./data"

    @Option(help: "The zone name the file holds (default: from the file name when it ends in .zone).")
    var origin: String?

    func run() async throws {
        let zoneFile: ZoneFile
        do {
            zoneFile = try ZoneFileParser.parse(path: file, origin: try CheckCommand.expectedOrigin(file: file, origin: origin))
        } catch let error as ZoneFileError {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode.failure
        }
        var logger = Logger(label: "shoal")
        logger.logLevel = .warning
        do {
            let registry = try await Registry.open(
                directory: data, fileZones: [], logger: logger, publisher: { _ in })
            let imported: ZoneInfo
            do {
                imported = try await registry.importZone(zoneFile)
            } catch {
                await registry.close()
                throw error
            }
            await registry.close()
            print("imported zone \(imported.name): \(imported.recordCount) records, serial \(imported.serial) into \(data)")
        } catch let error as RegistryError {
            printError("\(file): \(error.message)")
            throw ExitCode.failure
        }
    }
}
