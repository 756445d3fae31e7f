/// Where an alias set points: a name in the same zone (relative or absolute), whose set of
/// the alias's type DNS answers under the alias's name.
public struct AliasTarget: Codable, Sendable, Equatable {
    public var name: String
    public var evaluateTargetHealth: Bool?

    public init(name: String, evaluateTargetHealth: Bool? = nil) {
        self.name = name
        self.evaluateTargetHealth = evaluateTargetHealth
    }
}
