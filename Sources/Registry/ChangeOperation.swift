/// What made a change row (`ChangeInfo.operation`); the AWS APIs map these to their own names.
enum ChangeOperation {
    static let createZone = "CREATE_ZONE"
    static let deleteZone = "DELETE_ZONE"
    static let changeRecords = "CHANGE_RECORDS"
    static let registerInstance = "REGISTER_INSTANCE"
    static let deregisterInstance = "DEREGISTER_INSTANCE"
    static let updateHealth = "UPDATE_HEALTH"
    static let expireInstance = "EXPIRE_INSTANCE"
}
