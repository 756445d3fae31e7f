/// The order in which a multi-record RRset is written, for simple load spreading.
public enum RRsetOrder: String, Sendable, CaseIterable {
    /// Each query starts one record further on than the one before.
    case rotate
    /// A fresh random order per answer.
    case random
    /// The order of the zone file, always.
    case fixed
}
