/// One RRset a fast answer writes: which set of which node, under which owner.
struct PlanEntry {
    /// The node's block, alive for the query: the responder holds the zone set it came from.
    var node: NodeWire
    /// The set's index in the node's block.
    var set: Int
    var owner: NameRef
}
