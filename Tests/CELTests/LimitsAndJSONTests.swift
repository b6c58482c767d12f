import Foundation
import Testing
@testable import CEL

@Suite struct LimitTests {
    @Test func nestedComprehensionsStopAtTheCostLimit() {
        var expr = "true"
        for name in ["a", "b", "c", "d", "e", "f", "g", "h"].reversed() {
            expr = "[1,2,3,4,5,6,7,8,9,10].all(\(name), \(expr))"
        }
        let start = Date()
        let v = eval(expr)
        #expect(Date().timeIntervalSince(start) < 5)
        guard case .error(let e) = v else { Issue.record("want cost error, got \(v)"); return }
        #expect(e.message == "cost limit exceeded")
    }

    @Test func stringDoublingStops() {
        // Each level doubles the string; 40 levels would be a terabyte.
        var expr = "'ab'"
        for _ in 0..<40 { expr = "[\(expr)].map(s, s + s)[0]" }
        let start = Date()
        let v = eval(expr)
        #expect(Date().timeIntervalSince(start) < 5)
        guard case .error(let e) = v else { Issue.record("want cost error"); return }
        #expect(e.message == "cost limit exceeded")
    }

    @Test func costErrorIsNotAbsorbedByLogic() {
        var opts = CELOptions()
        opts.costLimit = 100
        let p = try? Program(parsing: "[1,2,3,4,5,6,7,8,9,10].map(x, [1,2,3,4,5,6,7,8,9,10].map(y, y)).size() > 0 || true", options: opts)
        let v = p?.evaluate()
        guard case .error(let e)? = v else { Issue.record("want cost error"); return }
        #expect(e.message == "cost limit exceeded")
    }

    @Test func concurrentEvaluation() async {
        guard let p = try? Program(parsing: "self.xs.filter(x, x % 2 == 0).size() == n") else {
            Issue.record("parse failed"); return
        }
        let ok = await withTaskGroup(of: Bool.self) { group in
            for t in 0..<8 {
                group.addTask {
                    for i in 0..<200 {
                        let n = (t + i) % 20
                        let xs = Value.list((0..<(2 * n)).map { .int(Int64($0)) })
                        let act = Activation(["n": .int(Int64(n))]).binding("self", to: .map([(.string("xs"), xs)]))
                        guard case .bool(true) = p.evaluate(act) else { return false }
                    }
                    return true
                }
            }
            var all = true
            for await r in group { all = all && r }
            return all
        }
        #expect(ok)
    }
}

/// A lazy object whose fields are computed on demand.
struct LazyObject: CELMapProvider {
    let id: Int
    func value(forKey key: String) -> Value? {
        switch key {
        case "id": return .string("t-\(id)")
        case "n": return .int(Int64(id))
        default: return nil
        }
    }
    var keys: [String] { ["id", "n"] }
}

@Suite struct ValueTests {
    @Test func lazyMaps() {
        let obj = Value.map(CELMap(provider: LazyObject(id: 7)))
        expectValue("self.id + '/' + string(self.n)", .string("t-7/7"), ["self": obj])
        expectValue("has(self.id) && !has(self.zzz)", .bool(true), ["self": obj])
        expectValue("self.map(k, k)", .list([.string("id"), .string("n")]), ["self": obj])
        expectValue("size(self) == 2 && 'n' in self", .bool(true), ["self": obj])
        expectValue("self == {'id': 't-7', 'n': 7}", .bool(true), ["self": obj])
        expectError("self.zzz", "no such key", ["self": obj])
        #expect(PlainJSON.encode(obj) == #"{"id":"t-7","n":7}"#)
    }

    @Test func activationBinding() {
        let base = Activation(["params": .list([.string("x")])])
        let a = base.binding("self", to: .string("x")).binding("other", to: .int(1))
        #expect(a.lookup("self").map { strictEqual($0, .string("x")) } == true)
        #expect(a.lookup("other").map { strictEqual($0, .int(1)) } == true)
        #expect(a.lookup("params") != nil)
        #expect(base.lookup("self") == nil)
    }
}

