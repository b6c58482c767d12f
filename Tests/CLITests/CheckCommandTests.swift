import Foundation
import Testing

/// `yunwang check` end to end on real inventories: exit codes, formats,
/// dates, baselines, parameters, custom policies and bad input.
@Suite("yunwang check (end to end)")
struct CheckCommandTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func findings(_ doc: [String: Any]) -> [[String: Any]] {
        doc["findings"] as? [[String: Any]] ?? []
    }

    /// A copy of the Baotou example to edit.
    static func baotouCopy() throws -> Scratch {
        let dir = try Scratch()
        let source = CLI.repository.appendingPathComponent("examples/baotou")
        try FileManager.default.removeItem(at: dir.url)
        try FileManager.default.copyItem(at: source, to: dir.url)
        return dir
    }

    @Test func theBaotouExampleHasOpenHighFindings() throws {
        let r = try CLI.run(["check", "examples/baotou"])
        #expect(r.code == 1)
        #expect(r.out.contains("合计：未整改"))
        #expect(r.out.contains("依据：包政数发〔2025〕11号"))
        #expect(try CLI.run(["check", "examples/baotou", "--fail-on", "never"]).code == 0)
        #expect(try CLI.run(["check", "examples/baotou", "--lang", "en"]).out.contains("total:"))
    }

    @Test func jsonFollowsTheContractAndIsDeterministic() throws {
        let a = try CLI.run(["check", "examples/baotou", "--format", "json"])
        let b = try CLI.run(["check", "examples/baotou", "--format", "json"])
        #expect(a.out == b.out)
        let doc = try Self.json(a.out)
        #expect((doc["tool"] as? [String: Any])?["name"] as? String == "yunwang")
        #expect(doc["as_of"] as? String == "2026-09-30")
        let findings = Self.findings(doc)
        #expect(findings.count > 20)
        let summary = try #require(doc["summary"] as? [String: Any])
        let open = findings.filter { $0["status"] as? String == "open" }
        #expect(summary["open"] as? Int == open.count)
        #expect(summary["waived"] as? Int == findings.filter { $0["status"] as? String == "waived" }.count)
        let bySeverity = try #require(summary["by_severity"] as? [String: Int])
        #expect(bySeverity.values.reduce(0, +) == open.count)
        // Sorted by severity (high first), then rule, target kind, target id.
        let rank = ["high": 3, "medium": 2, "low": 1, "info": 0]
        let keys = findings.map { f -> (Int, String, String, String) in
            let t = f["target"] as? [String: String] ?? [:]
            return (-(rank[f["severity"] as? String ?? ""] ?? 0), f["rule"] as? String ?? "", t["kind"] ?? "", t["id"] ?? "")
        }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        for f in findings {
            let location = try #require(f["location"] as? [String: Any])
            #expect((location["line"] as? Int ?? 0) > 0)
            #expect(!(location["file"] as? String ?? "/").hasPrefix("/"))
            #expect((f["fingerprint"] as? String)?.count == 64)
            let citation = try #require(f["citation"] as? [String: String])
            #expect(!(citation["quote"] ?? "").isEmpty)
        }
    }

    @Test func outputIsWrittenAtomicallyAndNotOnBadInput() throws {
        let dir = try Scratch()
        let out = dir.path("findings.json")
        let r = try CLI.run(["check", "examples/baotou", "--format", "json", "--output", out])
        #expect(r.code == 1)
        #expect(r.out.isEmpty)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains(#""findings""#))
        // Writing again replaces the file in place.
        let again = try CLI.run(["check", "examples/baotou", "--format", "json", "--output", out])
        #expect(again.code == 1, "\(again.err)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == written)
        // Bad input: exit 2, the earlier file is untouched, no stray temporary files.
        try dir.write("bad/a.yaml", "inventory: {name: x, region: \"150200\", level: city, as_of: 2026-02-30}\n")
        let bad = try CLI.run(["check", dir.path("bad"), "--format", "json", "--output", out])
        #expect(bad.code == 2)
        #expect(bad.err.contains("a.yaml:1:60"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["bad", "findings.json"])
        let fresh = dir.path("never.json")
        #expect(try CLI.run(["check", dir.path("bad"), "--output", fresh]).code == 2)
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test func datesMoveDeadlines() throws {
        let q3 = try Self.json(CLI.run(["check", "examples/baotou", "--format", "json", "--quarter", "2026Q3"]).out)
        #expect(q3["as_of"] as? String == "2026-09-30")
        let q4 = try Self.json(CLI.run(["check", "examples/baotou", "--format", "json", "--quarter", "2026Q4", "--due-soon-days", "0"]).out)
        #expect(q4["as_of"] as? String == "2026-12-31")
        let early = try Self.json(CLI.run(["check", "examples/baotou", "--format", "json", "--as-of", "2024-10-15"]).out)
        let plan = Self.findings(early).filter { $0["rule"] as? String == "PLAN-DEADLINE" }
        #expect(plan.contains { $0["status"] as? String == "due-soon" && $0["due"] as? String == "2024-12-31" })
        #expect(try CLI.run(["check", "examples/baotou", "--quarter", "2026Q5"]).code == 2)
        #expect(try CLI.run(["check", "examples/baotou", "--as-of", "2026-02-30"]).code == 2)
        #expect(try CLI.run(["check", "examples/baotou", "--as-of", "2026-09-30", "--quarter", "2026Q3"]).code == 2)
    }

    @Test func aBaselineFailsOnlyOnNewFindings() throws {
        let dir = try Self.baotouCopy()
        let baseline = try Scratch()
        let base = baseline.path("base.json")
        _ = try CLI.run(["check", dir.url.path, "--format", "json", "--output", base])
        #expect(try CLI.run(["check", dir.url.path, "--baseline", base]).code == 0)
        // A new high violation: remote-control software on a clean terminal.
        try dir.write("terminals/zz-new.yaml", """
        terminals:
          - {id: zz-new-0001, unit: bt-sjj, ip: 10.15.16.250, mac: "00:1a:2b:3c:4d:ff", user: newuser, real_name: true, firewall: true,
             antivirus: {installed: true, signatures: 2026-09-29, last_full_scan: 2026-09-28}, software: [向日葵]}
        """)
        let r = try CLI.run(["check", dir.url.path, "--baseline", base, "--format", "json"])
        #expect(r.code == 1)
        let old = Set(Self.findings(try Self.json(try String(contentsOfFile: base, encoding: .utf8))).compactMap { $0["fingerprint"] as? String })
        let new = Self.findings(try Self.json(r.out)).filter { !old.contains($0["fingerprint"] as? String ?? "") }
        #expect(new.map { $0["rule"] as? String } == ["BT-42-8"])
        #expect(try CLI.run(["check", dir.url.path, "--baseline", dir.path("inventory.yaml")]).code == 2)
    }

    @Test func parametersCanBeOverridden() throws {
        func count(_ args: [String]) throws -> Int {
            Self.findings(try Self.json(CLI.run(["check", "examples/baotou", "--format", "json"] + args).out)).filter { $0["rule"] as? String == "BT-21" }.count
        }
        let base = try count([])
        #expect(try count(["--param", "BT-21.months=1"]) > base)
        #expect(try CLI.run(["check", "examples/baotou", "--param", "NO-SUCH.x=1"]).code == 2)
        #expect(try CLI.run(["check", "examples/baotou", "--param", "novalue"]).code == 2)
    }

    static let customRule = """
    id: LOCAL-NAME
    title: {zh: 单位名称不能含“测试”, en: No test units}
    severity: high
    applies_to: unit
    assert: "!self.name.contains('测试')"
    message: {zh: "单位 {{self.id}} 名称含“测试”", en: "unit {{self.id}} is a test unit"}
    citation: {document: 本地规定, title: 本地规定, article: 第一条, quote: 正式台账不得含测试单位。}
    examples:
      - {expect: pass, self: {id: a, name: 市局}}
      - {expect: fail, self: {id: b, name: 测试单位}}
    """

    @Test func customPoliciesAddAndOverride() throws {
        let dir = try Scratch()
        try dir.write("inv/a.yaml", """
        inventory: {name: t, region: "150200", level: city, as_of: 2026-09-30}
        units:
          - {id: u1, name: 测试单位, access: {method: leased-line}, documents: [responsibility-letter, ip-confirmation, ops-form, confidentiality-pledge], ops_lead: 张三, admins: [李四]}
        """)
        try dir.write("rules/local/LOCAL-NAME.yaml", Self.customRule)
        let r = try CLI.run(["check", dir.path("inv"), "--policies", dir.path("rules"), "--format", "json"])
        #expect(r.code == 1, "\(r.err)")
        let rules = Set(Self.findings(try Self.json(r.out)).compactMap { $0["rule"] as? String })
        #expect(rules.contains("LOCAL-NAME"))
        // Overriding a built-in by id: BT-13 that always passes.
        try dir.write("rules/local/BT-13.yaml", Self.customRule.replacingOccurrences(of: "LOCAL-NAME", with: "BT-13").replacingOccurrences(of: "!self.name.contains('测试')", with: "true || self.id == 'x'"))
        try dir.write("rules/local/BT-13.yaml", (try String(contentsOfFile: dir.path("rules/local/BT-13.yaml"), encoding: .utf8))
            .replacingOccurrences(of: "- {expect: fail, self: {id: b, name: 测试单位}}", with: "- {expect: fail, self: {id: x, name: 测试单位}}")
            .replacingOccurrences(of: "true || self.id == 'x'", with: "self.id != 'x'"))
        let o = try CLI.run(["check", dir.path("inv"), "--policies", dir.path("rules"), "--format", "json"])
        #expect(!Self.findings(try Self.json(o.out)).contains { $0["rule"] as? String == "BT-13" })
        #expect(try CLI.run(["policy", "test", dir.path("rules")]).code == 0)
    }

    @Test func brokenPoliciesExit2WithTheirPlace() throws {
        let dir = try Scratch()
        try dir.write("rules/x/BAD-CEL.yaml", Self.customRule.replacingOccurrences(of: "LOCAL-NAME", with: "BAD-CEL")
            .replacingOccurrences(of: "assert: \"!self.name.contains('测试')\"", with: "assert: \"self.name.contains(\""))
        let r = try CLI.run(["check", "examples/baotou", "--policies", dir.path("rules")])
        #expect(r.code == 2)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("BAD-CEL.yaml:5:"), "\(r.err)")
        try FileManager.default.removeItem(atPath: dir.path("rules/x/BAD-CEL.yaml"))
        try dir.write("rules/x/BAD-KEY.yaml", Self.customRule.replacingOccurrences(of: "LOCAL-NAME", with: "BAD-KEY").replacingOccurrences(of: "severity:", with: "severty: high\nseverity:"))
        let k = try CLI.run(["policy", "test", dir.path("rules"), "--help"])
        #expect(k.code == 0)
        let t = try CLI.run(["policy", "test", dir.path("rules")])
        #expect(t.code == 2)
        #expect(t.err.contains("BAD-KEY.yaml:3:1") && t.err.contains("severity"), "\(t.err)")
    }

    @Test func ruleErrorsAndCostBombsExit2NamingTheRule() throws {
        let dir = try Scratch()
        try dir.write("rules/x/LOCAL-NAME.yaml", Self.customRule.replacingOccurrences(of: "assert: \"!self.name.contains('测试')\"", with: "assert: \"self.name.size() / (self.name.size() - self.name.size()) > 0 || self.id == 'a'\""))
        let r = try CLI.run(["check", "examples/baotou", "--policies", dir.path("rules")])
        #expect(r.code == 2)
        #expect(r.err.contains("LOCAL-NAME") && r.err.contains("divide by zero"), "\(r.err)")
        let bomb = (0..<8).map { "[0,1,2,3,4,5,6,7,8,9].all(x\($0), " }.joined() + "true" + String(repeating: ")", count: 8)
        try dir.write("rules/x/LOCAL-NAME.yaml", Self.customRule.replacingOccurrences(of: "assert: \"!self.name.contains('测试')\"", with: "assert: \"\(bomb) || self.name.contains('测试')\""))
        let c = try CLI.run(["check", "examples/baotou", "--policies", dir.path("rules")])
        #expect(c.code == 2)
        #expect(c.err.contains("cost"), "\(c.err)")
        #expect(c.seconds < 20)
    }

    @Test func regionsScopeRulesToTheirObjects() throws {
        let dir = try Scratch()
        try dir.write("a.yaml", """
        inventory: {name: 自治区台账, region: "150000", level: province, as_of: 2026-09-30}
        units:
          - {id: bt-1, name: 包头某局, region: "150203"}
          - {id: hhht-1, name: 呼和浩特某局, region: "150100"}
        """)
        let doc = try Self.json(CLI.run(["check", dir.url.path, "--format", "json", "--fail-on", "never"]).out)
        let bt13 = Self.findings(doc).filter { $0["rule"] as? String == "BT-13" }.compactMap { ($0["target"] as? [String: String])?["id"] }
        #expect(bt13 == ["bt-1"])
        let henan = try Self.json(CLI.run(["check", "examples/henan", "--format", "json", "--fail-on", "never"]).out)
        #expect(!Self.findings(henan).contains { ($0["rule"] as? String ?? "").hasPrefix("BT-") || ($0["rule"] as? String ?? "").hasPrefix("NM-") })
    }

    @Test func aWaivedFindingNeverFails() throws {
        let dir = try Scratch()
        // A county inventory: the 189号 plan's tasks are for province and city level.
        let inventory = """
        inventory: {name: t, region: "150200", level: county, as_of: 2026-09-30}
        units:
          - {id: u1, name: 一局, access: {method: leased-line, last_activity: 2026-09-01}, documents: [responsibility-letter, ip-confirmation, ops-form, confidentiality-pledge], ops_lead: 张三, admins: [李四], ip_segments: [10.1.1.0/24], wireless_aps: 0}
        terminals:
          - {id: t1, unit: u1, ip: 10.1.1.5, mac: "00:1a:2b:3c:4d:5e", user: a, real_name: true, firewall: true, antivirus: {installed: true, signatures: 2026-09-29, last_full_scan: 2026-09-28}, software: [ToDesk]}
        events:
          - {type: risk-assessment, unit: u1, at: "2026-03-01T09:00:00+08:00"}
          - {type: risk-assessment, unit: u1, at: "2026-06-01T09:00:00+08:00"}
          - {type: drill, unit: u1, at: "2026-04-01T09:00:00+08:00"}
          - {type: drill, unit: u1, at: "2026-07-01T09:00:00+08:00"}

        """
        try dir.write("a.yaml", inventory)
        #expect(try CLI.run(["check", dir.url.path]).code == 1)
        try dir.write("w.yaml", "waivers:\n  - {rule: BT-42-8, target: terminal/t1, reason: 厂商远程维护, approved_by: 王五, approval: 包数函〔2026〕3号, expires: 2027-06-30}\n")
        let waived = try CLI.run(["check", dir.url.path, "--format", "json"])
        #expect(waived.code == 0, "\(waived.out)")
        #expect(Self.findings(try Self.json(waived.out)).contains { $0["rule"] as? String == "BT-42-8" && $0["status"] as? String == "waived" })
        // Expired: the finding is open again and the waiver is reported.
        try dir.write("w.yaml", "waivers:\n  - {rule: BT-42-8, target: terminal/t1, reason: 过期, approved_by: 王五, approval: 包数函〔2026〕3号, expires: 2026-06-30}\n")
        let expired = try CLI.run(["check", dir.url.path, "--format", "json"])
        #expect(expired.code == 1)
        let rules = Self.findings(try Self.json(expired.out)).map { "\($0["rule"] ?? "") \($0["status"] ?? "")" }
        #expect(rules.contains("BT-42-8 open") && rules.contains("WAIVER-EXPIRED open"))
    }

    @Test func policyListShowAndPlanList() throws {
        let list = try JSONSerialization.jsonObject(with: Data(try CLI.run(["policy", "list", "--format", "json"]).out.utf8)) as? [[String: Any]] ?? []
        #expect(list.count >= 50)
        for rule in list {
            for key in ["id", "title", "severity", "applies_to", "regions", "citation"] { #expect(rule[key] != nil, "\(key)") }
        }
        let show = try CLI.run(["policy", "show", "BT-42-8"])
        #expect(show.code == 0)
        #expect(show.out.contains("终端设备严禁装有和使用任何远程软件"))
        let unknown = try CLI.run(["policy", "show", "BT-42-99"])  // BT-42-9 exists since issue #16
        #expect(unknown.code == 2)
        #expect(unknown.err.contains("did you mean BT-42-"))
        let tested = try CLI.run(["policy", "test"])
        #expect(tested.code == 0)
        #expect(tested.out.contains(" passed, 0 failed"))
        let plans = try JSONSerialization.jsonObject(with: Data(try CLI.run(["plan", "list", "--format", "json"]).out.utf8)) as? [[String: Any]] ?? []
        #expect((plans.first?["tasks"] as? [Any])?.count == 64)
    }
}

@Suite("rule parameters are checked")
struct ParameterNameTests {
    @Test func misspeltParameterNamesAndRulesAreErrors() throws {
        let bad = try CLI.run(["check", "examples/baotou", "--param", "BT-21.monts=6"])
        #expect(bad.code == 2)
        #expect(bad.err.contains("did you mean months"), "\(bad.err)")
        let dir = try Scratch()
        try dir.write("a.yaml", """
        inventory:
          name: t
          region: "150200"
          level: county
          as_of: 2026-09-30
          params:
            BT-21: {monts: 6}
            BT-99: {x: 1}
            BT-42-8: {remote_software: [向日葵]}
        """)
        let r = try CLI.run(["check", dir.url.path, "--lang", "en"])
        #expect(r.code == 2)
        #expect(r.err.contains("a.yaml:7:13: error: rule BT-21 has no parameter 'monts' (did you mean 'months'?)"), "\(r.err)")
        #expect(r.err.contains("a.yaml:8:5: error: params names rule 'BT-99', which does not exist"), "\(r.err)")
    }
}
