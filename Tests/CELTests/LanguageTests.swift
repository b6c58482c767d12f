import Foundation
import Testing
@testable import CEL

func expectValue(_ expr: String, _ want: Value, _ bindings: [String: Value] = [:],
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let got = eval(expr, bindings)
    #expect(strictEqual(got, want), "\(expr) => \(TypedJSON.encode(got)), want \(TypedJSON.encode(want))",
            sourceLocation: sourceLocation)
}

func expectError(_ expr: String, _ fragment: String = "", _ bindings: [String: Value] = [:],
                 sourceLocation: SourceLocation = #_sourceLocation) {
    let got = eval(expr, bindings)
    guard case .error(let e) = got else {
        Issue.record("\(expr) => \(TypedJSON.encode(got)), want an error", sourceLocation: sourceLocation)
        return
    }
    #expect(!e.message.hasPrefix("PARSE:"), "\(expr): \(e.message)", sourceLocation: sourceLocation)
    #expect(fragment.isEmpty || e.message.contains(fragment), "\(expr): \(e.message)", sourceLocation: sourceLocation)
}

func expectParseError(_ expr: String, line: Int, column: Int, _ fragment: String = "",
                      sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try Program(parsing: expr)
        Issue.record("\(expr) parsed, want a parse error", sourceLocation: sourceLocation)
    } catch {
        #expect(error.line == line && error.column == column, "\(error)", sourceLocation: sourceLocation)
        #expect(fragment.isEmpty || error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct LexisTests {
    @Test func numbers() {
        expectValue("0x1F", .int(31))
        expectValue("0x1Fu", .uint(31))
        expectValue("18446744073709551615u", .uint(.max))
        expectValue("-9223372036854775808", .int(.min))
        expectValue("1e3", .double(1000))
        expectValue(".5", .double(0.5))
        expectValue("2.5e-1", .double(0.25))
        expectValue("--5", .int(5))
        expectParseError("9223372036854775808", line: 1, column: 1, "invalid int literal")
        expectParseError("18446744073709551616u", line: 1, column: 1, "invalid int literal")
    }

    @Test func stringEscapes() {
        expectValue(#"'\a\b\f\n\r\t\v\\\'\"\`\?'"#, .string("\u{07}\u{08}\u{0C}\n\r\t\u{0B}\\'\"`?"))
        expectValue(#"'\101\x41\u0041\U00000041'"#, .string("AAAA"))
        expectValue(#"'\u4e2d\U0001F600'"#, .string("中😀"))
        expectValue(#"r'\n'"#, .string("\\n"))
        expectValue(#"R"\d+""#, .string("\\d+"))
        expectValue("'''a\nb'''", .string("a\nb"))
        expectValue(#""""x "quoted" y""""#, .string("x \"quoted\" y"))
        expectValue(#"b'\xff\377'"#, .bytes([0xff, 0xff]))
        expectValue(#"b'\u00ff'"#, .bytes([0xc3, 0xbf]))
        expectValue(#"rb'\x'"#, .bytes(Array("\\x".utf8)))
        expectValue(#"'\xff' == '\u00ff'"#, .bool(true))
        expectParseError(#"'\q'"#, line: 1, column: 2, "escape")
        expectParseError("'abc", line: 1, column: 1, "unterminated")
        expectParseError("'a\nb'", line: 1, column: 3, "newline")
        expectParseError(#"'\uD800'"#, line: 1, column: 2)
    }

    @Test func commentsAndWhitespace() {
        expectValue("1 + // one\n 2", .int(3))
    }

    @Test func reservedWords() {
        expectParseError("if", line: 1, column: 1, "reserved")
        expectParseError("a.b + while", line: 1, column: 7, "reserved")
    }

    @Test func parseErrorFormat() {
        do {
            _ = try Program(parsing: "a +\n  * b")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2 && error.column == 3)
            #expect(error.description == "ERROR: <input>:2:3: Syntax error: mismatched input '*' expecting an expression\n |   * b\n | ..^")
        }
    }
}

@Suite struct SyntaxTests {
    @Test func precedence() {
        expectValue("1 + 2 * 3", .int(7))
        expectValue("(1 + 2) * 3", .int(9))
        expectValue("10 - 4 - 3", .int(3))
        expectValue("2 * 3 % 4", .int(2))
        expectValue("1 < 2 == true", .bool(true))
        expectValue("true || false && false", .bool(true))
        expectValue("!true || true", .bool(true))
        expectValue("-2 * -3", .int(6))
        expectValue("true ? 1 : false ? 2 : 3", .int(1))
        expectValue("false ? 1 : false ? 2 : 3", .int(3))
        expectValue("1 + 1 in [2]", .bool(true))
        expectValue("[1, 2, 3][1] + {'a': 5}.a", .int(7))
    }

    @Test func literalsAndMembers() {
        expectValue("[1, 2, 3,]", .list([.int(1), .int(2), .int(3)]))
        expectValue("{'a': 1, 'b': 2,}.b", .int(2))
        expectValue("'abc'.size()", .int(3))
        expectValue("size('abc')", .int(3))
        expectValue(".x", .int(4), ["x": .int(4)])
        expectError("{'a': 1, 'a': 2}", "repeated key")
        expectError("{[1]: 2}", "key type")
    }

    @Test func messageConstructionParsesButFails() {
        expectError("Foo{a: 1}", "message construction")
        expectError("google.protobuf.Int64Value{value: 1}", "message construction")
    }

    @Test func unknownFunctionIsAPlanError() {
        expectParseError("1 + nope(2)", line: 1, column: 5, "undeclared reference to 'nope'")
        expectParseError("'a'.size(1, 2)", line: 1, column: 5, "no matching overload")
    }

    @Test func nestingLimits() {
        let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        expectParseError(deep, line: 1, column: 251, "recursion")
        let lists = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: CELParseError.self) { try Program(parsing: lists) }
        let chain = Array(repeating: "1", count: 20000).joined(separator: " + ")
        #expect(throws: CELParseError.self) { try Program(parsing: chain) }
        // Long && / || chains are balanced and stay within the limit.
        let ors = Array(repeating: "false", count: 2000).joined(separator: " || ") + " || true"
        expectValue(ors, .bool(true))
        let nots = String(repeating: "!", count: 100) + "true"
        expectValue(nots, .bool(true))
        let big = String(repeating: "a", count: 100_001)
        #expect(throws: CELParseError.self) { try Program(parsing: big) }
    }
}

@Suite struct SemanticsTests {
    @Test func logicAbsorbsErrors() {
        expectValue("false && (1/0 > 0)", .bool(false))
        expectValue("(1/0 > 0) && false", .bool(false))
        expectValue("true || (1/0 > 0)", .bool(true))
        expectValue("(1/0 > 0) || true", .bool(true))
        expectError("(1/0 > 0) && true", "divide by zero")
        expectError("true && 'x'", "no matching overload")
        expectValue("'x' || true", .bool(true))
        expectError("1 ? 2 : 3", "no matching overload")
        expectError("(1/0 > 0) ? 2 : 3", "divide by zero")
        expectValue("true ? 1 : 1/0", .int(1))
        // Calls on constants are folded at plan time; a failing one still fails (and is
        // absorbed) at evaluation.
        expectValue("false && int('x') == 1", .bool(false))
        expectValue("int('x') == 1 || true", .bool(true))
        expectError("int('x') == 1", "cannot convert")
        expectValue("cidr('10.0.0.0/8').containsIP(ip)", .bool(true), ["ip": .string("10.2.3.4")])
    }

    @Test func arithmeticErrors() {
        expectError("9223372036854775807 + 1", "overflow")
        expectError("-9223372036854775808 - 1", "overflow")
        expectError("-(-9223372036854775808)", "overflow")
        expectError("-9223372036854775808 / -1", "overflow")
        expectError("-9223372036854775808 % -1", "overflow")
        expectError("9223372036854775807 * 2", "overflow")
        expectError("0u - 1u", "overflow")
        expectError("18446744073709551615u + 1u", "overflow")
        expectError("1 / 0", "divide by zero")
        expectError("1 % 0", "modulus by zero")
        expectError("1u / 0u", "divide by zero")
        expectError("1 + 1u", "no matching overload")
        expectError("1.5 % 1.0", "no matching overload")
        expectValue("1.0 / 0.0", .double(.infinity))
        expectValue("-7 / 2", .int(-3))
        expectValue("-7 % 2", .int(-1))
    }

    @Test func heterogeneousNumbers() {
        expectValue("1 == 1u", .bool(true))
        expectValue("1 == 1.0", .bool(true))
        expectValue("1u == 1.5", .bool(false))
        expectValue("-1 < 0u", .bool(true))
        expectValue("2 > 1.5", .bool(true))
        expectValue("9223372036854775807 < 9223372036854777857.0", .bool(true))
        expectValue("9223372036854775807 < 9223372036854775808.0", .bool(false))  // as cel-go: equal through double
        expectValue("18446744073709551615u > 1.0", .bool(true))
        expectValue("1 == 'a'", .bool(false))
        expectValue("[1, 'a'] == [1.0, 'a']", .bool(true))
        expectValue("{1: 'a'}[1u]", .string("a"))
        expectValue("{1: 'a'}[1.0]", .string("a"))
        expectValue("{1u: 'a'}[1]", .string("a"))
        expectError("{1: 'a'}[1.5]", "no such key")
        expectValue("1.0 in [1]", .bool(true))
        expectValue("2u in {2: 'x'}", .bool(true))
        expectError("1 < 'a'", "no matching overload")
    }

    @Test func nan() {
        expectValue("double('NaN') == double('NaN')", .bool(false))
        expectValue("double('NaN') != double('NaN')", .bool(true))
        expectValue("double('NaN') < 1.0", .bool(false))
        expectValue("double('NaN') >= 1.0", .bool(false))
        expectValue("double('NaN') in [double('NaN')]", .bool(false))
    }

    @Test func strings() {
        expectValue("size('中文')", .int(2))
        expectValue("'中文'.size()", .int(2))
        expectValue("'a' < 'b' && 'B' < 'a'", .bool(true))
        expectValue("'\\u00e9' == 'e\\u0301'", .bool(false))  // code points, not canonical equivalence
        expectValue("'e\\u0301x'.startsWith('e')", .bool(true))
        expectValue("'远程软件'.contains('软')", .bool(true))
        expectValue("'abc'.endsWith('bc')", .bool(true))
        expectValue("'abc'.matches('^a.c$')", .bool(true))
        expectValue("'abc'.matches('b')", .bool(true))
        expectValue("matches('abc', 'x')", .bool(false))
        expectValue("'ab12'.matches(r'\\d+')", .bool(true))
        expectValue("'aa'.matches('(?P<x>a)a')", .bool(true))
        expectParseError("'aa'.matches('(a)\\\\1')", line: 1, column: 14, "backreference")
        expectParseError("'ab'.matches('a(?=b)')", line: 1, column: 14, "lookaround")
        let p = "'(a'"
        expectError("'a'.matches(\(p) + '')", "invalid regular expression")
    }

    @Test func listsAndMaps() {
        expectValue("[1, 2] + [3]", .list([.int(1), .int(2), .int(3)]))
        expectValue("[[1], [2]] == [[1], [2]]", .bool(true))
        expectValue("{'a': 1, 'b': 2} == {'b': 2, 'a': 1}", .bool(true))
        expectValue("{'a': 1} == {'a': 1.0}", .bool(true))
        expectValue("'a' in {'a': 1}", .bool(true))
        expectError("[1, 2][2]", "index out of bounds")
        expectError("[1, 2][-1]", "index out of bounds")
        expectError("{'a': 1}.b", "no such key")
        expectError("{'a': 1}['b']", "no such key")
        expectError("1.b", "does not support field selection")
        expectValue("has({'a': 1}.a)", .bool(true))
        expectValue("has({'a': 1}.b)", .bool(false))
        expectValue("has(m.a.b)", .bool(true), ["m": .map([(.string("a"), .map([(.string("b"), .null)]))])])
        expectError("has(x.a)", "has()", ["x": .int(1)])
        expectParseError("has(a)", line: 1, column: 1, "has()")
    }

    @Test func macros() {
        expectValue("[1, 2, 3].all(x, x > 0)", .bool(true))
        expectValue("[1, 2, 3].exists(x, x > 2)", .bool(true))
        expectValue("[1, 2, 3].exists_one(x, x > 2)", .bool(true))
        expectValue("[1, 2, 3].map(x, x * 2)", .list([.int(2), .int(4), .int(6)]))
        expectValue("[1, 2, 3].map(x, x > 1, x * 10)", .list([.int(20), .int(30)]))
        expectValue("[1, 2, 3].filter(x, x != 2)", .list([.int(1), .int(3)]))
        expectValue("{'a': 1, 'b': 2}.map(k, k)", .list([.string("a"), .string("b")]))
        expectValue("{'a': 1, 'b': 2}.all(k, k.size() == 1)", .bool(true))
        // Errors: a false (all) / true (exists) anywhere wins; otherwise the error.
        expectValue("[0, 1].all(x, 1 / x > 5)", .bool(false))
        expectValue("[1, 0].all(x, 1 / x > 5)", .bool(false))
        expectError("[1, 0].all(x, 1 / x > 0)", "divide by zero")
        expectValue("[0, 1].exists(x, 1 / x == 1)", .bool(true))
        expectError("[0, 1].exists(x, 1 / x == 5)", "divide by zero")
        expectError("[0, 1].map(x, 1 / x)", "divide by zero")
        expectError("[1].all(x, x)", "no matching overload")
        // Nested comprehensions and shadowing.
        expectValue("[1, 2].all(x, [3, 4].exists(y, y > x))", .bool(true))
        expectValue("[1, 2].map(x, [x].map(x, x * 10))", .list([.list([.int(10)]), .list([.int(20)])]))
        expectValue("x.exists(x, x == 2)", .bool(true), ["x": .list([.int(1), .int(2)])])
        expectError("1.all(x, true)", "no matching overload")
    }

    @Test func typesAndConversions() {
        expectValue("type(1) == int", .bool(true))
        expectValue("type(1u) == uint && type(1.0) == double && type('') == string", .bool(true))
        expectValue("type(type(1))", .type(.type))
        expectValue("type(null) == null_type", .bool(true))
        expectValue("type(timestamp('2020-01-01T00:00:00Z')) == google.protobuf.Timestamp", .bool(true))
        expectValue("int('-42')", .int(-42))
        expectValue("int(3.9)", .int(3))
        expectValue("int(-3.9)", .int(-3))
        expectError("int(9.3e18)", "range")
        expectError("int('1.5')", "cannot convert")
        expectError("uint(-1)", "range")
        expectValue("uint(3.7)", .uint(3))
        expectError("int(18446744073709551615u)", "range")
        expectValue("double('1e3')", .double(1000))
        expectError("double('0x10')", "cannot convert")
        expectValue("string(1.5)", .string("1.5"))
        expectValue("string(1e21)", .string("1e+21"))
        expectValue("string(0.0001)", .string("0.0001"))
        expectValue("string(true)", .string("true"))
        expectValue("string(b'abc')", .string("abc"))
        expectError("string(b'\\xff')", "UTF-8")
        expectValue("bytes('é')", .bytes([0xc3, 0xa9]))
        expectValue("bool('true') && !bool('0')", .bool(true))
        expectError("bool('yes')", "cannot convert")
        expectValue("dyn(1) == 1", .bool(true))
        expectValue("int(timestamp('1970-01-01T00:01:00Z'))", .int(60))
    }

    @Test func variables() {
        expectValue("self.software.exists(s, s in params.remote)", .bool(true), [
            "self": .map([(.string("software"), .list([.string("WPS"), .string("ToDesk")]))]),
            "params": .map([(.string("remote"), .list([.string("向日葵"), .string("ToDesk")]))]),
        ])
        expectError("missing + 1", "no such attribute")
        expectValue("a.b.c", .string("dotted"), ["a.b.c": .string("dotted"), "a": .map([(.string("b"), .map([]))])])
        expectValue("a.b.c", .string("via map"), ["a.b": .map([(.string("c"), .string("via map"))])])
        expectValue("int", .type(.int))
        expectValue("int", .string("shadowed"), ["int": .string("shadowed")])
    }
}
