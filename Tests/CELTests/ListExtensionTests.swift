import CEL
import Testing

@Suite("yunwang list extensions")
struct ListExtensionTests {
    func eval(_ source: String) throws -> String {
        PlainJSON.encode(try Program(parsing: source).evaluate())
    }

    @Test func distinctKeepsFirstOccurrences() throws {
        #expect(try eval("[3, 1, 3, 2, 1].distinct()") == "[3,1,2]")
        #expect(try eval("['a', 'b', 'a'].distinct()") == #"["a","b"]"#)
        #expect(try eval("[1, 1u, 1.0, 2].distinct()") == "[1,2]")
        #expect(try eval("[[1], [1], [2]].distinct()") == "[[1],[2]]")
        #expect(try eval("[].distinct()") == "[]")
        #expect(try eval("'abc'.distinct()").contains("error"))
    }

    @Test func maxWithinCountsTheBusiestWindow() throws {
        let three = "[timestamp('2026-09-21T02:00:00Z'), timestamp('2026-09-28T02:00:00Z'), timestamp('2026-09-24T02:00:00Z')]"
        #expect(try eval("\(three).maxWithin(duration('168h'))") == "3")
        #expect(try eval("\(three).maxWithin(duration('167h'))") == "2")
        #expect(try eval("[].maxWithin(duration('1h'))") == "0")
        #expect(try eval("[1].maxWithin(duration('1h'))").contains("error"))
        // Pairs [key, timestamp]: the busiest window of any one key.
        let pairs = "[['a', timestamp('2026-09-21T02:00:00Z')], ['b', timestamp('2026-09-22T02:00:00Z')], ['a', timestamp('2026-09-23T02:00:00Z')], ['b', timestamp('2026-09-23T03:00:00Z')], ['a', timestamp('2026-09-27T02:00:00Z')]]"
        #expect(try eval("\(pairs).maxWithin(duration('168h'))") == "3")
        #expect(try eval("\(pairs).maxWithin(duration('95h'))") == "2")
    }
}
