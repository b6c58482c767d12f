import Foundation
import Testing

@Suite("yunwang validate, init, schema, help (end to end)")
struct ValidateCommandTests {
    @Test("the examples validate", arguments: ["baotou", "xingan", "henan"])
    func examplesValidate(_ name: String) throws {
        let r = try CLI.run(["validate", "examples/\(name)"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("✓ 台账有效："))
        // Only warnings (a planted date after as-of in the Baotou example, issue #16 A4).
        #expect(r.err.split(separator: "\n").allSatisfy { $0.hasPrefix("警告：") }, "\(r.err)")
        #expect(r.code == 0)
    }

    @Test("validate warns about dates after the inventory's as_of")
    func futureDatesWarn() throws {
        let r = try CLI.run(["validate", "examples/baotou"])
        #expect(r.code == 0)
        #expect(r.err.contains("警告：terminals/bt-dsj.yaml:61:"), "\(r.err)")
        #expect(r.err.contains("antivirus.last_full_scan 的日期 2026-10-03 晚于台账评估日期 as_of 2026-09-30"), "\(r.err)")
        let en = try CLI.run(["validate", "examples/baotou", "--lang", "en", "--format", "json"])
        #expect(en.out.contains("\"warnings\""), "\(en.out)")
        #expect(en.out.contains("antivirus.last_full_scan 2026-10-03 is after the inventory's as_of 2026-09-30"), "\(en.out)")
    }

    @Test func validateSummarisesTheBaotouExample() throws {
        let r = try CLI.run(["validate", "examples/baotou", "--lang", "en", "--format", "json"])
        #expect(r.code == 0)
        #expect(r.out.contains(#""region": "150200""#))
        #expect(r.out.contains(#""valid": true"#))
    }

    @Test func initWritesAValidInventoryAndRefusesToOverwrite() throws {
        let dir = try Scratch()
        let target = dir.path("new")
        let first = try CLI.run(["init", target, "--region", "152200"])
        #expect(first.code == 0, "\(first.err)")
        let check = try CLI.run(["validate", target])
        #expect(check.code == 0, "\(check.err)")
        #expect(check.out.contains("区划 152200"))
        let units = try String(contentsOfFile: target + "/units.yaml", encoding: .utf8)
        #expect(units.hasPrefix("# yaml-language-server: $schema=./inventory.schema.json"))
        // A second init into the same, now non-empty, directory changes nothing.
        let before = try FileManager.default.contentsOfDirectory(atPath: target).sorted()
        let again = try CLI.run(["init", target])
        #expect(again.code == 2)
        #expect(again.err.contains("init 不会覆盖"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == before)
        // An empty directory is fine.
        try FileManager.default.createDirectory(atPath: dir.path("empty"), withIntermediateDirectories: true)
        #expect(try CLI.run(["init", dir.path("empty")]).code == 0)
        #expect(try CLI.run(["init", dir.path("bad"), "--region", "15020"]).code == 2)
    }

    @Test func helpTeachesAndListsOnlyBuiltCommands() throws {
        let r = try CLI.run(["--help"])
        #expect(r.code == 0)
        // Every command of DESIGN §5, each with a line of help.
        for command in ["validate", "check", "diff", "report", "site", "notice", "policy", "plan", "schema", "init"] {
            #expect(r.out.contains("  \(command) "), "\(command)")
        }
        #expect(r.out.contains("退出码 / exit codes"))
        let v = try CLI.run(["--version"])
        #expect(v.code == 0 && v.out.hasPrefix("yunwang 0.1.0 (commit "), "\(v.out)")  // GateCommandTests checks the commit
    }

    @Test func commandLineMistakesExitWith2() throws {
        #expect(try CLI.run(["frobnicate"]).code == 2)
        #expect(try CLI.run(["validate", "--no-such-flag"]).code == 2)
        #expect(try CLI.run(["validate", "--max-file-size", "-1"]).code == 2)
        let missing = try CLI.run(["validate", "no/such/dir"])
        #expect(missing.code == 2)
        #expect(missing.err.hasPrefix("no/such/dir:1:1: 错误: 路径不存在"))
    }

    @Test func validateAsJSONReportsErrorsWithPlaces() throws {
        let dir = try Scratch()
        try dir.write("a.yaml", "inventory: {name: x, region: \"150200\", level: town}\n")
        let r = try CLI.run(["validate", dir.url.path, "--format", "json"])
        #expect(r.code == 2)
        #expect(r.out.contains(#""valid": false"#))
        #expect(r.out.contains(#""line": 1"#))
        #expect(r.out.contains(#""column": 47"#))
    }
}
