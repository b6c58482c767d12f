import Foundation
import Testing

/// docs/spreadsheets.md: its ```csv NAME blocks form a folder that imports, validates and
/// checks; its ```csv-invalid NAME block, put in place of NAME, gives exactly the lines of
/// its ```text import-errors block.
@Suite("docs/spreadsheets.md examples")
struct DocsSpreadsheetsTests {
    /// (info string, body) of every fenced block.
    static func blocks() throws -> [(String, String)] {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent("docs/spreadsheets.md"), encoding: .utf8)
        var out: [(String, String)] = []
        var current: (String, [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix("```"), line.count > 3 {
                current = (String(line.dropFirst(3)), [])
            } else if let c = current, line == "```" {
                out.append((c.0, c.1.joined(separator: "\n") + "\n"))
                current = nil
            } else {
                current?.1.append(line)
            }
        }
        return out
    }

    @Test func theCSVExampleImportsValidatesAndChecks() throws {
        let blocks = try Self.blocks()
        let csv = blocks.filter { $0.0.hasPrefix("csv ") }
        #expect(csv.count == 3)
        let dir = try Scratch()
        for (info, body) in csv { try dir.write("sheets/" + info.dropFirst(4), body) }
        let r = try CLI.run(["import", dir.path("sheets"), "--output", dir.path("inv")])
        #expect(r.code == 0, "\(r.err)")
        #expect(try CLI.run(["validate", dir.path("inv")]).code == 0)
        let check = try CLI.run(["check", dir.path("inv"), "--format", "json", "--fail-on", "never"])
        let json = try JSONSerialization.jsonObject(with: Data(check.out.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        let lines = try String(contentsOfFile: dir.path("inv/terminals.yaml"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        for (rule, text) in [("BT-42-5-FIREWALL", "firewall: false"), ("BT-42-8", "\"ToDesk\"")] {
            let f = findings.first { $0["rule"] as? String == rule && ($0["target"] as? [String: Any])?["id"] as? String == "sj-0002" }
            let loc = f?["location"] as? [String: Any]
            #expect(loc?["file"] as? String == "terminals.yaml", "\(rule)")
            let line = (loc?["line"] as? Int) ?? 0
            #expect(line > 0 && lines[line - 1].contains(text), "\(rule) at line \(line)")
        }
        let ledger = try CLI.run(["check", dir.path("inv"), "--format", "xlsx", "--output", dir.path("整改台账.xlsx"), "--fail-on", "never"])
        #expect(ledger.code == 0, "\(ledger.err)")
        let template = try CLI.run(["template", "--output", dir.path("台账模板.xlsx")])
        #expect(template.code == 0)
    }

    @Test func theInvalidExampleGivesTheDocumentedErrors() throws {
        let blocks = try Self.blocks()
        let invalid = try #require(blocks.first { $0.0.hasPrefix("csv-invalid ") })
        let expected = try #require(blocks.first { $0.0 == "text import-errors" }).1
        let dir = try Scratch()
        for (info, body) in blocks where info.hasPrefix("csv ") { try dir.write("sheets/" + info.dropFirst(4), body) }
        try dir.write("sheets/" + invalid.0.dropFirst(12), invalid.1)
        let r = try CLI.run(["import", dir.path("sheets"), "--output", dir.path("inv")])
        #expect(r.code == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.path("inv")))
        #expect(r.err == expected, "documented:\n\(expected)\nactual:\n\(r.err)")
    }
}
