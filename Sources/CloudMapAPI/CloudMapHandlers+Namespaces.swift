import Registry
import Route53API

/// Private DNS namespaces: each one a managed zone marked by its metadata, which the Route 53
/// API lists as a private hosted zone.
extension CloudMapHandlers {
    /// How far back the change history is read: the most `registry.changes` gives.
    static let historyLimit = 1000

    func createPrivateDnsNamespace(_ input: CreatePrivateDnsNamespaceRequest, _ caller: Caller) async throws
        -> OperationIdResponse
    {
        guard !input.Vpc.isEmpty else { throw CloudMapError.invalidInput("Vpc is empty") }
        let name = CloudMapID.normalized(input.Name)
        // A retry with the same CreatorRequestId is the same operation, as AWS's idempotency has it.
        if let requestId = input.CreatorRequestId,
            let earlier = await namespaces().first(where: { $0.metadata[Metadata.creatorRequestId] == requestId })
        {
            let operation = try await creation(of: earlier)
            guard earlier.name == name else {
                throw CloudMapError(
                    "DuplicateRequest",
                    "CreatorRequestId '\(requestId)' was used for namespace \(earlier.name) already",
                    members: operation.map { ["DuplicateOperationId": $0] } ?? [:])
            }
            if let operation { return OperationIdResponse(OperationId: operation) }
        }
        let id = CloudMapID.namespace(zone: name)
        // A namespace is a private hosted zone to the Route 53 API, with the namespace's VPC.
        var metadata = HostedZoneMetadata.make(
            callerReference: input.CreatorRequestId ?? id, privateZone: true,
            vpcs: [VPCShape(VPCRegion: caller.region, VPCId: input.Vpc)])
        metadata[Metadata.namespaceType] = Metadata.privateDNS
        metadata[Metadata.namespaceARN] = caller.namespaceARN(id)
        metadata[Metadata.vpc] = input.Vpc
        metadata[Metadata.description] = input.Description
        metadata[Metadata.creatorRequestId] = input.CreatorRequestId
        let soa = input.Properties.map { SOASpec(ttl: $0.DnsProperties.SOA.TTL) }
        let info: ZoneInfo
        do {
            info = try await registry.createZone(ZoneSpec(name: input.Name, soa: soa, metadata: metadata))
        } catch {
            guard error.code == .zoneExists else { throw error }
            // The same request, sent twice at once: the second gets what the first made.
            if let requestId = input.CreatorRequestId, let zone = try? await registry.zone(named: name),
                Self.isNamespace(zone), zone.metadata[Metadata.creatorRequestId] == requestId,
                let operation = try await creation(of: zone)
            {
                return OperationIdResponse(OperationId: operation)
            }
            throw await alreadyExists(name)
        }
        guard let changeId = info.changeId else {
            throw CloudMapError(
                "InternalFailure", "the registry gave no change for zone \(info.name)", status: .internalServerError)
        }
        return OperationIdResponse(OperationId: changeId)
    }

    func getNamespace(_ input: NamespaceIdRequest, _ caller: Caller) async throws -> GetNamespaceResponse {
        GetNamespaceResponse(Namespace: try await shape(try await namespace(id: input.Id), caller, summary: false))
    }

    /// In name order; filters TYPE, NAME, HTTP_NAME (EQ, BEGINS_WITH) and RESOURCE_OWNER.
    func listNamespaces(_ input: ListNamespacesRequest, _ caller: Caller) async throws -> ListNamespacesResponse {
        var zones = await namespaces()
        for filter in input.Filters ?? [] {
            switch filter.Name {
            case "TYPE":
                try filter.check(conditions: ["EQ", "BEGINS_WITH"])
                if !filter.accepts(Metadata.privateDNS) { zones = [] }
            case "NAME", "HTTP_NAME":
                try filter.check(conditions: ["EQ", "BEGINS_WITH"])
                // Names compare as the registry keeps them: lower case, no trailing dot.
                var byName = filter
                byName.Values = filter.Values.map {
                    filter.condition == "EQ" ? CloudMapID.normalized($0) : $0.lowercased()
                }
                zones = zones.filter { byName.accepts($0.name) }
            case "RESOURCE_OWNER":
                try filter.check(conditions: ["EQ"])
                if !filter.accepts("SELF") { zones = [] }
            default:
                throw CloudMapError.invalidInput(
                    "filter Name '\(filter.Name)' is not one of TYPE, NAME, HTTP_NAME, RESOURCE_OWNER")
            }
        }
        let page = try Paging.page(zones, key: \.name, token: input.NextToken, maxResults: input.MaxResults)
        var shapes: [Namespace] = []
        for zone in page.items { shapes.append(try await shape(zone, caller, summary: true)) }
        return ListNamespacesResponse(Namespaces: shapes, NextToken: page.nextToken)
    }

    /// Refused with ResourceInUse while the namespace has services, or records Cloud Map did not make.
    func deleteNamespace(_ input: NamespaceIdRequest, _ caller: Caller) async throws -> OperationIdResponse {
        let zone = try await namespace(id: input.Id)
        let services = try await registry.services(zone: zone.name)
        guard services.isEmpty else {
            throw CloudMapError(
                "ResourceInUse",
                "Namespace \(input.Id) still has \(services.count) service(s): \(services.map(\.name).joined(separator: ", "))"
            )
        }
        do {
            return OperationIdResponse(
                OperationId: try await registry.deleteZone(named: zone.name, force: false).changeId)
        } catch {
            guard error.code == .zoneNotEmpty else { throw error }
            throw CloudMapError(
                "ResourceInUse",
                "the hosted zone of namespace \(input.Id) holds records Cloud Map did not make; delete them first")
        }
    }

    func shape(_ zone: ZoneInfo, _ caller: Caller, summary: Bool) async throws -> Namespace {
        let id = CloudMapID.namespace(zone: zone.name)
        return Namespace(
            Id: id, Arn: caller.namespaceARN(id), ResourceOwner: CloudMapID.account, Name: zone.name,
            Type: Metadata.privateDNS, Description: zone.metadata[Metadata.description],
            ServiceCount: try await registry.services(zone: zone.name).count,
            Properties: NamespaceProperties(
                DnsProperties: DnsProperties(
                    HostedZoneId: HostedZoneID.make(zone: zone.name), SOA: SOA(TTL: Int64(zone.soa.ttl))),
                HttpProperties: HttpProperties(HttpName: zone.name)),
            CreateDate: Self.epoch(zone.createdAt),
            CreatorRequestId: summary ? nil : zone.metadata[Metadata.creatorRequestId])
    }

    /// The id of the change that created the namespace.
    func creation(of zone: ZoneInfo) async throws -> String? {
        try await registry.changes(zone: zone.name, operations: ["CREATE_ZONE"], limit: 1).first?.changeId
    }

    /// NamespaceAlreadyExists, naming the namespace when the zone is one.
    func alreadyExists(_ name: String) async -> CloudMapError {
        guard let zone = try? await registry.zone(named: name), Self.isNamespace(zone) else {
            return CloudMapError("NamespaceAlreadyExists", "a hosted zone named \(name) exists already")
        }
        var members = ["NamespaceId": CloudMapID.namespace(zone: zone.name)]
        members["CreatorRequestId"] = zone.metadata[Metadata.creatorRequestId]
        return CloudMapError("NamespaceAlreadyExists", "Namespace \(name) already exists", members: members)
    }
}
