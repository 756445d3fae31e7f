import Registry

/// One page of ListResourceRecordSets: the sets in Route 53's order from a start key on, and
/// the set the next page starts at.
struct RecordPaging {
    let sorted: [(key: RecordOrder.SetKey, set: RecordSetInfo)]

    init(_ sets: [RecordSetInfo]) {
        sorted = sets.map {
            (key: RecordOrder.SetKey(name: $0.name, type: $0.type, identifier: $0.setIdentifier), set: $0)
        }
        .sorted { $0.key < $1.key }
    }

    /// At most `maxItems` sets from the first at or after `start`. A page never ends between
    /// two sets with the same key (sets of one name and type from different sources, which no
    /// identifier tells apart), since the next page could not start at the second: it ends
    /// before them, or, when they begin the page, runs past `maxItems` to hold them all.
    func page(from start: RecordOrder.SetKey?, maxItems: Int) -> (sets: [RecordSetInfo], next: RecordSetInfo?) {
        let first = start.map { start in sorted.firstIndex { !($0.key < start) } ?? sorted.count } ?? 0
        var end = min(first + maxItems, sorted.count)
        if end < sorted.count, end > first, sorted[end - 1].key == sorted[end].key {
            let key = sorted[end].key
            let groupStart = sorted[first..<end].firstIndex { $0.key == key } ?? end
            if groupStart > first {
                end = groupStart
            } else {
                while end < sorted.count && sorted[end].key == key { end += 1 }
            }
        }
        return (sorted[first..<end].map(\.set), end < sorted.count ? sorted[end].set : nil)
    }
}
