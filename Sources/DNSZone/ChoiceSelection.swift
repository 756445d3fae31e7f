/// Route 53's rules for which choices of a routing-policy set one answer draws from: only the
/// healthy ones, unless none is, in which case all of them (a fully failed group still answers).
enum ChoiceSelection {
    /// The index of the choice a weighted answer carries: at random in proportion to weight
    /// among the eligible choices; uniformly among them when every eligible weight is 0.
    static func weightedIndex(_ choices: [RecordChoice], random: inout some RandomNumberGenerator) -> Int {
        precondition(!choices.isEmpty, "a routing policy needs at least one choice")
        let anyHealthy = choices.contains(where: \.healthy)
        var total: UInt64 = 0
        var eligibleCount = 0
        for choice in choices where !anyHealthy || choice.healthy {
            total += UInt64(choice.weight)
            eligibleCount += 1
        }
        if total == 0 {
            var pick = Int.random(in: 0..<eligibleCount, using: &random)
            for (index, choice) in choices.enumerated() where !anyHealthy || choice.healthy {
                if pick == 0 { return index }
                pick -= 1
            }
        } else {
            var pick = UInt64.random(in: 0..<total, using: &random)
            for (index, choice) in choices.enumerated() where !anyHealthy || choice.healthy {
                if pick < UInt64(choice.weight) { return index }
                pick -= UInt64(choice.weight)
            }
        }
        preconditionFailure("the pick is always below the eligible total")
    }

    /// The indexes of the choices a multivalue answer draws from, in a fresh random order.
    static func multivalueOrder(_ choices: [RecordChoice], random: inout some RandomNumberGenerator) -> [Int] {
        let anyHealthy = choices.contains(where: \.healthy)
        var order = choices.indices.filter { !anyHealthy || choices[$0].healthy }
        order.shuffle(using: &random)
        return order
    }
}
