import Registry

/// DiscoverInstances and custom health: what clients read instead of DNS, and how a health
/// checker outside Shoal takes an instance out of DNS answers.
extension CloudMapHandlers {
    /// The model's DiscoverInstances MaxResults maximum.
    static let discoverLimit = 1000

    /// The matching instances in random order, as AWS returns them to spread load.
    func discoverInstances(_ input: DiscoverInstancesRequest, _ caller: Caller) async throws
        -> DiscoverInstancesResponse
    {
        if let filter = input.HealthStatus, !Discovery.filters.contains(filter) {
            throw CloudMapError.invalidInput(
                "HealthStatus '\(filter)' is not one of \(Discovery.filters.sorted().joined(separator: ", "))")
        }
        let size = try Paging.size(input.MaxResults, limit: Self.discoverLimit)
        let (zone, service) = try await discovered(input.NamespaceName, input.ServiceName)
        let custom = Self.customHealth(service)
        let chosen = Discovery.select(
            try await registry.instances(zone: zone.name, service: service.name),
            query: input.QueryParameters ?? [:], optional: input.OptionalParameters ?? [:],
            healthStatus: input.HealthStatus, customHealth: custom)
        let summaries = chosen.shuffled().prefix(size).map { instance in
            HttpInstanceSummary(
                InstanceId: instance.id, NamespaceName: zone.name, ServiceName: service.name,
                HealthStatus: Health.status(instance, customHealth: custom),
                Attributes: InstanceAttributes.shown(instance))
        }
        // The zone's serial only grows, and grows with every registration and deregistration.
        return DiscoverInstancesResponse(Instances: summaries, InstancesRevision: Int64(zone.serial))
    }

    func discoverInstancesRevision(_ input: DiscoverInstancesRevisionRequest, _ caller: Caller) async throws
        -> DiscoverInstancesRevisionResponse
    {
        let (zone, _) = try await discovered(input.NamespaceName, input.ServiceName)
        return DiscoverInstancesRevisionResponse(InstancesRevision: Int64(zone.serial))
    }

    /// The namespace and service DiscoverInstances names, by name.
    func discovered(_ namespaceName: String, _ serviceName: String) async throws -> (ZoneInfo, ServiceInfo) {
        let zone = try await namespace(named: namespaceName)
        do {
            return (zone, try await registry.service(zone: zone.name, name: serviceName))
        } catch {
            guard error.code == .noSuchService || error.code == .invalidName else { throw error }
            throw CloudMapError.serviceNotFound(serviceName)
        }
    }

    /// Only for services created with HealthCheckCustomConfig; DNS follows before it returns.
    func updateInstanceCustomHealthStatus(_ input: UpdateInstanceCustomHealthStatusRequest, _ caller: Caller)
        async throws -> EmptyResponse
    {
        let (zone, service) = try await service(id: input.ServiceId)
        guard Self.customHealth(service) else {
            throw CloudMapError(
                "CustomHealthNotFound", "Service \(input.ServiceId) has no HealthCheckCustomConfig")
        }
        guard let healthy = Health.healthy(input.Status) else {
            throw CloudMapError.invalidInput("Status '\(input.Status)' must be HEALTHY or UNHEALTHY")
        }
        do {
            _ = try await registry.setInstanceHealth(
                zone: zone.name, service: service.name, id: input.InstanceId, healthy: healthy)
        } catch {
            throw Self.refusal(error, instance: input.InstanceId, service: input.ServiceId)
        }
        return EmptyResponse()
    }

    /// HEALTHY or UNHEALTHY for services with custom health, UNKNOWN for the others; by id.
    func getInstancesHealthStatus(_ input: GetInstancesHealthStatusRequest, _ caller: Caller) async throws
        -> GetInstancesHealthStatusResponse
    {
        let (zone, service) = try await service(id: input.ServiceId)
        var instances = try await registry.instances(zone: zone.name, service: service.name)
        if let wanted = input.Instances {
            guard !wanted.isEmpty else { throw CloudMapError.invalidInput("Instances is empty") }
            let byId = Dictionary(instances.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            instances = []
            for id in Set(wanted.map { $0.lowercased() }).sorted() {
                guard let instance = byId[id] else {
                    throw CloudMapError.instanceNotFound(id, service: input.ServiceId)
                }
                instances.append(instance)
            }
        }
        let page = try Paging.page(instances, key: \.id, token: input.NextToken, maxResults: input.MaxResults)
        let custom = Self.customHealth(service)
        return GetInstancesHealthStatusResponse(
            Status: Dictionary(
                page.items.map { ($0.id, Health.status($0, customHealth: custom)) },
                uniquingKeysWith: { first, _ in first }),
            NextToken: page.nextToken)
    }
}
