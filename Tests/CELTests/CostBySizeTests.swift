import Testing
@testable import CEL

/// Issue 19 item 2: calls whose work grows with their arguments are charged by size, as
/// cel-go's runtime cost model does, so the budget bounds them.
@Suite("cost by size")
struct CostBySizeTests {
    static let megabyte = Value.string(String(repeating: "ab", count: 500_000))
    static let list = Value.list((0..<2_000).map { .int(Int64($0)) })
    static let nested = Value.list((0..<300).map { _ in .list((0..<300).map { .int(Int64($0)) }) })
    static let different = Value.list((0..<300).map { i in .list([.int(Int64(i))] + (1..<300).map { .int(Int64($0)) }) })

    @Test("over the limit", arguments: [
        "l.all(x, !s.contains('abc'))", "l.all(x, s.startsWith(s))", "l.all(x, s == s + '')", "l.all(x, l == l)",
        "l.all(x, x in l)", "n.all(x, n == n)", "n.all(x, x in n)", "d.distinct() == d", "l.map(x, [x, x]).distinct() == l",
    ])
    func overTheLimit(_ expr: String) {
        let r = eval(expr, ["s": Self.megabyte, "l": Self.list, "n": Self.nested, "d": Self.different])
        #expect(r == .error(.costExceeded), "\(expr) => \(r)")
    }

    @Test func smallCallsStayCheap() throws {
        let program = try Program(parsing: "!self.software.exists(s, params.remote.exists(r, s.contains(r))) && self.id in ['a', 'b']")
        var cost = 0
        let object = Value.map([(.string("id"), .string("a")), (.string("software"), .list(["WPS Office", "微信", "Chrome"].map(Value.string)))])
        let params = Value.map([(.string("remote"), .list(["向日葵", "ToDesk", "TeamViewer", "AnyDesk"].map(Value.string)))])
        #expect(program.evaluate(Activation(["self": object, "params": params]), cost: &cost) == .bool(true))
        #expect(cost < 100, "cost \(cost)")
    }

    @Test func equalityChargesTheSmallerSide() {
        #expect(Cost.equality(.string(String(repeating: "a", count: 1000)), .string("a")) == 0)
        #expect(Cost.equality(Self.list, .list([])) == 0)
        #expect(Cost.equality(Self.nested, Self.nested) >= 90_000)
    }
}
