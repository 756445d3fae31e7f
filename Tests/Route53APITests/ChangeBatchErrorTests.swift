import Registry
import Testing

@testable import Route53API

/// Registry refusals of a batch in Route 53's words, naming the change they are about.
@Suite("Route 53 change batch errors")
struct ChangeBatchErrorTests {
    static let changes = [
        RecordChange(action: "CREATE", name: "Web.e.test.", type: "a", ttl: 60, records: ["10.0.0.1"]),
        RecordChange(
            action: "DELETE", name: "w.e.test.", type: "A", ttl: 0, records: ["10.0.0.2"], setIdentifier: "Blue",
            weight: 5),
        RecordChange(
            action: "CREATE", name: "m.e.test.", type: "A", ttl: 0, records: ["10.0.0.3"], setIdentifier: "one",
            multiValue: true),
        RecordChange(action: "CREATE", name: "al.e.test.", type: "A", alias: AliasTarget(name: "gone.e.test.")),
    ]

    static func message(_ code: RegistryError.Code, at index: Int, _ text: String = "refused") -> (String, String)? {
        let error = ChangeBatchError.map(
            RegistryError(code, field: "changes[\(index)].records[0]", text), changes: changes, zone: "e.test")
        return (error as? Route53Error).map { ($0.code, $0.message) }
    }

    @Test func setsAreNamedWithTheirIdentifier() {
        #expect(
            Self.message(.recordSetExists, at: 0)?.1
                == "Tried to create resource record set [name='web.e.test.', type='A'] but it already exists")
        #expect(
            Self.message(.noSuchRecordSet, at: 1)?.1
                == "Tried to delete resource record set [name='w.e.test.', type='A', set-identifier='Blue'] but it was not found"
        )
        #expect(
            Self.message(.recordSetMismatch, at: 1)?.1
                == "Tried to delete resource record set [name='w.e.test.', type='A', set-identifier='Blue'] "
                + "but the values provided do not match the current values")
        #expect(
            Self.message(.recordSetExists, at: 2)?.1
                == "Tried to create resource record set [name='m.e.test.', type='A', set-identifier='one'] but it already exists"
        )
        #expect(Self.message(.recordSetExists, at: 2)?.0 == "InvalidChangeBatch")
    }

    @Test func policyConflictsUseRoute53sSentences() {
        #expect(
            Self.message(
                .invalidChange, at: 1,
                "record set w.e.test. A cannot be created as a weighted set: a simple set exists with the same name and type"
            )?.1
                == "RRSet with DNS name w.e.test., type A, SetIdentifier Blue cannot be created as a non-weighted set "
                + "exists with the same name and type.")
        #expect(
            Self.message(
                .invalidChange, at: 2,
                "record set m.e.test. A cannot be created as a multivalue set: weighted sets exist with the same name and type"
            )?.1
                == "RRSet with DNS name m.e.test., type A, SetIdentifier one cannot be created because a non multivalue "
                + "answer rrset exists with the same name and type.")
        #expect(
            Self.message(
                .invalidChange, at: 0,
                "record set web.e.test. A cannot be created as a simple set: weighted sets exist with the same name and type"
            )?.1
                == "RRSet with DNS name web.e.test., type A cannot be created as other RRSets exist with the same name and type."
        )
        #expect(
            Self.message(.invalidChange, at: 3, "alias target gone.e.test. A not found")?.1
                == "Tried to create an alias that targets gone.e.test., type A in zone \(HostedZoneID.make(zone: "e.test")), "
                + "but that target was not found")
        // Anything else keeps the registry's precise message.
        #expect(
            Self.message(.invalidChange, at: 1, "NS sets cannot have a routing policy")?.1
                == "NS sets cannot have a routing policy")
        #expect(
            Self.message(.invalidRecord, at: 0, "bad IPv4 address '1.2.3.300'")?.1 == "bad IPv4 address '1.2.3.300'")
    }

    @Test func cnameConflictsNameTheSideThatConflicts() {
        let cname = [RecordChange(action: "CREATE", name: "c.e.test.", type: "CNAME", ttl: 60, records: ["x."])]
        let first =
            ChangeBatchError.map(
                RegistryError(.cnameConflict, field: "changes[0]", "x"), changes: cname, zone: "e.test")
            as? Route53Error
        #expect(first?.message.hasPrefix("RRSet of type CNAME with DNS name c.e.test. is not permitted") == true)
        let other = Self.message(.cnameConflict, at: 0)
        #expect(
            other?.1
                == "RRSet of type A with DNS name web.e.test. is not permitted because a conflicting RRSet of type CNAME "
                + "with the same DNS name already exists in zone e.test.")
    }

    @Test func changeIndexComesFromTheRegistryField() {
        #expect(ChangeBatchError.index(of: "changes[3].records[0]") == 3)
        #expect(ChangeBatchError.index(of: "changes[12]") == 12)
        #expect(ChangeBatchError.index(of: "name") == nil)
        #expect(ChangeBatchError.index(of: nil) == nil)
    }
}
