import DNSWire

/// Turns an `Answer` into bytes: header, question in the client's case, sections cut at an
/// RRset boundary when they do not fit (RFC 2181 9), rotation, and the OPT record last.
extension Responder {
    /// Bytes an OPT record without options takes.
    static let optRecordSize = 11

    func write(_ header: Header, question: Question? = nil, rcode: ResponseCode, edns: EDNS? = nil) {
        var noRotation: UInt32? = nil
        write(header, question: question, answer: .error(rcode), edns: edns, limit: 65_535, rotation: &noRotation)
    }

    /// `start` is where rotated RRsets begin: taken from the shared counter the first time a set
    /// of more than one record needs it, then the same for every set of the message.
    func write(
        _ header: Header, question: Question?, answer: Answer, edns: EDNS?, limit: Int, rotation start: inout UInt32?
    ) {
        var header = header
        header.isAuthoritative = answer.authoritative
        header.rcodeLow = UInt8(answer.rcode.rawValue & 0x0F)
        header.encode(into: &writer)
        if let question {
            question.encode(into: &writer)
            header.questionCount = 1
        }
        let room = limit - (edns == nil ? 0 : Self.optRecordSize)
        var complete = true
        header.answerCount = writeSection(answer.answer, room: room, rotation: &start, complete: &complete)
        if complete {
            header.authorityCount = writeSection(answer.authority, room: room, rotation: &start, complete: &complete)
        }
        if complete {
            var additionalsComplete = true
            header.additionalCount = writeSection(
                answer.additional, room: room, rotation: &start, complete: &additionalsComplete)
            // A referral without its glue is no use to a resolver (RFC 9471).
            if !additionalsComplete && !answer.authoritative && !answer.authority.isEmpty { complete = false }
        }
        header.isTruncated = !complete
        if var edns {
            edns.extendedRcode = UInt8(answer.rcode.rawValue >> 4)
            edns.record.encode(into: &writer)
            header.additionalCount += 1
        }
        writer.setUInt16(header.flags, at: 2)
        writer.setUInt16(header.questionCount, at: 4)
        writer.setUInt16(header.answerCount, at: 6)
        writer.setUInt16(header.authorityCount, at: 8)
        writer.setUInt16(header.additionalCount, at: 10)
    }

    /// Writes whole RRsets while they fit in `room`; returns the number of records written.
    func writeSection(
        _ entries: [Answer.Entry], room: Int, rotation start: inout UInt32?, complete: inout Bool
    ) -> UInt16 {
        var written: UInt16 = 0
        for entry in entries {
            let mark = writer.count
            let count = entry.rrset.rdatas.count
            arrange(count, rotation: &start)
            for index in order {
                writer.writeName(entry.owner)
                writer.writeUInt16(entry.rrset.type.rawValue)
                writer.writeUInt16(RRClass.in.rawValue)
                writer.writeUInt32(entry.rrset.ttl)
                let lengthAt = writer.count
                writer.writeUInt16(0)
                entry.rrset.rdatas[index].encode(into: &writer)
                writer.setUInt16(UInt16(writer.count - lengthAt - 2), at: lengthAt)
            }
            guard writer.count <= room else {
                writer.truncate(to: mark)
                complete = false
                return written
            }
            written += UInt16(count)
        }
        return written
    }

    /// Fills `order` with the record indexes of an RRset of `count` records, in the order
    /// the configuration asks for.
    func arrange(_ count: Int, rotation start: inout UInt32?) {
        order.removeAll(keepingCapacity: true)
        switch configuration.rrsetOrder {
        case .fixed:
            order.append(contentsOf: 0..<count)
        case .rotate:
            let first = count > 1 ? Int(rotationStart(&start) % UInt32(count)) : 0
            order.append(contentsOf: first..<count)
            order.append(contentsOf: 0..<first)
        case .random:
            order.append(contentsOf: 0..<count)
            order.shuffle(using: &random)
        }
    }

    /// The rotation start of the message being written, taken from the shared counter once.
    func rotationStart(_ start: inout UInt32?) -> UInt32 {
        if let start { return start }
        let taken = rotation.next()
        start = taken
        return taken
    }
}
