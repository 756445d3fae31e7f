import DNSWire

/// RFC 1034 4.3.2 inside one zone, with RFC 2308 negative answers and RFC 4592 wildcards.
extension Zone {
    /// CNAMEs followed in one answer before giving up (loops stop sooner, by name).
    static let maxCNAMEChain = 16

    /// An answer whose routing-policy sets are selected with the system's generator.
    public func answer(name: DomainName, type: RRType) -> Answer {
        var random = SystemRandomNumberGenerator()
        return answer(name: name, type: type, random: &random)
    }

    /// The answer to one question; `random` picks among the choices of routing-policy sets.
    public func answer(name: DomainName, type: RRType, random: inout some RandomNumberGenerator) -> Answer {
        var answer = Answer()
        var current = name
        var visited: Set<DomainName> = []
        while true {
            if let cut = delegation(above: current) {
                // Past the first CNAME we are already authoritative for the chain so far.
                if answer.answer.isEmpty { answerReferral(cut, into: &answer, random: &random) }
                return answer
            }
            guard let (owner, node) = findNode(current) else {
                answerNXDomain(into: &answer)
                return answer
            }
            if type != .cname, type != .any, let stored = node.rrset(.cname) {
                guard let cname = selected(stored, random: &random) else {
                    answerNoData(into: &answer)
                    return answer
                }
                answer.answer.append(Answer.Entry(owner: owner, rrset: cname))
                guard case .cname(let target) = cname.rdatas[0] else { return answer }
                visited.insert(current)
                guard target.isSubdomain(of: origin), !visited.contains(target),
                    visited.count < Self.maxCNAMEChain
                else {
                    addAdditionals(for: answer.answer, into: &answer, random: &random)
                    return answer
                }
                current = target
                continue
            }
            let answeredBefore = answer.answer.count
            if type == .any {
                for stored in node.rrsets {
                    if let set = selected(stored, random: &random) {
                        answer.answer.append(Answer.Entry(owner: owner, rrset: set))
                    }
                }
            } else if let stored = node.rrset(type), let set = selected(stored, random: &random) {
                answer.answer.append(Answer.Entry(owner: owner, rrset: set))
            }
            guard answer.answer.count > answeredBefore else {
                answerNoData(into: &answer)
                return answer
            }
            addAdditionals(for: answer.answer, into: &answer, random: &random)
            return answer
        }
    }

    /// The node for `name`, or the wildcard that covers it (RFC 4592 3.3.1) under the name
    /// to answer with. Nil when the name does not exist.
    func findNode(_ name: DomainName) -> (DomainName, ZoneNode)? {
        if let node = node(name) { return (name, node) }
        var encloser = name.parent
        while let candidate = encloser, candidate.isSubdomain(of: origin) {
            if node(candidate) != nil {
                guard let wildcardName = candidate.prepending(label: [UInt8(ascii: "*")]),
                    let wildcard = node(wildcardName)
                else { return nil }
                return (name, wildcard)
            }
            encloser = candidate.parent
        }
        return nil
    }

    /// The closest zone cut at or above `name` and below the apex, if any.
    func delegation(above name: DomainName) -> RRSet? {
        let apexLabels = originLabels
        let labels = name.labelCount
        guard labels > apexLabels, delegationCount > 0 else { return nil }
        for depth in (apexLabels + 1)...labels {
            let ancestor = name.suffix(labels: depth)
            guard let node = node(ancestor) else { return nil }
            if let ns = node.rrset(.ns) { return ns }
        }
        return nil
    }

    func answerReferral(_ cut: RRSet, into answer: inout Answer, random: inout some RandomNumberGenerator) {
        answer.authoritative = false
        guard let cut = selected(cut, random: &random) else { return }
        answer.authority.append(Answer.Entry(cut))
        addAddresses(of: cut.rdatas.compactMap(\.additionalTarget), into: &answer, random: &random)
    }

    func answerNXDomain(into answer: inout Answer) {
        answer.rcode = .nameError
        answer.authority.append(Answer.Entry(negativeSOA))
    }

    func answerNoData(into answer: inout Answer) {
        answer.authority.append(Answer.Entry(negativeSOA))
    }

    /// In-zone A and AAAA records of the NS, MX and SRV targets in `entries`, selected like answers.
    func addAdditionals(
        for entries: [Answer.Entry], into answer: inout Answer, random: inout some RandomNumberGenerator
    ) {
        let targets = entries.flatMap { $0.rrset.rdatas.compactMap(\.additionalTarget) }
        addAddresses(of: targets, into: &answer, random: &random)
    }

    func addAddresses(
        of targets: [DomainName], into answer: inout Answer, random: inout some RandomNumberGenerator
    ) {
        var seen: Set<DomainName> = []
        for target in targets where target.isSubdomain(of: origin) && seen.insert(target).inserted {
            let alreadyAnswered = answer.answer.contains { $0.owner == target }
            guard !alreadyAnswered, let node = node(target) else { continue }
            for type in [RRType.a, .aaaa] {
                if let stored = node.rrset(type), let set = selected(stored, random: &random) {
                    answer.additional.append(Answer.Entry(set))
                }
            }
        }
    }
}
