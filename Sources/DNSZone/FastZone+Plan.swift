import DNSWire

/// Phase one of the fast path: RFC 1034 4.3.2 for the common cases, deciding what
/// `answer(name:type:random:)` decides, but over name hashes and pre-rendered sets. False means
/// "let the general path answer": a zone cut or a wildcard in play, a set selected per answer,
/// or no room left in the scratch.
extension FastZone {
    static let cnameType = RRType.cname.rawValue
    static let maxCNAMEChain = Zone.maxCNAMEChain

    /// Plans the answer to `question` (the name `plan` copied last) of `type`.
    func plan(type: UInt16, question: NameRef, into plan: inout FastPlan) -> Bool {
        var current = question
        while true {
            if delegationCount > 0 && isBelowCut(current, plan) {
                // Past the first CNAME the chain so far is the answer, as the general path gives it.
                return plan.answerCount > 0
            }
            guard let node = node(current.hash, wire: plan.bytes(current), length: current.length) else {
                guard wildcardCount == 0 else { return false }
                plan.rcode = UInt8(ResponseCode.nameError.rawValue)
                plan.negative = true
                return true
            }
            if type != Self.cnameType, let index = node.index(ofType: Self.cnameType) {
                guard !node.set(at: index).isBoxed,
                    let target = plan.copy(node.set(at: index).records + 2),
                    plan.append(node, set: index, owner: current, additional: false)
                else { return false }
                // A chain leaving the zone, looping, or too long ends here, as in `answer`.
                guard contains(target, plan), !plan.ownsAnAnswer(target), plan.answerCount < Self.maxCNAMEChain
                else { return true }
                current = target
                continue
            }
            guard let index = node.index(ofType: type) else {
                plan.negative = true
                return true
            }
            guard !node.set(at: index).isBoxed, plan.append(node, set: index, owner: current, additional: false)
            else { return false }
            return planAdditionals(type: type, into: &plan)
        }
    }

    /// True when a zone cut lies at or above `name` (the name `plan` copied last), below the apex.
    func isBelowCut(_ name: NameRef, _ plan: FastPlan) -> Bool {
        guard plan.labels > originLabels else { return false }
        for depth in (originLabels + 1)...plan.labels {
            let label = plan.labels - depth
            let start = Int(plan.starts[label])
            guard let ancestor = node(plan.hashes[label], wire: plan.bytes(name) + start, length: name.length - start)
            else { return false }
            if ancestor.index(ofType: RRType.ns.rawValue) != nil { return true }
        }
        return false
    }

    /// True when `name` (the name `plan` copied last) is the apex or below it.
    func contains(_ name: NameRef, _ plan: FastPlan) -> Bool {
        let extra = plan.labels - originLabels
        guard extra >= 0, plan.hashes[extra] == plan.apex.hash else { return false }
        let start = Int(plan.starts[extra])
        return name.length - start == plan.apex.length
            && NameHash.equalNames(plan.bytes(name) + start, plan.bytes(plan.apex), length: plan.apex.length)
    }

    /// The in-zone A and AAAA sets of the NS, MX or SRV targets of the last answer set, each
    /// target once and none that owns an answer, as `addAdditionals` picks them.
    func planAdditionals(type: UInt16, into plan: inout FastPlan) -> Bool {
        let targetOffset: Int
        switch RRType(rawValue: type) {
        case .ns: targetOffset = 0
        case .mx: targetOffset = 2
        case .srv: targetOffset = 6
        default: return true
        }
        let holder = plan.entries[plan.answerCount - 1]
        let set = holder.node.set(at: holder.set)
        var offset = 0
        for _ in 0..<set.count {
            let target = set.records + offset + 2 + targetOffset
            offset += 2 + set.rdataLength(at: offset)
            guard addAddresses(of: target, into: &plan) else { return false }
        }
        return true
    }

    /// Plans the address sets of one additional-section target; false when the plan cannot go on.
    func addAddresses(of targetWire: UnsafeRawPointer, into plan: inout FastPlan) -> Bool {
        guard let target = plan.copy(targetWire) else { return false }
        var full = false
        guard contains(target, plan), plan.firstSighting(target, full: &full) else {
            plan.drop(target)
            return !full
        }
        guard !plan.ownsAnAnswer(target), let node = node(target.hash, wire: plan.bytes(target), length: target.length)
        else { return true }
        let a = node.index(ofType: RRType.a.rawValue)
        let aaaa = node.index(ofType: RRType.aaaa.rawValue)
        guard a != nil || aaaa != nil else { return true }
        // Equal to the target but for case, so it hashes the same.
        guard let owner = plan.copy(node.name, length: node.nameLength, hash: target.hash) else { return false }
        return Self.add(a, of: node, owner: owner, into: &plan) && Self.add(aaaa, of: node, owner: owner, into: &plan)
    }

    /// Plans the set at `index` of `node` in the additional section, when there is one.
    static func add(_ index: Int?, of node: NodeWire, owner: NameRef, into plan: inout FastPlan) -> Bool {
        guard let index else { return true }
        return !node.set(at: index).isBoxed && plan.append(node, set: index, owner: owner, additional: true)
    }
}
