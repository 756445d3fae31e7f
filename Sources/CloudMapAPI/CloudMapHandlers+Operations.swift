import Foundation
import Registry

/// Operations: the registry's change history, seen through Cloud Map. An OperationId is a
/// change id; every change is SUCCESS when its call returns (DNS answers it by then).
extension CloudMapHandlers {
    static let operationTypes = [
        "CREATE_ZONE": "CREATE_NAMESPACE", "DELETE_ZONE": "DELETE_NAMESPACE",
        "REGISTER_INSTANCE": "REGISTER_INSTANCE", "DEREGISTER_INSTANCE": "DEREGISTER_INSTANCE",
    ]
    static let success = "SUCCESS"

    func getOperation(_ input: GetOperationRequest, _ caller: Caller) async throws -> GetOperationResponse {
        let change: ChangeInfo
        do {
            change = try await registry.change(id: input.OperationId)
        } catch {
            // A malformed id names no operation either.
            guard error.code == .noSuchChange || error.code == .invalidRequest || error.code == .invalidName else {
                throw error
            }
            throw CloudMapError.operationNotFound(input.OperationId)
        }
        // Route 53's and the native API's zones are no namespaces: their changes are no operations.
        let zone = try? await registry.zone(named: change.zone)
        guard let operation = Self.operation(change), zone.map(Self.isNamespace) ?? true else {
            throw CloudMapError.operationNotFound(input.OperationId)
        }
        return GetOperationResponse(Operation: operation)
    }

    /// Newest first; filters NAMESPACE_ID, SERVICE_ID (EQ), STATUS, TYPE (EQ, IN) and
    /// UPDATE_DATE (BETWEEN two epoch seconds). Changes of zones that are not namespaces
    /// (Route 53's and the native API's) are left out; those of deleted zones stay.
    func listOperations(_ input: ListOperationsRequest, _ caller: Caller) async throws -> ListOperationsResponse {
        let others = Set(await registry.listZones().filter { !Self.isNamespace($0) }.map(\.name))
        let scope = try await scope(of: input.Filters ?? [])
        var operations = try await registry.changes(
            zone: scope, operations: Set(Self.operationTypes.keys), limit: Self.historyLimit)
            .filter { !others.contains($0.zone) }.compactMap(Self.operation)
        for filter in input.Filters ?? [] {
            switch filter.Name {
            case "NAMESPACE_ID", "SERVICE_ID":
                try filter.check(conditions: ["EQ"])
                let target = filter.Name == "NAMESPACE_ID" ? "NAMESPACE" : "SERVICE"
                let wanted = CloudMapID.bare(filter.Values[0])
                operations = operations.filter { $0.Targets[target] == wanted }
            case "STATUS":
                try filter.check(conditions: ["EQ", "IN"])
                operations = operations.filter { filter.accepts($0.Status) }
            case "TYPE":
                try filter.check(conditions: ["EQ", "IN"])
                operations = operations.filter { filter.accepts($0.Type) }
            case "UPDATE_DATE":
                try filter.check(conditions: ["BETWEEN"])
                guard let start = Double(filter.Values[0]), let end = Double(filter.Values[1]) else {
                    throw CloudMapError.invalidInput("UPDATE_DATE takes two epoch seconds, start first")
                }
                operations = operations.filter { ($0.UpdateDate ?? 0) >= start && ($0.UpdateDate ?? 0) <= end }
            default:
                throw CloudMapError.invalidInput(
                    "filter Name '\(filter.Name)' is not one of NAMESPACE_ID, SERVICE_ID, STATUS, TYPE, UPDATE_DATE")
            }
        }
        let page = try Paging.page(
            operations, key: \.Id, token: input.NextToken, maxResults: input.MaxResults, sortedByKey: false)
        return ListOperationsResponse(
            Operations: page.items.map { OperationSummary(Id: $0.Id, Status: $0.Status) }, NextToken: page.nextToken)
    }

    /// The zone a NAMESPACE_ID or SERVICE_ID filter names, when it exists, so that the history
    /// read is that zone's rather than the last changes of all zones.
    func scope(of filters: [Filter]) async throws -> String? {
        for filter in filters where filter.Values.count == 1 {
            if filter.Name == "NAMESPACE_ID", let zone = try? await namespace(id: filter.Values[0]) {
                return zone.name
            }
            if filter.Name == "SERVICE_ID", let found = try? await service(id: filter.Values[0]) {
                return found.zone.name
            }
        }
        return nil
    }

    /// Nil for changes that are no Cloud Map operation (record changes, health updates, expiries).
    static func operation(_ change: ChangeInfo) -> Operation? {
        guard let type = change.operation.flatMap({ operationTypes[$0] }) else { return nil }
        var targets = ["NAMESPACE": CloudMapID.namespace(zone: change.zone)]
        if let service = change.service { targets["SERVICE"] = CloudMapID.service(zone: change.zone, name: service) }
        targets["INSTANCE"] = change.instance
        let date = epoch(change.submittedAt)
        return Operation(
            Id: change.changeId, OwnerAccount: CloudMapID.account, Type: type, Status: success, CreateDate: date,
            UpdateDate: date, Targets: targets)
    }
}