@Suite struct JSONTests {
    @Test func typedRoundTrip() throws {
        let samples = [
            #"{"int":"-9223372036854775808"}"#, #"{"uint":"18446744073709551615"}"#,
            #"{"double":1.5}"#, #"{"double":"NaN"}"#, #"{"double":"Infinity"}"#, #"{"double":"-Infinity"}"#,
            #"{"string":"a\"b\\c\n\u003cx\u003e \u0026 中"}"#, #"{"bytes":"AP8="}"#, #"{"bool":true}"#,
            #"{"null":null}"#, #"{"list":[{"int":"1"},{"string":"x"}]}"#,
            #"{"map":[{"key":{"string":"b"},"value":{"int":"1"}},{"key":{"int":"2"},"value":{"list":[]}}]}"#,
            #"{"type":"int"}"#, #"{"timestamp":"2009-02-13T23:31:30.5Z"}"#, #"{"duration":"1.5s"}"#,
            #"{"ip":"10.0.0.1"}"#, #"{"cidr":"10.0.0.0/8"}"#,
        ]
        for s in samples {
            let v = try TypedJSON.decode(s)
            #expect(TypedJSON.encode(v) == s)
        }
        #expect(TypedJSON.encode(eval("1 / 0")) == #"{"error":"divide by zero"}"#)
        #expect(TypedJSON.encode(.double(5)) == #"{"double":5}"#)
        #expect(TypedJSON.encode(.double(0.1)) == #"{"double":0.1}"#)
    }

    @Test func typedDecodingErrors() {
        for bad in [#"{"int":"x"}"#, #"{"int":"5","uint":"5"}"#, #"{"float":1}"#, "[]", #"{"bytes":"!!"}"#,
                    #"{"map":[{"key":{"double":1},"value":{"null":null}}]}"#, #"{"timestamp":"2020-13-01T00:00:00Z"}"#,
                    #"{"list":[{"int":"1"}"#, #"{"bool":"true"}"#] {
            #expect(throws: TypedJSONError.self) { try TypedJSON.decode(bad) }
        }
        do {
            _ = try TypedJSON.decode(#"{"list":[{"int":"1"},{"int":true}]}"#)
        } catch {
            #expect(error.message.contains("$.list[1].int"))
        }
    }

    @Test func plainJSON() {
        let v = eval("{'a': [1, 2u, 1.5, true, null], 1: b'hi', 'ts': timestamp('2020-01-01T00:00:00Z'), 'd': duration('90s'), 'html': '<a>&', 'nan': double('NaN')}")
        #expect(PlainJSON.encode(v) ==
            #"{"a":[1,2,1.5,true,null],"1":"aGk=","ts":"2020-01-01T00:00:00Z","d":"90s","html":"\u003ca\u003e\u0026","nan":"NaN"}"#)
        #expect(PlainJSON.encode(eval("1/0")) == #"{"error":"divide by zero"}"#)
    }
}

@Suite struct ValueConformanceTests {
    @Test func equatableAndDescription() {
        #expect(eval("[1, 'a', {'k': 2u}]") == .list([.int(1), .string("a"), .map([(.string("k"), .uint(2))])]))
        #expect(eval("1") != .uint(1))
        #expect(eval("{1: 'x'}") != .map([(.uint(1), .string("x"))]))
        #expect(Value.double(.nan) != .double(.nan))
        #expect(eval("[1, 'a', 2u, b'x', timestamp('2020-01-01T00:00:00Z')]").description
            == #"[1, "a", 2u, b"x", timestamp("2020-01-01T00:00:00Z")]"#)
        #expect(eval("1/0").description == "<error: divide by zero>")
    }
}

@Suite struct RegexLimitTests {
    @Test func catastrophicBacktrackingIsBounded() {
        let start = Date()
        // (a+)+$ backtracks exponentially in ICU; the cost budget stops it.
        let v = eval("s.matches('(a+)+$')", ["s": .string(String(repeating: "a", count: 40) + "b")])
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(v == .error("cost limit exceeded"))
        let w = eval("s.matches(p)", ["s": .string(String(repeating: "a", count: 40) + "b"), "p": .string("(a+)+$")])
        #expect(w == .error("cost limit exceeded"))
        #expect(eval("'aaab'.matches('(a+)+b')") == .bool(true))
        #expect(eval("s.matches(p)", ["s": .string("abc"), "p": .string("b")]) == .bool(true))
        #expect(eval("s.matches(p)", ["s": .string("abc"), "p": .string("(")]).isError)
    }
}

@Suite struct RegexSyntaxTests {
    @Test func repetitionLimit() {
        #expect(eval("'aa'.matches('a{2}')") == .bool(true))
        #expect(eval("'aa'.matches('a{1,1000}')") == .bool(true))
        #expect(eval("s.matches('a{1001}')", ["s": .string("a")]).isError)
    }
}

@Suite struct ProgramInfoTests {
    @Test func referencedVariables() throws {
        let p = try Program(parsing: "self.software.exists(s, s in params.remote) && asOf > date('2026-01-01') && type(1) == int && google.protobuf.Timestamp != null")
        #expect(p.variables == ["self", "params", "asOf"])
        #expect(try Program(parsing: "[1].all(x, x > 0)").variables.isEmpty)
    }
}
