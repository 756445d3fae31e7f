/// How DNS picks from the choices of one name and type (Route 53's routing policies).
public enum RoutingPolicy: String, Hashable, Sendable {
    /// One choice per answer, at random in proportion to its weight.
    case weighted
    /// Up to eight healthy records, chosen at random.
    case multivalue
}
