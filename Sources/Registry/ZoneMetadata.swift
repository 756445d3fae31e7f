/// The limits on what a zone keeps as metadata: enough for the AWS APIs' fields (a caller
/// reference, a VPC list, a description), small enough to hold in memory for every zone.
enum ZoneMetadata {
    static let maxKeys = 50
    static let maxKeyBytes = 128
    static let maxValueBytes = 4096

    static func check(_ metadata: [String: String]?) throws(RegistryError) -> [String: String] {
        guard let metadata else { return [:] }
        guard metadata.count <= maxKeys else {
            throw RegistryError(
                .invalidRequest, field: "metadata", "metadata holds \(metadata.count) keys; at most \(maxKeys)")
        }
        // Sorted, so the error names the same key every time.
        for key in metadata.keys.sorted() {
            guard !key.isEmpty else {
                throw RegistryError(.invalidRequest, field: "metadata", "a metadata key is empty")
            }
            guard key.utf8.count <= maxKeyBytes else {
                throw RegistryError(
                    .invalidRequest, field: "metadata",
                    "metadata key '\(key.prefix(40))...' is \(key.utf8.count) bytes; at most \(maxKeyBytes)")
            }
            let value = metadata[key]!
            guard value.utf8.count <= maxValueBytes else {
                throw RegistryError(
                    .invalidRequest, field: "metadata.\(key)",
                    "the value of metadata key '\(key)' is \(value.utf8.count) bytes; at most \(maxValueBytes)")
            }
        }
        return metadata
    }
}
