extension DomainName: Comparable {
    /// RFC 4034 section 6.1 canonical order: compare label by label from the right,
    /// each label as lowercased octets.
    public static func < (lhs: DomainName, rhs: DomainName) -> Bool {
        let left = lhs.labels
        let right = rhs.labels
        for (a, b) in zip(left.reversed(), right.reversed()) {
            let la = a.map(lower)
            let lb = b.map(lower)
            if la != lb { return la.lexicographicallyPrecedes(lb) }
        }
        return left.count < right.count
    }
}
