import Foundation
import Hummingbird
import Registry

/// Hosted zones and changes: one function per operation, over the registry's public API.
/// Record-set operations are in `Route53Handlers+RecordSets.swift`.
struct Route53Handlers: Sendable {
    let registry: Registry

    /// Route 53's default and largest page of hosted zones.
    static let defaultZonePage = 100
    static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    func createHostedZone(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await Route53Error.catching {
            let body = try await Route53XML.decode(CreateHostedZoneRequest.self, from: request)
            let reference = body.CallerReference
            guard (1...128).contains(reference.count) else {
                throw Route53Error.invalidInput(
                    "1 validation error detected: Value '\(reference)' at 'callerReference' failed to satisfy "
                        + "constraint: Member must have length between 1 and 128")
            }
            guard body.DelegationSetId == nil else {
                throw Route53Error.invalidInput("reusable delegation sets are not supported by Shoal")
            }
            // Route 53's retry guard: a reference names one creation. Checked before creating,
            // so two concurrent requests with one new reference may both succeed.
            let references = await registry.listZones().compactMap { $0.metadata[HostedZoneMetadata.callerReference] }
            if references.contains(reference) {
                throw Route53Error(
                    status: .conflict, code: "HostedZoneAlreadyExists",
                    message: "A hosted zone has already been created with the specified caller reference.")
            }
            let privateZone = body.VPC != nil || body.HostedZoneConfig?.PrivateZone == true
            let metadata = HostedZoneMetadata.make(
                callerReference: reference, privateZone: privateZone, vpcs: body.VPC.map { [$0] } ?? [])
            let spec = ZoneSpec(name: body.Name, comment: body.HostedZoneConfig?.Comment, metadata: metadata)
            let info: ZoneInfo
            do {
                info = try await registry.createZone(spec)
            } catch let error as RegistryError where error.code == .zoneExists {
                throw Route53Error(
                    status: .conflict, code: "HostedZoneAlreadyExists",
                    message: "A hosted zone named \(RecordOrder.absolute(body.Name).lowercased()) already exists")
            }
            let id = HostedZoneID.make(zone: info.name)
            let response = CreateHostedZoneResponse(
                HostedZone: HostedZoneShape(info, recordSetCount: try await allSets(info.name).count),
                ChangeInfo: Self.zoneChange(info),
                DelegationSet: DelegationSetShape(info), VPC: body.VPC)
            let host = request.head.authority ?? "route53.amazonaws.com"
            return Route53XML.response(
                response, root: "CreateHostedZoneResponse", status: .created,
                headers: [.location: "http://\(host)/2013-04-01/hostedzone/\(id)"])
        }
    }

    func getHostedZone(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await Route53Error.catching {
            let info = try await zone(context)
            let response = GetHostedZoneResponse(
                HostedZone: try await shape(info), DelegationSet: DelegationSetShape(info),
                VPCs: GetHostedZoneResponse.VPCList(info))
            return Route53XML.response(response, root: "GetHostedZoneResponse")
        }
    }

    /// In name order; `marker` is the Id of the first zone of the page.
    func listHostedZones(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await Route53Error.catching {
            let query = request.uri.queryParameters
            let maxItems = try Self.maxItems(query.get("maxitems"), default: Self.defaultZonePage, limit: 100)
            let zones = try await Self.filter(registry.listZones(), type: query.get("hostedzonetype"))
            var start = 0
            if let marker = query.get("marker") {
                let id = HostedZoneID.bare(marker)
                guard let index = zones.firstIndex(where: { HostedZoneID.make(zone: $0.name) == id }) else {
                    throw Route53Error.invalidInput("marker '\(marker)' is not a hosted zone id")
                }
                start = index
            }
            let page = zones[start...].prefix(maxItems)
            var shapes: [HostedZoneShape] = []
            for info in page { shapes.append(try await shape(info)) }
            let next = start + page.count < zones.count ? HostedZoneID.make(zone: zones[start + page.count].name) : nil
            let response = ListHostedZonesResponse(
                HostedZones: .init(HostedZone: shapes), Marker: query.get("marker"), IsTruncated: next != nil,
                NextMarker: next, MaxItems: String(maxItems))
            return Route53XML.response(response, root: "ListHostedZonesResponse")
        }
    }

