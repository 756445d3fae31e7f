import DNSWire

/// The fast path: common queries answered from pre-rendered sets with no allocation. Phase one
/// (`QueryHead`, `ZoneSetStorage.zoneIndex`, `FastZone.plan`) decides the answer; phase two, here, writes it
/// exactly as `write(_:question:answer:edns:limit:rotation:)` would write the same `Answer`:
/// the same compression (`FixedWireWriter`), record order, truncation at an RRset boundary and OPT.
extension Responder {
    /// Writes the reply to `query` at `output` (room for any message) and returns its length, or
    /// returns nil when the general path must answer. `rotation` carries a rotation start taken
    /// already, for the general path to reuse.
    func respondFast(
        to query: UnsafeRawBufferPointer, overTCP: Bool, into output: UnsafeMutableRawPointer,
        rotation: inout UInt32?
    ) -> Int? {
        guard let head = QueryHead(query) else { return nil }
        return workspace._withUnsafeGuaranteedRef { workspace in
            workspace.withWriter(base: output, capacity: QueryScratch.messageSize) { writer in
                answer(head, query, overTCP: overTCP, into: &writer, rotation: &rotation)
            }
        }
    }

    /// Phase one, after the question's checks: the question written, the zone found, the answer planned.
    func answer(
        _ head: QueryHead, _ query: UnsafeRawBufferPointer, overTCP: Bool, into writer: inout FixedWireWriter,
        rotation: inout UInt32?
    ) -> Int? {
        var plan = FastPlan(scratch)
        let questionName = query.baseAddress! + QueryHead.nameOffset
        guard let question = plan.copy(questionName) else { return nil }
        writer.writeUInt16(head.id)
        // Flags and counts, filled in once the sections are written.
        writer.writeUInt16(0)
        writer.writeUInt32(0)
        writer.writeUInt32(0)
        // In the client's case, with the suffix hashes the plan just made.
        writer.writeName(questionName, labels: plan.labels, starts: plan.starts, hashes: plan.hashes)
        writer.writeUInt16(head.type)
        writer.writeUInt16(RRClass.in.rawValue)
        // The responder holds the snapshot for the whole call, so it is borrowed, not counted.
        return storage._withUnsafeGuaranteedRef { zones in
            guard let zoneIndex = zones.zoneIndex(of: question, plan) else {
                plan.authoritative = false
                plan.rcode = UInt8(ResponseCode.refused.rawValue)
                return finish(head, plan, zone: nil, overTCP: overTCP, into: &writer, rotation: &rotation)
            }
            return zones.fast[zoneIndex]._withUnsafeGuaranteedRef { zone in
                plan.apex = plan.suffix(of: question, labels: zone.originLabels)
                guard zone.plan(type: head.type, question: question, into: &plan) else { return nil }
                return finish(head, plan, zone: zone, overTCP: overTCP, into: &writer, rotation: &rotation)
            }
        }
    }

    /// Phase two: the planned sections, the OPT record and the header; nil when the general path
    /// must answer after all.
    func finish(
        _ head: QueryHead, _ plan: FastPlan, zone: FastZone?, overTCP: Bool,
        into writer: inout FixedWireWriter, rotation: inout UInt32?
    ) -> Int? {
        // Restored if the general path takes over after all, so it shuffles as if first.
        let generator = configuration.rrsetOrder == .random ? random : nil
        let limit =
            overTCP ? 65_535 : head.hasEDNS ? Int(min(max(head.udpPayloadSize, 512), configuration.maxUDPPayload)) : 512
        let room = limit - (head.hasEDNS ? Self.optRecordSize : 0)
        var complete = true
        let answers = write(plan, plan.answerRange, room: room, into: &writer, rotation: &rotation, complete: &complete)
        var authority = 0
        // Read through the optional: binding `zone` would count a reference.
        if complete, plan.negative, let soaRecord = zone?.soaRecord, let negativeTTL = zone?.negativeTTL {
            authority = writeNegativeSOA(
                soaRecord, ttl: negativeTTL, apex: plan.apex, plan, room: room, into: &writer, complete: &complete)
        }
        var additional = 0
        if complete {
            // Authoritative answers keep TC clear when additional sets do not fit.
            var additionalsComplete = true
            additional = write(
                plan, plan.additionalRange, room: room, into: &writer, rotation: &rotation,
                complete: &additionalsComplete)
        }
        if head.hasEDNS {
            writer.writeUInt8(0)
            writer.writeUInt16(RRType.opt.rawValue)
            writer.writeUInt16(configuration.maxUDPPayload)
            writer.writeUInt32(head.dnssecOK ? 0x8000 : 0)
            writer.writeUInt16(0)
            additional += 1
        }
        // A name table that filled up may have compressed differently: the general path answers.
        guard !writer.tableFull, !writer.overflowed else {
            if let generator { random = generator }
            return nil
        }
        var flags = 0x8000 | head.copiedFlags | UInt16(plan.rcode & 0x0F)
        if plan.authoritative { flags |= 0x0400 }
        if !complete { flags |= 0x0200 }
        writer.setUInt16(flags, at: 2)
        writer.setUInt16(1, at: 4)
        writer.setUInt16(UInt16(answers), at: 6)
        writer.setUInt16(UInt16(authority), at: 8)
        writer.setUInt16(UInt16(additional), at: 10)
        return writer.count
    }

    /// Writes the plan's sets in `range` while they fit in `room`; returns the records written.
    func write(
        _ plan: FastPlan, _ range: Range<Int>, room: Int, into writer: inout FixedWireWriter,
        rotation: inout UInt32?, complete: inout Bool
    ) -> Int {
        var written = 0
        for index in range {
            let entry = plan.entries[index]
            let mark = writer.count
            let set = entry.node.set(at: entry.set)
            writeRecords(of: set, owner: entry.owner, plan, into: &writer, rotation: &rotation)
            let count = set.count
            guard !writer.overflowed, writer.count <= room else {
                writer.truncate(to: mark)
                complete = false
                return written
            }
            written += count
        }
        return written
    }

    /// The zone's SOA (`soaRecord`: RDLENGTH and RDATA) in the authority section of a negative
    /// answer; its owner is the apex the question ends with (`apex`), equal to the zone's but for case.
    func writeNegativeSOA(
        _ soaRecord: UnsafeRawPointer, ttl: UInt32, apex: NameRef, _ plan: FastPlan, room: Int,
        into writer: inout FixedWireWriter, complete: inout Bool
    ) -> Int {
        let mark = writer.count
        writer.writeName(plan.bytes(apex), length: apex.length, hash: apex.hash)
        writer.writeUInt16(RRType.soa.rawValue)
        writer.writeUInt16(RRClass.in.rawValue)
        writer.writeUInt32(ttl)
        Self.writeData(ofType: RRType.soa.rawValue, record: soaRecord, into: &writer)
        guard !writer.overflowed, writer.count <= room else {
            writer.truncate(to: mark)
            complete = false
            return 0
        }
        return 1
    }
}

extension FastPlan {
    var answerRange: Range<Int> { 0..<answerCount }
    var additionalRange: Range<Int> { answerCount..<entryCount }
}
