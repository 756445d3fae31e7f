import Foundation
import Testing

@testable import CloudMapAPI

@Suite("NextToken paging")
struct PagingTests {
    static let names = ["a", "b", "c", "d", "e"]

    @Test func tokensWalkTheWholeListingOnce() throws {
        var seen: [String] = []
        var token: String?
        for _ in 0..<10 {
            let page = try Paging.page(Self.names, key: { $0 }, token: token, maxResults: 2)
            seen += page.items
            token = page.nextToken
            if token == nil { break }
        }
        #expect(seen == Self.names)
    }

    @Test func aPageResumesAfterItsItemEvenWhenThatItemIsGone() throws {
        let first = try Paging.page(Self.names, key: { $0 }, token: nil, maxResults: 2)
        #expect(first.items == ["a", "b"])
        let withoutB = Self.names.filter { $0 != "b" }
        let second = try Paging.page(withoutB, key: { $0 }, token: first.nextToken, maxResults: 2)
        #expect(second.items == ["c", "d"])
    }

    @Test func anUnsortedListingResumesAfterTheNamedItem() throws {
        let newestFirst = ["C9", "C3", "C7"]
        let first = try Paging.page(newestFirst, key: { $0 }, token: nil, maxResults: 1, sortedByKey: false)
        let second = try Paging.page(
            newestFirst, key: { $0 }, token: first.nextToken, maxResults: 5, sortedByKey: false)
        #expect(second.items == ["C3", "C7"] && second.nextToken == nil)
    }

    @Test func theLastPageHasNoToken() throws {
        #expect(try Paging.page(Self.names, key: { $0 }, token: nil, maxResults: 5).nextToken == nil)
        #expect(try Paging.page(Self.names, key: { $0 }, token: nil, maxResults: nil).items.count == 5)
    }

    @Test(arguments: [0, 101, -1])
    func maxResultsOutsideTheModelsRangeIsInvalidInput(maxResults: Int) {
        #expect(throws: CloudMapError.self) {
            try Paging.page(Self.names, key: { $0 }, token: nil, maxResults: maxResults)
        }
    }

    @Test func aTokenShoalDidNotGiveIsInvalidInput() {
        do {
            _ = try Paging.page(Self.names, key: { $0 }, token: "not base64!", maxResults: 2)
            Issue.record("accepted a bad token")
        } catch {
            #expect(error.code == "InvalidInput")
        }
    }
}
