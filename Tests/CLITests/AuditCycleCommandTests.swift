import Foundation
import Testing

/// The audit cycle through the binary (DESIGN §9): every finding's owner,
/// remediation, first-seen date, deadline and overdue mark in every format, a
/// two-quarter chain through `--previous`, `--fail-on overdue`, bad orders, and
/// `yunwang notice`.
@Suite("audit cycle (end to end)")
struct AuditCycleCommandTests {
    static let baotou = "examples/baotou"

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLI.run(arguments + ["--format", "json", "--fail-on", "never"])
        #expect(r.code == 0, "\(arguments): \(r.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    }

    static func findings(_ doc: [String: Any]) -> [[String: Any]] { doc["findings"] as? [[String: Any]] ?? [] }

    static func finding(_ doc: [String: Any], _ rule: String, _ id: String) -> [String: Any]? {
        findings(doc).first { $0["rule"] as? String == rule && ($0["target"] as? [String: Any])?["id"] as? String == id }
    }

    @Test func everyFindingCarriesTheAuditCycleFields() throws {
        let doc = try Self.json(["check", Self.baotou])
        let all = Self.findings(doc)
        #expect(all.count > 40)
        for f in all {
            for key in ["remediation", "owner", "first_seen", "rectify_by", "overdue"] {
                #expect(f.keys.contains(key), "\(f["rule"] ?? "") lacks \(key)")
            }
            // Without --previous, first seen is this run's as-of, or an order's issue date.
            let issued = (f["rectification"] as? [String: Any])?["issued"] as? String
            #expect(f["first_seen"] as? String == (issued ?? "2026-09-30"), "\(f["rule"] ?? "")")
        }
        // A terminal's finding is its unit's; a cloud's its operator's.
        let terminal = try #require(Self.finding(doc, "BT-25", "bt-czj-0003"))
        let owner = try #require(terminal["owner"] as? [String: Any])
        #expect(owner["unit"] as? String == "bt-czj" && owner["unit_name"] as? String == "包头市财政局" && owner["ops_lead"] as? String != nil)
        let cloud = try #require(Self.finding(doc, "BT-40-CLOUD-MLPS", "bt-gaj-cloud"))
        #expect((cloud["owner"] as? [String: Any])?["unit"] as? String == "bt-gaj")
        #expect((cloud["remediation"] as? String ?? "").contains("备案"))
        // Deadlines: high 15 days after first seen, from inventory.rectify_days.
        #expect(cloud["rectify_by"] as? String == "2026-10-15" && cloud["overdue"] as? Bool == false)
        // Orders: in time, overdue, reported fixed but still open, unused.
        let inTime = try #require(Self.finding(doc, "BT-42-8", "bt-jyj-0004"))
        #expect((inTime["rectification"] as? [String: Any])?["order"] as? String == "包数整改〔2026〕12号")
        #expect(inTime["rectify_by"] as? String == "2026-10-10" && inTime["overdue"] as? Bool == false)
        let late = try #require(Self.finding(doc, "BT-18", "bt-jy"))
        #expect(late["rectify_by"] as? String == "2026-08-10" && late["overdue"] as? Bool == true)
        #expect(Self.finding(doc, "RECT-NOT-FIXED", "BT-25@terminal/bt-czj-0003")?["severity"] as? String == "medium")
        #expect(Self.finding(doc, "RECT-UNUSED", "BT-16@unit/bt-sjj")?["severity"] as? String == "info")
        #expect(!Self.findings(doc).contains { ($0["target"] as? [String: Any])?["id"] as? String == "BT-42-8@terminal/bt-sjj-0001" },
                "a closed order whose finding is gone is done")
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["overdue"] as? Int == all.filter { $0["overdue"] as? Bool == true }.count)
        #expect((summary["overdue"] as? Int ?? 0) >= 2)
    }

    @Test func aChainOfQuartersKeepsTheFirstSeenDate() throws {
        let dir = try Scratch()
        let q2 = dir.path("2026Q2.json"), q3 = dir.path("2026Q3.json")
        #expect(try CLI.run(["check", Self.baotou, "--quarter", "2026Q2", "--format", "json", "--output", q2, "--fail-on", "never"]).code == 0)
        #expect(try CLI.run(["check", Self.baotou, "--quarter", "2026Q3", "--previous", q2, "--format", "json", "--output", q3, "--fail-on", "never"]).code == 0)
        let third = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: q3))) as? [String: Any])
        // BT-40-CLOUD-MLPS was open in Q2 already: first seen then, 15 days to fix, overdue in Q3.
        let persisting = try #require(Self.finding(third, "BT-40-CLOUD-MLPS", "bt-gaj-cloud"))
        #expect(persisting["first_seen"] as? String == "2026-06-30")
        #expect(persisting["rectify_by"] as? String == "2026-07-15" && persisting["overdue"] as? Bool == true)
        let alone = try Self.json(["check", Self.baotou, "--quarter", "2026Q3"])
        let overdueAlone = (alone["summary"] as? [String: Any])?["overdue"] as? Int ?? 0
        let overdueChained = (third["summary"] as? [String: Any])?["overdue"] as? Int ?? 0
        #expect(overdueChained > overdueAlone)
        // Q4 from Q3: the date from Q2 survives a second hop.
        let fourth = try Self.json(["check", Self.baotou, "--quarter", "2026Q4", "--previous", q3])
        #expect(Self.finding(fourth, "BT-40-CLOUD-MLPS", "bt-gaj-cloud")?["first_seen"] as? String == "2026-06-30")
        // report and site take --previous the same way.
        let site = dir.path("site")
        #expect(try CLI.run(["site", Self.baotou, "--quarter", "2026Q3", "--previous", q2, "--output", site]).code == 0)
        let published = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/findings.json"))) as? [String: Any])
        #expect(Self.finding(published, "BT-40-CLOUD-MLPS", "bt-gaj-cloud")?["first_seen"] as? String == "2026-06-30")
    }

    @Test func failOnOverdueGatesOnlyOnOverdueFindings() throws {
        let r = try CLI.run(["check", Self.baotou, "--fail-on", "overdue"])
        #expect(r.code == 1, "examples/baotou has overdue findings")
        let dir = try Scratch()
        try dir.write("inv.yaml", """
        inventory: {name: 新台账, region: "150200", level: county, as_of: 2026-09-30}
        units:
          - {id: u1, name: 一局, wireless_aps: 2, ops_lead: 张三}
        """)
        let fresh = try CLI.run(["check", dir.url.path, "--fail-on", "overdue"])
        #expect(fresh.code == 0, "new findings are not overdue yet: \(fresh.out)")
        let high = try CLI.run(["check", dir.url.path, "--fail-on", "high"])
        #expect(high.code == 1, "while the severity gate still fails on them")
    }

    @Test func humanFormatsShowOwnerDeadlineAndOverdue() throws {
        let text = try CLI.run(["check", Self.baotou, "--fail-on", "never"]).out
        #expect(text.contains("责任单位：包头市九原区人民政府"))
        #expect(text.contains("整改时限：2026-08-10（已逾期）"))
        #expect(text.contains("整改通知：包数整改〔2026〕7号"))
        #expect(text.contains("已逾期 "))
        let en = try CLI.run(["check", Self.baotou, "--fail-on", "never", "--lang", "en"]).out
        #expect(en.contains("Rectify by: 2026-08-10 (overdue)") && en.contains("overdue,"))
        let markdown = try CLI.run(["check", Self.baotou, "--fail-on", "never", "--format", "markdown"]).out
        #expect(markdown.contains("整改建议：") && markdown.contains("（已逾期）"))
        let junit = try CLI.run(["check", Self.baotou, "--fail-on", "never", "--format", "junit"]).out
        #expect(junit.contains("整改时限：2026-08-10（已逾期）") && junit.contains("整改建议："))
        let sarif = try CLI.run(["check", Self.baotou, "--fail-on", "never", "--format", "sarif"]).out
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = ((doc["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let late = try #require(results.first { ($0["properties"] as? [String: Any])?["rectification"] != nil && $0["ruleId"] as? String == "BT-18" })
        let properties = try #require(late["properties"] as? [String: Any])
        #expect(properties["rectify_by"] as? String == "2026-08-10" && properties["overdue"] as? Bool == true)
        #expect((properties["owner"] as? [String: Any])?["unit"] as? String == "bt-jy")
    }

    static let orders = """
    rectifications:
      - {rule: BT-18, target: unit/bt-jy, order: "包数整改〔2026〕99号", issued: 2026-09-01, due: 2026-08-01}
    """

    @Test func aBadOrderIsRefusedAtItsLineAndNothingIsWritten() throws {
        let dir = try Scratch()
        let inventory = dir.url.appendingPathComponent("inv")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent(Self.baotou), to: inventory)
        try Self.orders.write(to: inventory.appendingPathComponent("more-orders.yaml"), atomically: true, encoding: .utf8)
        let out = dir.path("findings.json")
        let r = try CLI.run(["check", inventory.path, "--format", "json", "--output", out])
        #expect(r.code == 2)
        #expect(r.err.contains("more-orders.yaml:2:"), "\(r.err)")
        #expect(r.err.contains("早于下发日期"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let notices = dir.path("notices")
        #expect(try CLI.run(["notice", inventory.path, "--output", notices]).code == 2)
        #expect(!FileManager.default.fileExists(atPath: notices))
    }

    // MARK: notice

    @Test func noticesOnePerUnitGroupedByRule() throws {
        let dir = try Scratch()
        let out = dir.path("notices")
        let r = try CLI.run(["notice", Self.baotou, "--previous", "examples/baotou/history/2026Q2.json", "--output", out])
        #expect(r.code == 0, "\(r.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let doc = try Self.json(["check", Self.baotou, "--previous", "examples/baotou/history/2026Q2.json"])
        let units = Set(Self.findings(doc).filter { $0["status"] as? String == "open" }.compactMap { ($0["owner"] as? [String: Any])?["unit"] as? String })
        #expect(Set(files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }) == units)
        #expect(Set(files.filter { $0.hasSuffix(".html") }.map { String($0.dropLast(5)) }) == units)
        #expect(files.contains("SHA256SUMS"))
        let sums = try String(contentsOfFile: out + "/SHA256SUMS", encoding: .utf8)
        #expect(sums.split(separator: "\n").count == files.count - 1)

        let md = try String(contentsOfFile: out + "/bt-czj.md", encoding: .utf8)
        #expect(md.hasPrefix("# 整改通知书\n"))
        #expect(md.contains("包头市财政局（bt-czj）"))
        #expect(md.contains("## BT-25 "), "one section per rule")
        #expect(md.components(separatedBy: "政务外网用户实名制").count >= 2)
        #expect(md.contains("包数整改〔2026〕8号"), "the order number where an order exists")
        #expect(md.contains("2026-07-31（已逾期）"))
        #expect(md.contains("包头市行政审批政务服务与数据管理局"), "the issuer signs it")
        // The remediation and the quote appear once per rule, however many objects.
        let group = try #require(Self.findings(doc).first { f in
            (f["owner"] as? [String: Any])?["unit"] as? String == "bt-czj" && f["status"] as? String == "open" && f["rule"] as? String == "BT-25"
        })
        let quote = try #require((group["citation"] as? [String: Any])?["quote"] as? String)
        #expect(md.components(separatedBy: String(quote.prefix(12))).count == 2)

        let html = try String(contentsOfFile: out + "/bt-czj.html", encoding: .utf8)
        #expect(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"))
        #expect(html.contains("<h1>整改通知书</h1>") && html.contains("<table>"))
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing loads from outside")
    }

    @Test func noticesAreDeterministicFilterableAndEscaped() throws {
        let dir = try Scratch()
        let a = dir.path("a"), b = dir.path("b")
        #expect(try CLI.run(["notice", Self.baotou, "--output", a]).code == 0)
        #expect(try CLI.run(["notice", Self.baotou, "--output", b]).code == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: a) {
            #expect(FileManager.default.contents(atPath: a + "/" + name) == FileManager.default.contents(atPath: b + "/" + name), "\(name) differs")
        }
        // Again over an earlier output: replaced as a whole.
        #expect(try CLI.run(["notice", Self.baotou, "--output", a]).code == 0)

        let some = dir.path("some")
        #expect(try CLI.run(["notice", Self.baotou, "--unit", "bt-czj", "--unit", "bt-jy", "--output", some]).code == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: some).sorted() == ["SHA256SUMS", "bt-czj.html", "bt-czj.md", "bt-jy.html", "bt-jy.md"])

        let unknown = try CLI.run(["notice", Self.baotou, "--unit", "bt-czjj", "--output", dir.path("none")])
        #expect(unknown.code == 2 && unknown.err.contains("bt-czj"), "did you mean: \(unknown.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("none")))

        let hostile = try FormatTests.hostile()
        let h = dir.path("hostile")
        let r = try CLI.run(["notice", hostile.url.path, "--output", h])
        #expect(r.code == 0, "\(r.err)")
        let html = try String(contentsOfFile: h + "/demo-unit.html", encoding: .utf8)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
        let md = try String(contentsOfFile: h + "/demo-unit.md", encoding: .utf8)
        for line in md.split(separator: "\n") {
            #expect(!line.hasPrefix("<") && !line.hasPrefix("[") && !line.hasPrefix("`"), "an inventory value starts a line: \(line)")
        }

        // A folder of someone's files is never replaced.
        let mine = try Scratch()
        try mine.write("thesis.txt", "keep me")
        #expect(try CLI.run(["notice", Self.baotou, "--output", mine.url.path]).code == 2)
        #expect(FileManager.default.fileExists(atPath: mine.path("thesis.txt")))
    }
}
