/// How a list filter (NamespaceFilter, ServiceFilter, OperationFilter) compares values:
/// EQ (the default, one value), IN (any of the values), BEGINS_WITH (one value).
extension Filter {
    var condition: String { Condition ?? "EQ" }

    /// Refuses a condition this filter's name does not take, or the wrong number of values.
    func check(conditions: Set<String>) throws(CloudMapError) {
        guard conditions.contains(condition) else {
            throw .invalidInput("Condition \(condition) is not supported for filter \(Name)")
        }
        guard !Values.isEmpty else { throw .invalidInput("filter \(Name) has no Values") }
        if condition == "EQ" || condition == "BEGINS_WITH", Values.count != 1 {
            throw .invalidInput("filter \(Name) with Condition \(condition) takes exactly one value")
        }
        if condition == "BETWEEN", Values.count != 2 {
            throw .invalidInput("filter \(Name) with Condition BETWEEN takes a start and an end")
        }
    }

    func accepts(_ value: String) -> Bool {
        switch condition {
        case "BEGINS_WITH": value.hasPrefix(Values[0])
        default: Values.contains(value)
        }
    }
}