    /// Ordered by name with labels reversed (`com.example`), then id, as Route 53 orders them.
    func listHostedZonesByName(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await Route53Error.catching {
            let query = request.uri.queryParameters
            let maxItems = try Self.maxItems(query.get("maxitems"), default: Self.defaultZonePage, limit: 100)
            let dnsName = query.get("dnsname")
            let zoneID = query.get("hostedzoneid").map(HostedZoneID.bare)
            if zoneID != nil && dnsName == nil {
                throw Route53Error.invalidInput("hostedzoneid requires dnsname")
            }
            let zones = await registry.listZones().map {
                (key: RecordOrder.key($0.name), id: HostedZoneID.make(zone: $0.name), info: $0)
            }
            .sorted { RecordOrder.less(($0.key, $0.id), ($1.key, $1.id)) }
            var start = 0
            if let dnsName {
                let from = (RecordOrder.key(dnsName), zoneID ?? "")
                start = zones.firstIndex { !RecordOrder.less(($0.key, $0.id), from) } ?? zones.count
            }
            let page = zones[start...].prefix(maxItems)
            var shapes: [HostedZoneShape] = []
            for zone in page { shapes.append(try await shape(zone.info)) }
            let next = start + page.count < zones.count ? zones[start + page.count] : nil
            let response = ListHostedZonesByNameResponse(
                HostedZones: .init(HostedZone: shapes), DNSName: dnsName, HostedZoneId: zoneID,
                IsTruncated: next != nil,
                NextDNSName: next.map { $0.info.name + "." }, NextHostedZoneId: next?.id, MaxItems: String(maxItems))
            return Route53XML.response(response, root: "ListHostedZonesByNameResponse")
        }
    }

    func deleteHostedZone(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await Route53Error.catching {
            let info = try await zone(context)
            let change = try await registry.deleteZone(named: info.name, force: false)
            return Route53XML.response(
                ChangeInfoResponse(ChangeInfo: ChangeInfoShape(change)), root: "DeleteHostedZoneResponse")
        }
    }

    func getChange(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await Route53Error.catching {
            let id = HostedZoneID.bare(context.parameters.get("id") ?? "")
            let info: ChangeInfo
            do {
                info = try await registry.change(id: id)
            } catch let error as RegistryError where error.code == .noSuchChange {
                throw Route53Error(
                    status: .notFound, code: "NoSuchChange",
                    message: "A change with the specified change ID does not exist: \(id)")
            }
            return Route53XML.response(ChangeInfoResponse(ChangeInfo: ChangeInfoShape(info)), root: "GetChangeResponse")
        }
    }

    // MARK: Helpers

    /// The zone named by the `:id` path parameter.
    func zone(_ context: BasicRequestContext) async throws -> ZoneInfo {
        let raw = context.parameters.get("id") ?? ""
        let id = HostedZoneID.bare(raw)
        guard let info = await registry.listZones().first(where: { HostedZoneID.make(zone: $0.name) == id }) else {
            throw Route53Error.noSuchHostedZone(id)
        }
        return info
    }

    func shape(_ info: ZoneInfo) async throws -> HostedZoneShape {
        HostedZoneShape(info, recordSetCount: try await allSets(info.name).count)
    }

    /// The change the registry wrote with the zone, as GetChange shows it; a fresh id only if
    /// the registry did not say (GetChange would not know it).
    static func zoneChange(_ info: ZoneInfo) -> ChangeInfoShape {
        let id = info.changeId ?? "C" + String((0..<13).map { _ in idAlphabet.randomElement()! })
        let submitted = info.createdAt ?? ISO8601DateFormatter().string(from: Date())
        return ChangeInfoShape(
            ChangeInfo(
                changeId: id, zone: info.name, serial: info.serial, status: "INSYNC", submittedAt: submitted,
                comment: nil))
    }

    /// ListHostedZones' `hostedzonetype`: PrivateHostedZone is the one type Route 53 has.
    static func filter(_ zones: [ZoneInfo], type: String?) throws -> [ZoneInfo] {
        guard let type else { return zones }
        guard type == "PrivateHostedZone" else {
            throw Route53Error.invalidInput("Invalid hostedzonetype '\(type)': use PrivateHostedZone")
        }
        return zones.filter { HostedZoneMetadata.isPrivate($0.metadata) }
    }

    static func maxItems(_ text: String?, default value: Int, limit: Int = 1000) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), number > 0 else {
            throw Route53Error.invalidInput("maxitems '\(text)' is not a positive integer")
        }
        return min(number, limit)
    }
}
