import Registry

/// Instances: registered in their service's zone, where they make the records the service's
/// DnsConfig names. Instance ids are DNS labels in Shoal (SRV targets are `ID.SERVICE.ZONE.`).
extension CloudMapHandlers {
    func registerInstance(_ input: RegisterInstanceRequest, _ caller: Caller) async throws -> OperationIdResponse {
        let (zone, service) = try await service(id: input.ServiceId)
        let registration = try InstanceAttributes.registration(
            input.Attributes, customHealth: Self.customHealth(service))
        do {
            let result = try await registry.registerInstance(
                zone: zone.name, service: service.name, id: input.InstanceId, registration)
            return OperationIdResponse(OperationId: result.change.changeId)
        } catch {
            throw Self.refusal(error, instance: input.InstanceId, service: input.ServiceId)
        }
    }

    func deregisterInstance(_ input: InstanceRequest, _ caller: Caller) async throws -> OperationIdResponse {
        let (zone, service) = try await service(id: input.ServiceId)
        do {
            let change = try await registry.deregisterInstance(
                zone: zone.name, service: service.name, id: input.InstanceId)
            return OperationIdResponse(OperationId: change.changeId)
        } catch {
            throw Self.refusal(error, instance: input.InstanceId, service: input.ServiceId)
        }
    }

    func getInstance(_ input: InstanceRequest, _ caller: Caller) async throws -> GetInstanceResponse {
        let (zone, service) = try await service(id: input.ServiceId)
        do {
            let info = try await registry.instance(zone: zone.name, service: service.name, id: input.InstanceId)
            return GetInstanceResponse(ResourceOwner: CloudMapID.account, Instance: Self.shape(info))
        } catch {
            throw Self.refusal(error, instance: input.InstanceId, service: input.ServiceId)
        }
    }

    /// By instance id.
    func listInstances(_ input: ListInstancesRequest, _ caller: Caller) async throws -> ListInstancesResponse {
        let (zone, service) = try await service(id: input.ServiceId)
        let instances = try await registry.instances(zone: zone.name, service: service.name)
        let page = try Paging.page(instances, key: \.id, token: input.NextToken, maxResults: input.MaxResults)
        return ListInstancesResponse(
            ResourceOwner: CloudMapID.account, Instances: page.items.map(Self.shape), NextToken: page.nextToken)
    }

    static func shape(_ info: InstanceInfo) -> Instance {
        Instance(Id: info.id, Attributes: InstanceAttributes.shown(info), CreatedByAccount: CloudMapID.account)
    }

    /// A registry refusal about an instance, naming Cloud Map's members instead of the
    /// registry's fields (`address` is AWS_INSTANCE_IPV4, `id` is InstanceId).
    static func refusal(_ error: RegistryError, instance: String, service: String) -> CloudMapError {
        switch error.code {
        case .noSuchInstance: return .instanceNotFound(instance, service: service)
        case .invalidName where error.field == "id":
            return .invalidInput("InstanceId: \(error.message) (Shoal uses it as a DNS label)")
        default:
            guard let attribute = InstanceAttributes.attribute(forField: error.field) else {
                return CloudMapError(error)
            }
            return .invalidInput("\(attribute): \(error.message)")
        }
    }
}
