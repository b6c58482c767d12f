import Foundation
import Testing

/// `yunwang report` end to end (issue #7): title data, counts equal to
/// check's summary, citations, the change against --previous, hostile
/// values, bad input.
@Suite("yunwang report (end to end)")
struct ReportCommandTests {
    static let example = CLI.repository.appendingPathComponent("examples/baotou").path

    static func checkJSON(_ path: String = example) throws -> (text: String, doc: [String: Any]) {
        let r = try CLI.run(["check", path, "--quarter", "2026Q3", "--format", "json", "--fail-on", "never"])
        #expect(r.code == 0, "\(r.err)")
        return (r.out, try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]))
    }

    static func report(_ args: [String]) throws -> (CLI.Result, String) {
        let dir = try Scratch()
        let ext = args.contains("--html") ? "html" : "md"
        let out = dir.path("report.\(ext)")
        let r = try CLI.run(["report"] + args.filter { $0 != "--html" } + ["--output", out])
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return (r, text)
    }

    static func html(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    @Test("Markdown report: title data, counts equal to check's summary, a citation quote")
    func markdown() throws {
        let (r, md) = try Self.report([Self.example, "--quarter", "2026Q3"])
        #expect(r.code == 0, "\(r.err)")
        let (_, doc) = try Self.checkJSON()
        let summary = try #require(doc["summary"] as? [String: Any])
        let bySeverity = try #require(summary["by_severity"] as? [String: Int])
        #expect(md.contains("\n# 包头市电子政务外网台账(样例) 电子政务外网季度检查报告\n"))
        #expect(md.contains("| 2026Q3 | 2026-07-01 至 2026-09-30 | 2026-09-30 | 150200 | 市级 |"))
        #expect(md.contains("| **合计** | **\(summary["open"] as? Int ?? -1)** | **\(summary["due_soon"] as? Int ?? -1)** | **\(summary["waived"] as? Int ?? -1)** |"))
        for (label, key) in [("高", "high"), ("中", "medium"), ("低", "low"), ("提示", "info")] {
            #expect(md.contains("| \(label) | \(bySeverity[key] ?? -1) |"), "row \(key)")
        }
        for part in ["## 检查范围", "## 总体结论", "## 主要问题", "## 整改情况", "## 计划任务期限", "## 豁免", "## 签署", "## 附录：问题清单（"] {
            #expect(md.contains("\n\(part)"), "part \(part)")
        }
        // One section per rule with findings (not per finding); BT-18's quote is there once as a block quote.
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let rules = Set(findings.filter { $0["status"] as? String != "waived" }.compactMap { $0["rule"] as? String })
        #expect(md.components(separatedBy: "\n### ").count - 1 >= rules.count)
        // (PLAN-DEADLINE cites each plan task on its own: one section per citation.)
        for rule in rules {
            let citations = Set(findings.filter { $0["rule"] as? String == rule && $0["status"] as? String != "waived" }.map { "\(($0["citation"] as? [String: Any])?["quote"] ?? "")" })
            #expect(md.components(separatedBy: "\n### \(rule) ").count - 1 == citations.count, "one section for \(rule)")
        }
        // BT-18 and BT-18-OUTREACH cite the same sentence: once in each rule's section.
        let quote = "严禁接入单位擅自安装无线接入设备，及其它违规外联设备。"
        let citing = Set(findings.filter { $0["status"] as? String != "waived" && ((($0["citation"] as? [String: Any])?["quote"] as? String) ?? "").contains(quote) }
            .compactMap { $0["rule"] as? String })
        #expect(citing.count >= 1)
        #expect(md.components(separatedBy: "> " + quote).count - 1 == citing.count)
        #expect(md.contains("第十八条"))
        // The appendix lists every finding, numbered.
        #expect(md.contains("| \(findings.count) | "))
        // Plan deadlines and waivers have their sections.
        #expect(md.contains("| 已逾期 | nm-2024-189/52 |"))
        #expect(md.contains("| 已过期 | BT-18 | 包头市中心医院 |"))
        #expect(md.contains("未提供上期检查结果"))
    }

    @Test("HTML report: one self-contained page with CSP, print CSS, title data, quotes")
    func html() throws {
        let (r, page) = try Self.report([Self.example, "--quarter", "2026Q3", "--html", "--lang", "en"])
        #expect(r.code == 0, "\(r.err)")
        let (_, doc) = try Self.checkJSON()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
        #expect(page.contains("size: A4") && page.contains("@media print") && page.contains("break-before: page"))
        #expect(page.contains("<html lang=\"en\">"))
        #expect(page.contains("<h1>包头市电子政务外网台账(样例)<br>Quarterly extranet compliance report</h1>"))
        #expect(page.contains("<td>2026Q3</td>") && page.contains("<td>2026-09-30</td>") && page.contains("<td>150200 (city)</td>"))
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(page.contains("<strong id=\"count-open\">\(summary["open"] as? Int ?? -1)</strong>"))
        #expect(page.contains("<svg") && page.contains("class=\"chart\""))
        // The print font is named first and is the only family; the running header and page numbers use it too.
        #expect(page.contains("html { font-family: \"WenQuanYi Micro Hei\""))
        #expect(page.contains("@top-left { content: ") && page.contains("counter(pages)"))
        let findings = try #require(doc["findings"] as? [[String: Any]])
        for f in findings where f["status"] as? String == "open" {
            let quote = (f["citation"] as? [String: Any])?["quote"] as? String ?? ""
            for line in quote.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                #expect(page.contains(Self.html(line.trimmingCharacters(in: .whitespaces))), "quote of \(f["rule"] ?? "")")
            }
        }
        // Nothing loads from anywhere: no src, no link, no url(), no @import.
        #expect(!page.contains("src=") && !page.contains("<link") && !page.contains("url(") && !page.contains("@import"))
    }

    @Test("--previous: a baseline that lacks one finding shows it as new")
    func previous() throws {
        let (text, doc) = try Self.checkJSON()
        var findings = try #require(doc["findings"] as? [[String: Any]])
        let index = try #require(findings.firstIndex { $0["status"] as? String == "open" })
        let removed = findings.remove(at: index)
        var baseline = doc
        baseline["findings"] = findings
        let dir = try Scratch()
        let path = try dir.write("previous.json", try JSONSerialization.data(withJSONObject: baseline))
        let (r, md) = try Self.report([Self.example, "--quarter", "2026Q3", "--previous", path])
        #expect(r.code == 0, "\(r.err)")
        // The same numbers as `yunwang diff` (waived findings count like the rest).
        let all = (doc["findings"] as? [[String: Any]] ?? []).count
        #expect(md.contains("| 1 | 0 | \(all - 1) |"), "\(removed["rule"] ?? "")")
        #expect(!md.contains("未提供上期检查结果"))
        // The same baseline against itself: nothing new, nothing fixed.
        let same = try dir.write("same.json", text)
        let (r2, md2) = try Self.report([Self.example, "--quarter", "2026Q3", "--previous", same])
        #expect(r2.code == 0)
        #expect(md2.contains("| 0 | 0 | \(all) |"))
    }

    @Test("hostile inventory values stay text in Markdown and HTML")
    func hostile() throws {
        let dir = try Scratch()
        try dir.write("inv/inventory.yaml", SiteCommandTests.hostileInventory)
        for ext in ["md", "html"] {
            let out = dir.path("r.\(ext)")
            let r = try CLI.run(["report", dir.path("inv"), "--output", out])
            #expect(r.code == 0, "\(r.err)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(!text.contains("<script>alert"))
            #expect(!text.contains("href=\"javascript") && !text.contains("href=\"http"))
            if ext == "html" {
                #expect(!text.contains("<img") && !text.contains("\" onerror=\"x") && !text.contains("<a href=\"javascript"))
            } else {
                // Markdown: every `<`, `[` and `]` of a value is backslash-escaped.
                #expect(text.range(of: #"(?<!\\)<"#, options: .regularExpression) == nil)
                #expect(!text.contains("[x](") && text.contains("\\[x\\](javascript\\:alert(1))"))
            }
            if ext == "html" {
                #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!text.contains("</style><script>"))
            } else {
                #expect(text.contains("\\<script\\>alert(1)\\</script\\>"))
            }
        }
    }

    @Test("bad input: exit 2 and nothing written; --fail-on gives 1")
    func badInput() throws {
        let dir = try Scratch()
        try dir.write("bad/inventory.yaml", "inventory: {name: x, region: \"150200\", level: city, as_of: 2026-09-30}\nunits:\n  - {id: u1, name: [oops}\n")
        let out = dir.path("r.md")
        for args in [[dir.path("bad")], [dir.path("missing")], [Self.example, "--previous", dir.path("nope.json")],
                     [Self.example, "--quarter", "2026Q5"], [Self.example, "--templates", dir.path("none")]] {
            let r = try CLI.run(["report"] + args + ["--output", out])
            #expect(r.code == 2, "\(args): \(r.err)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(args)")
        }
        let wrong = try CLI.run(["report", Self.example, "--output", dir.path("r.pdf")])
        #expect(wrong.code == 2 && !FileManager.default.fileExists(atPath: dir.path("r.pdf")))
        let fail = try CLI.run(["report", Self.example, "--output", out, "--fail-on", "high"])
        #expect(fail.code == 1 && FileManager.default.fileExists(atPath: out))
        // Written again over an existing file: replaced, exit 0.
        let again = try CLI.run(["report", Self.example, "--output", out])
        #expect(again.code == 0, "\(again.err)")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test("hostile custom templates: deep nesting and syntax errors are exit 2 at the template's own file and line")
    func hostileTemplates() throws {
        let dir = try Scratch()
        // 1,000 nested sections overflowed swift-mustache's recursive parser (a signal, not an error).
        let deep = "# 报告\n" + String(repeating: "{{#a}}", count: 1000) + String(repeating: "{{/a}}", count: 1000) + "\n"
        try dir.write("deep/report.md.mustache", deep)
        let r = try CLI.run(["report", Self.example, "--output", dir.path("r.md"), "--templates", dir.path("deep"), "--lang", "en"])
        #expect(r.code == 2, "\(r.err)")
        #expect(r.err.hasPrefix(dir.path("deep/report.md.mustache") + ":2:601: error: the template nests sections deeper than 100 levels"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("r.md")))
        // Changed delimiters are followed.
        try dir.write("delim/report.md.mustache", "{{=<% %>=}}\n" + String(repeating: "<%#a%>", count: 200) + String(repeating: "<%/a%>", count: 200))
        let d = try CLI.run(["report", Self.example, "--output", dir.path("r.md"), "--templates", dir.path("delim"), "--lang", "en"])
        #expect(d.code == 2 && d.err.contains("deeper than 100 levels"), "\(d.err)")
        // A syntax error names the file in DIR and its line.
        try dir.write("broken/report.md.mustache", "# 报告\n\n{{#a}}\n{{/b}}\n")
        let b = try CLI.run(["report", Self.example, "--output", dir.path("r.md"), "--templates", dir.path("broken"), "--lang", "en"])
        #expect(b.code == 2, "\(b.err)")
        #expect(b.err.hasPrefix(dir.path("broken/report.md.mustache") + ":4:"), "\(b.err)")
        #expect(b.err.contains("template syntax error"))
        // A partial that includes itself recursed until the stack overflowed.
        try dir.write("cycle/report.md.mustache", "# x\n{{> report.md}}\n")
        let c = try CLI.run(["report", Self.example, "--output", dir.path("r.md"), "--templates", dir.path("cycle"), "--lang", "en"])
        #expect(c.code == 2, "\(c.err)")
        #expect(c.err.hasPrefix(dir.path("cycle/report.md.mustache") + ":2:1: error: the template report.md includes itself"), "\(c.err)")
    }
}
