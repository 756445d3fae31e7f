import Registry

/// Services: each one a service declared in its namespace's zone, whose DnsConfig says which
/// records every instance makes.
extension CloudMapHandlers {
    func createService(_ input: CreateServiceRequest, _ caller: Caller) async throws -> ServiceResponse {
        guard input.HealthCheckConfig == nil else {
            throw CloudMapError.invalidInput(
                "HealthCheckConfig is for public DNS and HTTP namespaces; use HealthCheckCustomConfig")
        }
        guard input.Type == nil else {
            throw CloudMapError.invalidInput(
                "Type \(input.Type!): services discoverable only through DiscoverInstances are not supported by Shoal; give a DnsConfig"
            )
        }
        guard let namespaceId = input.NamespaceId ?? input.DnsConfig?.NamespaceId else {
            throw CloudMapError.invalidInput("NamespaceId is required")
        }
        guard let dns = input.DnsConfig else {
            throw CloudMapError.invalidInput("DnsConfig is required: Shoal's services make DNS records")
        }
        let zone = try await namespace(id: namespaceId)
        let policy = dns.RoutingPolicy ?? "MULTIVALUE"
        guard policy == "MULTIVALUE" || policy == "WEIGHTED" else {
            throw CloudMapError.invalidInput("RoutingPolicy '\(policy)' is not MULTIVALUE or WEIGHTED")
        }
        var metadata = [Metadata.serviceType: Metadata.dnsHTTP]
        metadata[Metadata.description] = input.Description
        metadata[Metadata.creatorRequestId] = input.CreatorRequestId
        if let custom = input.HealthCheckCustomConfig {
            let threshold = custom.FailureThreshold ?? 1
            guard (1...10).contains(threshold) else {
                throw CloudMapError.invalidInput("FailureThreshold \(threshold) is not in 1...10")
            }
            metadata[Metadata.customHealth] = "1"
            metadata[Metadata.failureThreshold] = String(threshold)
        }
        let spec = ServiceSpec(
            name: input.Name, routingPolicy: policy,
            records: dns.DnsRecords.map { ServiceRecord(type: $0.Type, ttl: $0.TTL) }, metadata: metadata)
        do {
            let info = try await registry.createService(zone: zone.name, spec)
            return ServiceResponse(Service: shape(info, caller, summary: false))
        } catch {
            guard error.code == .serviceExists else { throw error }
            let existing = try await registry.service(zone: zone.name, name: input.Name)
            // A retry with the same CreatorRequestId gets the service it made.
            if let requestId = input.CreatorRequestId, existing.metadata[Metadata.creatorRequestId] == requestId {
                return ServiceResponse(Service: shape(existing, caller, summary: false))
            }
            let id = CloudMapID.service(zone: existing.zone, name: existing.name)
            var members = ["ServiceId": id, "ServiceArn": caller.serviceARN(id)]
            members["CreatorRequestId"] = existing.metadata[Metadata.creatorRequestId]
            throw CloudMapError(
                "ServiceAlreadyExists", "Service \(existing.name) already exists in namespace \(zone.name)",
                members: members)
        }
    }

    func getService(_ input: ServiceIdRequest, _ caller: Caller) async throws -> ServiceResponse {
        ServiceResponse(Service: shape(try await service(id: input.Id).service, caller, summary: false))
    }

    /// By namespace name, then service name; filters NAMESPACE_ID (EQ) and RESOURCE_OWNER.
    func listServices(_ input: ListServicesRequest, _ caller: Caller) async throws -> ListServicesResponse {
        var zones = await namespaces()
        for filter in input.Filters ?? [] {
            switch filter.Name {
            case "NAMESPACE_ID":
                try filter.check(conditions: ["EQ"])
                let wanted = CloudMapID.bare(filter.Values[0])
                zones = zones.filter { CloudMapID.namespace(zone: $0.name) == wanted }
            case "RESOURCE_OWNER":
                try filter.check(conditions: ["EQ"])
                if !filter.accepts("SELF") { zones = [] }
            default:
                throw CloudMapError.invalidInput(
                    "filter Name '\(filter.Name)' is not one of NAMESPACE_ID, RESOURCE_OWNER")
            }
        }
        var services: [ServiceInfo] = []
        for zone in zones { services += try await registry.services(zone: zone.name) }
        // In key order, so a page token whose service was deleted still finds its place.
        let key = { (service: ServiceInfo) in "\(service.zone)/\(service.name)" }
        services.sort { key($0) < key($1) }
        let page = try Paging.page(services, key: key, token: input.NextToken, maxResults: input.MaxResults)
        return ListServicesResponse(
            Services: page.items.map { shape($0, caller, summary: true) }, NextToken: page.nextToken)
    }

    /// Refused with ResourceInUse while the service has instances.
    func deleteService(_ input: ServiceIdRequest, _ caller: Caller) async throws -> EmptyResponse {
        let (zone, service) = try await service(id: input.Id)
        do {
            try await registry.deleteService(zone: zone.name, name: service.name)
        } catch {
            guard error.code == .serviceNotEmpty else { throw error }
            throw CloudMapError(
                "ResourceInUse", "Service \(input.Id) still has \(service.instanceCount) registered instance(s)")
        }
        return EmptyResponse()
    }

    func shape(_ service: ServiceInfo, _ caller: Caller, summary: Bool) -> Service {
        let id = CloudMapID.service(zone: service.zone, name: service.name)
        let namespaceId = CloudMapID.namespace(zone: service.zone)
        let custom = Self.customHealth(service)
        return Service(
            Id: id, Arn: caller.serviceARN(id), ResourceOwner: CloudMapID.account, Name: service.name,
            NamespaceId: summary ? nil : namespaceId, Description: service.metadata[Metadata.description],
            InstanceCount: service.instanceCount,
            DnsConfig: DnsConfig(
                NamespaceId: namespaceId, RoutingPolicy: service.routingPolicy,
                DnsRecords: service.records.map { DnsRecord(Type: $0.type, TTL: $0.ttl) }),
            Type: service.metadata[Metadata.serviceType] ?? Metadata.dnsHTTP,
            HealthCheckCustomConfig: custom
                ? HealthCheckCustomConfig(FailureThreshold: Int(service.metadata[Metadata.failureThreshold] ?? "1"))
                : nil,
            CreateDate: Self.epoch(service.createdAt),
            CreatorRequestId: summary ? nil : service.metadata[Metadata.creatorRequestId],
            CreatedByAccount: CloudMapID.account)
    }
}
