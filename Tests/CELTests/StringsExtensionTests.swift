import Testing
@testable import CEL

@Suite("strings extension")
struct StringsExtensionTests {
    func check(_ expr: String, _ bindings: [String: Value] = [:]) -> Bool {
        eval(expr, bindings) == .bool(true)
    }

    @Test func caseAndSearch() {
        #expect(check("'TeamViewer 15'.lowerAscii() == 'teamviewer 15'"))
        #expect(check("'向日葵 Sunlogin'.upperAscii() == '向日葵 SUNLOGIN'"))
        #expect(check("'ta©o©αT'.indexOf('©', 3) == 4 && 'ta©o©αT'.lastIndexOf('©') == 4"))
        #expect(check("'tacocat'.charAt(3) == 'o' && 'tacocat'.charAt(7) == ''"))
        #expect(eval("'tacocat'.charAt(30)").isError)
        #expect(eval("'tacocat'.lastIndexOf('a', -1)").isError)
    }

    @Test func editing() {
        #expect(check("'{0} days {0} hours'.replace('{0}', '2', 1).replace('{0}', '23') == '2 days 23 hours'"))
        #expect(check("'o©o©o©o'.split('©', -1) == ['o', 'o', 'o', 'o'] && 'a b c'.split(' ', 2) == ['a', 'b c']"))
        #expect(check("'abc'.split('') == ['a', 'b', 'c'] && 'x'.split(' ', 0) == []"))
        #expect(check("'ta©o©αT'.substring(2, 6) == '©o©α'"))
        #expect(eval("'tacocat'.substring(4, 3)") == .error("invalid substring range. start: 4, end: 3"))
        #expect(check("' \\f\\n\\r\\t\\vtext\\u3000'.trim() == 'text' && '\\u200btext'.trim() == '\\u200btext'"))
        #expect(check("['x', 'y'].join('-') == 'x-y' && [].join() == ''"))
        #expect(check("'Ta©oCαt'.reverse() == 'tαCo©aT'"))
        #expect(check("strings.quote('a\"b\\n') == '\"a\\\\\"b\\\\n\"'"))
    }

    @Test func format() {
        #expect(eval("'%s is %d, %.2f, %x, %b, %o'.format(['x', 42, 3.14159, 255, 5, 8])") == .string("x is 42, 3.14, ff, 101, 10"))
        #expect(eval("'%s'.format([{'b': 1, 'a': [1, 2.5, null]}])") == .string("{a: [1, 2.5, null], b: 1}"))
        #expect(eval("'%%%s%%'.format(['t'])") == .string("%t%"))
        #expect(eval("'%d %d'.format([1])") == .error("index 1 out of range"))
        #expect(eval("'%a'.format([1])").isError)
        #expect(eval("'%.0f'.format([2.5])") == .string("2"))
    }

    @Test func chargesBySize() {
        var options = CELOptions()
        options.costLimit = 10_000
        let long = Value.string(String(repeating: "a", count: 1_000_000))
        for expr in ["s.lowerAscii() == s", "s.replace('a', 'bb') == s", "s.split('') == []", "s.indexOf('b') == 1",
                     "s.contains('ab')", "[s].join(s) == s", "s.reverse() == s", "'%s'.format([s]) == s"] {
            #expect(eval(expr, ["s": long], options: options) == .error(.costExceeded), "\(expr)")
        }
        // A replacement that would build a gigantic string is refused before it is built.
        #expect(eval("s.replace('', s)", ["s": long]) == .error(.costExceeded))
    }
}
