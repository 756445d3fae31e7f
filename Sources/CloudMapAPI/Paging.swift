import Foundation

/// NextToken paging over a listing in a fixed order. A token names the last item of the page
/// before (base64 of its key), so a page starts right after it even when items were added or
/// removed meanwhile; for listings sorted by key, a token whose item is gone still finds its place.
enum Paging {
    static let defaultMax = 100

    struct Page<Item> {
        var items: [Item]
        var nextToken: String?
    }

    /// `limit` is the model's MaxResults maximum; a value outside 1...limit is refused.
    static func page<Item>(
        _ items: [Item], key: (Item) -> String, token: String?, maxResults: Int?, limit: Int = 100,
        sortedByKey: Bool = true
    ) throws(CloudMapError) -> Page<Item> {
        let size = try self.size(maxResults, limit: limit)
        var start = 0
        if let token {
            guard let data = Data(base64Encoded: token), let after = String(data: data, encoding: .utf8) else {
                throw .invalidInput("NextToken '\(token)' is not one Shoal gave")
            }
            if let index = items.firstIndex(where: { key($0) == after }) {
                start = index + 1
            } else if sortedByKey {
                start = items.firstIndex { key($0) > after } ?? items.count
            } else {
                start = items.count
            }
        }
        let page = Array(items[start...].prefix(size))
        let more = start + page.count < items.count
        let next = more ? page.last.map { Data(key($0).utf8).base64EncodedString() } : nil
        return Page(items: page, nextToken: next)
    }

    static func size(_ maxResults: Int?, limit: Int) throws(CloudMapError) -> Int {
        guard let maxResults else { return min(defaultMax, limit) }
        guard (1...limit).contains(maxResults) else {
            throw .invalidInput("MaxResults \(maxResults) is not in 1...\(limit)")
        }
        return maxResults
    }
}
