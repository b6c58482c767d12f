import Foundation
import Testing

@Suite("yunwang policy eval (end to end)")
struct PolicyEvalCommandTests {
    @Test func typedAndPlainResults() throws {
        let typed = try CLI.run(["policy", "eval", "--var", #"x={"int":"41"}"#, "--format", "typed", "--", "x + 1"])
        #expect(typed.code == 0)
        #expect(typed.out == "{\"int\":\"42\"}\n")
        let months = try CLI.run(["policy", "eval", "--format", "typed", "--", "date('2024-01-31').addMonths(1)"])
        #expect(months.out == "{\"timestamp\":\"2024-02-28T16:00:00Z\"}\n")
        let plain = try CLI.run(["policy", "eval", "--", "{'b': [1, 2u, 1.5, true, null]}"])
        #expect(plain.out == "{\"b\":[1,2,1.5,true,null]}\n")
    }

    @Test func evaluationErrorsExit1AndParseErrorsExit2() throws {
        let div = try CLI.run(["policy", "eval", "--", "1 / 0"])
        #expect(div.code == 1)
        #expect(div.out == "{\"error\":\"divide by zero\"}\n")
        let parse = try CLI.run(["policy", "eval", "--", "1 +"])
        #expect(parse.code == 2)
        #expect(parse.err.hasPrefix("ERROR: <input>:1:4:"))
        #expect(try CLI.run(["policy", "eval", "--var", "x={\"int\":", "--", "x"]).code == 2)
        #expect(try CLI.run(["policy", "eval", "--var", "novalue", "--", "1"]).code == 2)
    }

    @Test func dataPrintsAnyYAMLAsJSON() throws {
        let dir = try Scratch()
        let file = try dir.write("d.yaml", "a: !foo 12\nb: ! 12\nno: [yes, 0o17, .inf, ~]\nc: {x: \"<&>\"}\n")
        let r = try CLI.run(["policy", "eval", "--format", "json", "--data", file, "--", "data"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out == "{\"a\":12,\"b\":\"12\",\"no\":[\"yes\",15,\"Infinity\",null],\"c\":{\"x\":\"\\u003c\\u0026\\u003e\"}}\n")
        let bad = try dir.write("bad.yaml", "a: [1,\n")
        let e = try CLI.run(["policy", "eval", "--data", bad, "--", "data"])
        #expect(e.code == 2)
        #expect(e.err.contains("bad.yaml:2:1"))
    }
}
