import Registry

/// A registry zone as Route 53 shows it, from what CreateHostedZone (or Cloud Map) stored in
/// the zone's metadata. Zones without it (file zones, zones of the native API) are public,
/// and their caller reference reads as the creation time, or the name for file zones.
extension HostedZoneShape {
    init(_ info: ZoneInfo, recordSetCount: Int) {
        let metadata = info.metadata
        Id = "/hostedzone/\(HostedZoneID.make(zone: info.name))"
        Name = info.name + "."
        CallerReference = metadata[HostedZoneMetadata.callerReference] ?? info.createdAt ?? info.name
        Config = ZoneConfig(Comment: info.comment, PrivateZone: HostedZoneMetadata.isPrivate(metadata))
        ResourceRecordSetCount = recordSetCount
        if metadata[HostedZoneMetadata.cloudMapNamespaceType] != nil {
            LinkedService = LinkedServiceShape(
                ServicePrincipal: HostedZoneMetadata.cloudMapPrincipal,
                Description: metadata[HostedZoneMetadata.cloudMapNamespaceArn])
        }
    }
}

extension GetHostedZoneResponse.VPCList {
    /// The zone's VPCs, or nil when it has none (the model's list is never empty).
    init?(_ info: ZoneInfo) {
        let vpcs = HostedZoneMetadata.vpcs(info.metadata)
        guard !vpcs.isEmpty else { return nil }
        self.init(VPC: vpcs)
    }
}
