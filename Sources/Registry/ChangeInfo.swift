/// A committed change batch: durable and answered by DNS when returned.
public struct ChangeInfo: Codable, Sendable, Equatable {
    /// `C` and 13 upper-case letters or digits.
    public var changeId: String
    public var zone: String
    /// The zone's SOA serial this batch produced.
    public var serial: UInt32
    /// Always `INSYNC`: a change is reported only once DNS answers with it.
    public var status: String
    public var submittedAt: String
    public var comment: String?
    /// What made the change: `CREATE_ZONE`, `DELETE_ZONE`, `CHANGE_RECORDS`, `REGISTER_INSTANCE`,
    /// `DEREGISTER_INSTANCE`, `UPDATE_HEALTH` or `EXPIRE_INSTANCE`.
    public var operation: String?
    /// The service and instance an instance operation was about.
    public var service: String?
    public var instance: String?

    public init(
        changeId: String, zone: String, serial: UInt32, status: String, submittedAt: String, comment: String?,
        operation: String? = nil, service: String? = nil, instance: String? = nil
    ) {
        self.operation = operation
        self.service = service
        self.instance = instance
        self.changeId = changeId
        self.zone = zone
        self.serial = serial
        self.status = status
        self.submittedAt = submittedAt
        self.comment = comment
    }
}
