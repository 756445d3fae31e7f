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

    /// The zone a file named `NAME.zone` holds: NAME (nil for other file names).
    public static func origin(ofFile path: String) throws(WireError) -> DomainName? {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        guard fileName.hasSuffix(".zone") else { return nil }
        let zoneName = String(fileName.dropLast(".zone".count))
        return try DomainName(parsing: zoneName.hasSuffix(".") ? zoneName : zoneName + ".")
    }

    /// Parses every zone file in `path`, each against the zone name its file name gives.
    /// Collects the diagnostics of every file before throwing.
    public static func load(_ path: String) throws(ZoneFileError) -> [ZoneFile] {
        try each(in: path) { $0 }
    }

    /// The zones of every zone file in `path`, as `load` reads them; each file's records are
    /// dropped once its zone is built, so only one file's are held at a time. What reading them
    /// took is handed back to the system: a server keeps only the zones.
    public static func loadZones(_ path: String) throws(ZoneFileError) -> [Zone] {
        let zones = try each(in: path) { Zone($0) }
        trimHeap()
        return zones
    }

    /// glibc's `malloc_trim(0)`, which Swift's Glibc module does not declare: without it the heap
    /// keeps the pages freed tables took while the zones were built.
    private static func trimHeap() {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
            typealias Trim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    private static func each<Result>(
        in path: String, _ body: (consuming ZoneFile) -> Result
    ) throws(ZoneFileError) -> [Result] {
        var results: [Result] = []
        var diagnostics: [ZoneFileDiagnostic] = []
        for file in try zoneFiles(in: path) {
            do {
                let origin = try origin(ofFile: file)
                let parsed = try ZoneFileParser.parse(path: file, origin: origin)
                // After a failure only the diagnostics matter.
                if diagnostics.isEmpty { results.append(body(consume parsed)) }
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
        return results
    }
}
