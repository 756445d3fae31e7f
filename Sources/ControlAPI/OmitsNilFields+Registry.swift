import Registry

// Optional fields added with routing policies, declared services and health are left out when
// nil; the fields of the first API version stay `null`, as its clients read them.

extension RecordSetInfo: OmitsNilFields {
    static let fieldsOmittedWhenNil: Set<String> = ["setIdentifier", "weight", "multiValue", "alias", "healthy"]
}

extension AliasTarget: OmitsNilFields {
    static let fieldsOmittedWhenNil: Set<String> = ["evaluateTargetHealth"]
}

extension ChangeInfo: OmitsNilFields {
    static let fieldsOmittedWhenNil: Set<String> = ["operation", "service", "instance"]
}

extension ZoneInfo: OmitsNilFields {
    static let fieldsOmittedWhenNil: Set<String> = ["changeId"]
}

extension InstanceInfo: OmitsNilFields {
    static let fieldsOmittedWhenNil: Set<String> = ["ipv6", "cname"]
}
