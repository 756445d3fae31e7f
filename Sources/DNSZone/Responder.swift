import DNSWire

/// The single entry point of the query path: query bytes in, response bytes out, no sockets.
/// Each worker owns one; it keeps its buffers between queries. Common queries take the fast path
/// (no allocation: `Responder+FastPath`); everything else, and anything the fast path declines,
/// takes the general path, whose bytes the fast path reproduces exactly.
public final class Responder {
    public var zones: ZoneSet {
        didSet { storage = Unmanaged.passUnretained(zones.storage) }
    }
    /// `zones`' storage, which `zones` keeps alive: the fast path borrows it without counting.
    private(set) var storage: Unmanaged<ZoneSetStorage>
    let configuration: ResponderConfiguration
    let rotation: RotationCounter
    var writer = WireWriter(capacity: 65_535)
    var random = SplitMix64(seed: UInt64.random(in: 0...UInt64.max))
    var order: [Int] = []
    let scratch = QueryScratch()
    /// `scratch.names`, which `scratch` keeps alive: borrowed per query without counting.
    let workspace: Unmanaged<FixedWireWriter.Workspace>

    public init(zones: ZoneSet, configuration: ResponderConfiguration = .init(), rotation: RotationCounter = .init()) {
        self.zones = zones
        self.storage = Unmanaged.passUnretained(zones.storage)
        self.workspace = Unmanaged.passUnretained(scratch.names)
        self.configuration = configuration
        self.rotation = rotation
    }

    /// Writes the response to `query` into `response` and returns its length; 0 when the
    /// query gets no reply (too short to answer, or itself a response).
    public func respond(
        to query: UnsafeRawBufferPointer, overTCP: Bool, into response: UnsafeMutableRawBufferPointer
    ) -> Int {
        // The fast path writes in place when the caller's buffer can hold any message.
        let inPlace = response.count >= QueryScratch.messageSize
        let output = inPlace ? response.baseAddress! : scratch.message
        var rotationStart: UInt32? = nil
        if let length = respondFast(to: query, overTCP: overTCP, into: output, rotation: &rotationStart) {
            let copied = min(length, response.count)
            if !inPlace { response.baseAddress!.copyMemory(from: output, byteCount: copied) }
            return copied
        }
        guard build(query, overTCP: overTCP, rotation: &rotationStart) else { return 0 }
        let length = min(writer.count, response.count)
        writer.bytes.withUnsafeBytes { response.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<length])) }
        return length
    }

    /// The response to `query` as bytes, or nil for no reply.
    public func respond(to query: [UInt8], overTCP: Bool = false) -> [UInt8]? {
        let message = UnsafeMutableRawBufferPointer(start: scratch.message, count: QueryScratch.messageSize)
        let length = query.withUnsafeBytes { respond(to: $0, overTCP: overTCP, into: message) }
        return length == 0 ? nil : Array(UnsafeRawBufferPointer(rebasing: message[..<length]))
    }

    /// The general path's response to `query`, or nil for no reply.
    func respondGenerally(to query: [UInt8], overTCP: Bool = false) -> [UInt8]? {
        var rotationStart: UInt32? = nil
        let built = query.withUnsafeBytes { build($0, overTCP: overTCP, rotation: &rotationStart) }
        return built ? writer.bytes : nil
    }

    /// The general path: leaves the response in `writer`; false when nothing is to be sent.
    /// `rotation` is the rotation start this response uses, if one was taken already.
    func build(_ query: UnsafeRawBufferPointer, overTCP: Bool, rotation: inout UInt32?) -> Bool {
        writer.reset()
        guard query.count >= Header.size else { return false }
        var reader = WireReader(query)
        guard let header = try? Header(from: &reader), !header.isResponse else { return false }
        var reply = Header()
        reply.id = header.id
        reply.isResponse = true
        reply.opcode = header.opcode
        reply.recursionDesired = header.recursionDesired
        reply.checkingDisabled = header.checkingDisabled

        guard header.questionCount == 1, let question = try? Question(from: &reader) else {
            write(reply, rcode: header.opcode == .query ? .formatError : .notImplemented)
            return true
        }
        guard header.opcode == .query else {
            write(reply, question: question, rcode: .notImplemented)
            return true
        }
        let requestEDNS: EDNS?
        do {
            requestEDNS = try Self.readEDNS(header, &reader)
        } catch {
            write(reply, question: question, rcode: .formatError)
            return true
        }
        let udpLimit = requestEDNS.map { min(max($0.udpPayloadSize, 512), configuration.maxUDPPayload) } ?? 512
        let limit = overTCP ? 65_535 : Int(udpLimit)
        let replyEDNS = requestEDNS.map { EDNS(udpPayloadSize: configuration.maxUDPPayload, dnssecOK: $0.dnssecOK) }
        if let requestEDNS, requestEDNS.version > 0 {
            write(reply, question: question, rcode: .badVersion, edns: replyEDNS)
            return true
        }
        write(reply, question: question, answer: answer(question), edns: replyEDNS, limit: limit, rotation: &rotation)
        return true
    }

    /// The query's OPT record, if any. Throws when the rest of the message is malformed,
    /// has two OPT records, or an OPT not owned by the root.
    static func readEDNS(_ header: Header, _ reader: inout WireReader) throws(WireError) -> EDNS? {
        var found: EDNS? = nil
        let records = Int(header.answerCount) + Int(header.authorityCount) + Int(header.additionalCount)
        guard records * 11 <= reader.remaining else { throw WireError(.countMismatch, at: reader.offset) }
        for index in 0..<records {
            let record = try ResourceRecord(from: &reader)
            guard record.type == .opt else { continue }
            let inAdditional = index >= Int(header.answerCount) + Int(header.authorityCount)
            guard inAdditional, found == nil, record.name.isRoot else { throw WireError(.badRData, at: reader.offset) }
            found = EDNS(record)
        }
        return found
    }

    func answer(_ question: Question) -> Answer {
        guard question.rrClass == .in else { return .refused() }
        switch question.type {
        case .axfr, .ixfr:
            return .refused()
        case .opt:
            return .error(.formatError)
        case let type where type.isMeta && type != .any:
            return .error(.notImplemented)
        default:
            guard let zone = zones.zone(for: question.name) else { return .refused() }
            return zone.answer(name: question.name, type: question.type, random: &random)
        }
    }
}
