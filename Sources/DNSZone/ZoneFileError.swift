/// Why a zone file was refused: every diagnostic found, in file order, at most
/// `ZoneFileLoader.maxDiagnostics` of them.
public struct ZoneFileError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [ZoneFileDiagnostic]

    public init(diagnostics: [ZoneFileDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line, the way compilers print them.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
