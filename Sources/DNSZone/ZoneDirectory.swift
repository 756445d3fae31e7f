import DNSWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder of zone files, each `NAME.zone` holding the zone NAME.
public enum ZoneDirectory {
    /// Paths of the `*.zone` files in `path`, sorted; throws when the folder cannot be read.
    public static func zoneFiles(in path: String) throws(ZoneFileError) -> [String] {
        guard let directory = opendir(path) else {
            throw ZoneFileError(diagnostics: [
                ZoneFileDiagnostic(
                    file: path, line: 0, column: 0, code: .unreadable,
                    message: "cannot read zone directory: \(String(cString: strerror(errno)))")
            ])
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".zone") && !name.hasPrefix(".") { names.append(name) }
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        return names.sorted().map { base + $0 }
    }

    /// Parses every zone file in `path`, each against the zone name its file name gives.
    /// Collects the diagnostics of every file before throwing.
    public static func load(_ path: String) throws(ZoneFileError) -> [ZoneFile] {
        var files: [ZoneFile] = []
        var diagnostics: [ZoneFileDiagnostic] = []
        for file in try zoneFiles(in: path) {
            let fileName = file.split(separator: "/").last.map(String.init) ?? file
            let zoneName = String(fileName.dropLast(".zone".count))
            do {
                let origin = try DomainName(parsing: zoneName.hasSuffix(".") ? zoneName : zoneName + ".")
                files.append(try ZoneFileParser.parse(path: file, origin: origin))
            } catch let error as ZoneFileError {
                diagnostics += error.diagnostics
            } catch {
                diagnostics.append(
                    ZoneFileDiagnostic(
                        file: file, line: 0, column: 0, code: .badName,
                        message: "file name does not give a zone name: \(error)"))
            }
        }
        guard diagnostics.isEmpty else { throw ZoneFileError(diagnostics: diagnostics) }
        return files
    }
}
