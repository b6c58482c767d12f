import Foundation
import Testing

/// Issue #15: the report and the site as documents, end to end through the
/// binary. The same new/fixed/unchanged numbers in `diff`, `report`, `site`
/// and findings.json on a two-quarter pair; per-unit rows that sum to the
/// totals; no English words in Chinese output and no full-width punctuation
/// in English; the language from LC_ALL/LANG; the county fixture grouped by rule.
@Suite("report and site as documents (issue #15)")
struct ReportDocumentTests {
    static let baotou = CLI.repository.appendingPathComponent("examples/baotou").path
    static let county = CLI.repository.appendingPathComponent("Tests/Fixtures/tumd").path

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The integer inside the element with `id="NAME"` (`<strong id="change-new">5</strong>`).
    static func number(_ id: String, in html: String) -> Int? {
        guard let r = html.range(of: "id=\"\(id)\">") else { return nil }
        return Int(html[r.upperBound...].prefix { $0.isNumber })
    }

    /// Q2 and Q3 findings of examples/baotou, and the Q3 run against Q2.
    static func pair(_ dir: Scratch, _ inventory: String = baotou) throws -> (q2: String, q3: String) {
        let q2 = try CLI.run(["check", inventory, "--quarter", "2026Q2", "--format", "json", "--fail-on", "never"])
        #expect(q2.code == 0, "\(q2.err)")
        let q2Path = try dir.write("q2.json", q2.out)
        let q3 = try CLI.run(["check", inventory, "--quarter", "2026Q3", "--previous", q2Path, "--format", "json", "--fail-on", "never"])
        #expect(q3.code == 0, "\(q3.err)")
        return (q2Path, try dir.write("q3.json", q3.out))
    }

    @Test("diff, report, site and findings.json give the same new/fixed/unchanged and open counts on a two-quarter pair")
    func countsAgree() throws {
        let dir = try Scratch()
        let (q2, q3) = try Self.pair(dir)
        // The test's own count, by fingerprint, from the two files.
        let old = try Self.json(String(contentsOfFile: q2, encoding: .utf8))["findings"] as? [[String: Any]] ?? []
        let now = try Self.json(String(contentsOfFile: q3, encoding: .utf8))
        let new = now["findings"] as? [[String: Any]] ?? []
        let oldPrints = Set(old.compactMap { $0["fingerprint"] as? String }), newPrints = Set(new.compactMap { $0["fingerprint"] as? String })
        let expected = (new: newPrints.subtracting(oldPrints).count, fixed: oldPrints.subtracting(newPrints).count,
                        unchanged: newPrints.intersection(oldPrints).count)
        #expect(expected.new > 0 && expected.fixed > 0 && expected.unchanged > 0, "the pair should have all three: \(expected)")
        let open = try #require((now["summary"] as? [String: Any])?["open"] as? Int)

        let diff = try CLI.run(["diff", q2, q3, "--format", "json"])
        #expect(diff.code == 0, "\(diff.err)")
        let summary = try #require(try Self.json(diff.out)["summary"] as? [String: Any])
        #expect(summary["new"] as? Int == expected.new && summary["fixed"] as? Int == expected.fixed && summary["unchanged"] as? Int == expected.unchanged,
                "diff: \(summary), expected \(expected)")
        let text = try CLI.run(["diff", q2, q3])
        #expect(text.out.contains("合计：新增 \(expected.new)，已整改 \(expected.fixed)，未变 \(expected.unchanged)"), "\(text.out.suffix(300))")

        let reportPath = dir.path("report.html")
        let report = try CLI.run(["report", Self.baotou, "--quarter", "2026Q3", "--previous", q2, "--output", reportPath])
        #expect(report.code == 0, "\(report.err)")
        let html = try String(contentsOfFile: reportPath, encoding: .utf8)
        #expect(Self.number("change-new", in: html) == expected.new)
        #expect(Self.number("change-fixed", in: html) == expected.fixed)
        #expect(Self.number("change-unchanged", in: html) == expected.unchanged)
        #expect(Self.number("count-open", in: html) == open)
        // The unit table's totals are the same numbers (findings of no unit are in the 其他 row).
        #expect(Self.number("unit-total-open", in: html) == open)
        #expect(Self.number("unit-total-new", in: html) == expected.new)
        #expect(Self.number("unit-total-fixed", in: html) == expected.fixed)
        #expect(Self.number("unit-total-persisting", in: html) == expected.unchanged)
        #expect(html.contains("其他（无所属单位）"))

        let site = dir.path("site")
        let s = try CLI.run(["site", Self.baotou, "--quarter", "2026Q3", "--previous", q2, "--output", site])
        #expect(s.code == 0, "\(s.err)")
        let index = try String(contentsOfFile: "\(site)/index.html", encoding: .utf8)
        #expect(Self.number("count-new", in: index) == expected.new)
        #expect(Self.number("count-fixed", in: index) == expected.fixed)
        #expect(Self.number("count-unchanged", in: index) == expected.unchanged)
        #expect(Self.number("count-open", in: index) == open)
        let siteJSON = try Self.json(String(contentsOfFile: "\(site)/findings.json", encoding: .utf8))
        #expect((siteJSON["summary"] as? [String: Any])?["open"] as? Int == open)
        #expect((siteJSON["findings"] as? [[String: Any]])?.count == new.count)
        // The full lists behind the short ones.
        let changes = try String(contentsOfFile: "\(site)/changes.html", encoding: .utf8)
        #expect(changes.contains("（\(expected.new)）") && changes.contains("（\(expected.fixed)）"))
        let all = try String(contentsOfFile: "\(site)/findings.html", encoding: .utf8)
        #expect(all.components(separatedBy: "data-change=\"new\"").count - 1 == expected.new)
        #expect(all.components(separatedBy: "data-change=\"persisting\"").count - 1 == expected.unchanged)
    }

    @Test("per-unit rows sum to the totals (Markdown report of the county fixture)")
    func unitRowsSum() throws {
        let dir = try Scratch()
        let out = dir.path("r.md")
        let r = try CLI.run(["report", Self.county, "--output", out])
        #expect(r.code == 0, "\(r.err)")
        let md = try String(contentsOfFile: out, encoding: .utf8)
        let part = try #require(md.components(separatedBy: "\n## 整改情况\n").dropFirst().first?.components(separatedBy: "\n## ").first)
        let rows = part.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.contains("---") }.map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "*", with: "") }
        }
        try #require(rows.count >= 3)
        let body = rows.dropFirst().dropLast(), total = try #require(rows.last)
        for column in 3...8 {
            let sum = body.reduce(0) { $0 + (Int($1[column]) ?? 0) }
            #expect(sum == Int(total[column]), "column \(rows[0][column]): rows add up to \(sum), total \(total[column])")
        }
        // The owner (ops lead) of each unit is in its row.
        #expect(body.contains { $0[1] == "土默特右旗公安局" && $0[2] == "乌云" })
    }

    @Test("county fixture: one section per rule (39 terminals of BT-42-5-SCAN under one heading, the quote once), header, sign-off")
    func county() throws {
        let dir = try Scratch()
        let out = dir.path("r.html")
        let r = try CLI.run(["report", Self.county, "--output", out])
        #expect(r.code == 0, "\(r.err)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        let check = try Self.json(try CLI.run(["check", Self.county, "--format", "json", "--fail-on", "never"]).out)
        let findings = try #require(check["findings"] as? [[String: Any]])
        let scan = findings.filter { $0["rule"] as? String == "BT-42-5-SCAN" }
        #expect(scan.count == 39)
        #expect(html.components(separatedBy: "<section class=\"rule\" id=\"rule-BT-42-5-SCAN\">").count == 2)
        let quote = try #require((scan.first?["citation"] as? [String: Any])?["quote"] as? String)
        let firstLine = try #require(quote.split(separator: "\n").first.map { String($0).trimmingCharacters(in: .whitespaces) })
        let section = try #require(html.components(separatedBy: "id=\"rule-BT-42-5-SCAN\">").dropFirst().first?.components(separatedBy: "</section>").first)
        // In the rule's section once; elsewhere only in the sections of rules that cite the same article (the appendix has no quotes).
        #expect(section.components(separatedBy: firstLine).count == 2, "the quote of BT-42-5-SCAN should appear once in its section")
        let citing = Set(findings.filter { ($0["citation"] as? [String: Any])?["quote"] as? String == quote }.compactMap { $0["rule"] as? String })
        #expect(html.components(separatedBy: firstLine).count - 1 == citing.count, "once per rule citing it: \(citing.sorted())")
        #expect(section.components(separatedBy: "<tr><td>").count - 1 == 39, "39 rows in the rule's table")
        #expect(section.contains("39 项"))
        // Header and sign-off from inventory.issuer and inventory.report.
        #expect(html.contains("<p class=\"issuer\">土默特右旗政务服务与数据管理局</p>"))
        #expect(html.contains("<p class=\"number\">土政数审〔2026〕3号</p>"))
        for (label, name) in [("编制", "郝文博"), ("审核", "苏雅琴"), ("签发", "任振华")] {
            #expect(html.contains("<tr><td>\(label)</td><td>\(name)</td><td></td><td></td></tr>"), "\(label) \(name)")
        }
        // Scope and conclusion: counts by kind, units by level, compliance rate.
        #expect(html.contains("<tr><td>终端</td><td class=\"n\">41</td></tr>") && html.contains("<tr><td>接入单位</td><td class=\"n\">8</td></tr>"))
        #expect(html.contains("<tr><td>县级</td><td class=\"n\">7</td></tr>") && html.contains("<tr><td>乡镇级</td><td class=\"n\">1</td></tr>"))
        #expect(html.range(of: #"<span class="rate" id="rate">[0-9]+\.[0-9]%</span>"#, options: .regularExpression) != nil)
        // The appendix numbers every finding.
        #expect(html.contains("<tr><td class=\"n\">\(findings.count)</td>"))
    }

    // MARK: - language

    /// Text a reader sees: no script, style or tags; entities decoded.
    static func visibleText(_ html: String) -> String {
        var s = html
        for tag in ["script", "style", "title"] {
            s = s.replacingOccurrences(of: "<\(tag)[^>]*>[\\s\\S]*?</\(tag)>", with: " ", options: .regularExpression)
        }
        s = s.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            s = s.replacingOccurrences(of: entity, with: char)
        }
        return s
    }

    /// Fields whose values are enum values: shown by their names, so never exempt.
    static let enumFields: Set<String> = ["level", "kind", "method", "documents", "data_grade", "internet_interaction", "result", "dr", "type", "status"]

    /// Values the output may quote as they are: every string in the findings
    /// JSON and the policy list (ids, file names, messages and citations of
    /// the rules), and the inventory's values except those of enum fields.
    static func quotedValues(inventory: String, findings: String) throws -> [String] {
        var out: Set<String> = []
        func collect(_ any: Any) {
            switch any {
            case let s as String:
                out.insert(s)
                // A quote is shown line by line.
                for line in s.split(whereSeparator: \.isNewline) { out.insert(line.trimmingCharacters(in: .whitespaces)) }
            case let a as [Any]: a.forEach(collect)
            case let o as [String: Any]: o.values.forEach(collect)
            default: break
            }
        }
        collect(try JSONSerialization.jsonObject(with: Data(findings.utf8)))
        collect(try JSONSerialization.jsonObject(with: Data(try CLI.run(["policy", "list", "--format", "json"]).out.utf8)))
        collect(try JSONSerialization.jsonObject(with: Data(try CLI.run(["plan", "list", "--format", "json"]).out.utf8)))
        let files = FileManager.default.enumerator(atPath: inventory)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") } ?? []
        let pair = try NSRegularExpression(pattern: #"([A-Za-z_][A-Za-z0-9_-]*):\s*(\[[^\]]*\]|"[^"]*"|[^,{}\[\]]+)"#)
        for file in files {
            out.insert(file)
            out.insert((file as NSString).lastPathComponent)
            let text = try String(contentsOfFile: "\(inventory)/\(file)", encoding: .utf8)
            for line in text.split(separator: "\n") {
                let code = String(line.components(separatedBy: " #").first ?? "")
                let ns = code as NSString
                for m in pair.matches(in: code, range: NSRange(location: 0, length: ns.length)) {
                    let key = ns.substring(with: m.range(at: 1))
                    if key.hasPrefix("x-") { out.insert(key) }
                    guard !enumFields.contains(key) else { continue }
                    var value = ns.substring(with: m.range(at: 2)).trimmingCharacters(in: .whitespaces)
                    if value.hasPrefix("[") { value = String(value.dropFirst().dropLast()) }
                    for item in value.split(separator: ",") {
                        out.insert(item.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")))
                    }
                }
            }
        }
        return out.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    static let wordCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/")

    /// ASCII tokens (ids, file names and words keep their `-`, `_`, `.`, `/`).
    static func tokens(_ text: String) -> [String] {
        text.components(separatedBy: wordCharacters.inverted).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "./-")) }.filter { !$0.isEmpty }
    }

    /// ASCII words of `text` that are not tokens of a quoted value, an
    /// acronym (PUE, IP), or a token with digits or a file extension
    /// (2026Q3, findings.json, SHA256SUMS).
    static func englishWords(_ text: String, allowed values: [String]) -> [String] {
        let allowed = Set(values.flatMap(tokens))
        let kinds: Set<String> = ["inventory", "unit", "terminal", "system", "cloud", "datacenter", "exit", "event", "task", "waiver", "rectification"]
        return tokens(text).filter { t in
            guard t.contains(where: { $0.isLetter && $0.isASCII }), !allowed.contains(t) else { return false }
            // KIND/ID, the target form of waivers and orders (`terminal/bt-sjj-0003`), is an id.
            let parts = t.split(separator: "/", maxSplits: 1).map(String.init)
            if parts.count == 2, kinds.contains(parts[0]), allowed.contains(parts[1]) { return false }
            if t.contains(where: \.isNumber) { return false }
            if t.hasSuffix(".json") || t.hasSuffix(".yaml") || t.hasSuffix(".html") { return false }
            let letters = t.filter(\.isLetter)
            return !(letters.count >= 2 && letters.allSatisfy(\.isUppercase))
        }
    }

    @Test("zh outputs have no English words outside ids, file names and quoted values: report, site pages, check text")
    func noEnglishInChinese() throws {
        let dir = try Scratch()
        for inventory in [Self.baotou, Self.county] {
            let findings = try CLI.run(["check", inventory, "--quarter", "2026Q3", "--format", "json", "--fail-on", "never"]).out
            let values = try Self.quotedValues(inventory: inventory, findings: findings)
            var outputs: [(String, String)] = []
            let (q2, _) = try Self.pair(dir, inventory)
            for ext in ["html", "md"] {
                let out = dir.path("r.\(ext)")
                let r = try CLI.run(["report", inventory, "--quarter", "2026Q3", "--previous", q2, "--output", out], environment: ["LANG": "zh_CN.UTF-8"])
                try #require(r.code == 0, "\(r.err)")
                let text = try String(contentsOfFile: out, encoding: .utf8)
                // Markdown escapes `_`, `.`, `*` … with a backslash; the reader sees the character.
                let unescaped = text.replacingOccurrences(of: #"\\([!-/:-@\[-`{-~])"#, with: "$1", options: .regularExpression)
                outputs.append(("report.\(ext)", ext == "html" ? Self.visibleText(text) : unescaped))
            }
            let site = dir.path("site")
            let s = try CLI.run(["site", inventory, "--quarter", "2026Q3", "--previous", q2, "--output", site])
            try #require(s.code == 0, "\(s.err)")
            let unitPage = try #require(try FileManager.default.contentsOfDirectory(atPath: "\(site)/units").sorted().first)
            for page in ["index.html", "findings.html", "units.html", "terminals.html", "systems.html", "exits.html", "rules.html",
                         "changes.html", "waivers.html", "timeline.html", "units/\(unitPage)"] {
                outputs.append((page, Self.visibleText(try String(contentsOfFile: "\(site)/\(page)", encoding: .utf8))))
            }
            outputs.append(("check text", try CLI.run(["check", inventory, "--quarter", "2026Q3", "--fail-on", "never"]).out))
            for (name, text) in outputs {
                let words = Self.englishWords(text, allowed: values)
                #expect(words.isEmpty, "\(inventory) \(name): English words \(Array(Set(words)).sorted().prefix(20))")
            }
            // Unit details show labels, not keys and raw enum values.
            let details = try String(contentsOfFile: "\(site)/units/\(unitPage)", encoding: .utf8)
            #expect(!details.contains("<th scope=\"row\">access.method</th>") && !details.contains("<td>leased-line</td>"))
            #expect(details.contains("<th scope=\"row\">接入方式</th>"))
        }
    }

    @Test("en outputs have no full-width punctuation outside quoted values")
    func noFullWidthInEnglish() throws {
        let dir = try Scratch()
        let findings = try CLI.run(["check", Self.county, "--format", "json", "--lang", "en", "--fail-on", "never"]).out
        let values = try Self.quotedValues(inventory: Self.county, findings: findings)
        let out = dir.path("r.html")
        let r = try CLI.run(["report", Self.county, "--lang", "en", "--output", out])
        try #require(r.code == 0, "\(r.err)")
        let site = dir.path("site")
        #expect(try CLI.run(["site", Self.county, "--lang", "en", "--output", site]).code == 0)
        var outputs = [("report.html", Self.visibleText(try String(contentsOfFile: out, encoding: .utf8)))]
        for page in ["index.html", "findings.html", "units.html", "terminals.html"] {
            outputs.append((page, Self.visibleText(try String(contentsOfFile: "\(site)/\(page)", encoding: .utf8))))
        }
        let fullWidth = CharacterSet(charactersIn: "，。：；！？、（）「」《》【】〔〕")
        for (name, text) in outputs {
            var rest = text
            for v in values where v.count > 1 && rest.contains(v) { rest = rest.replacingOccurrences(of: v, with: " ") }
            let hits = rest.unicodeScalars.filter { fullWidth.contains($0) }
            #expect(hits.isEmpty, "\(name): full-width punctuation \(String(String.UnicodeScalarView(hits)).prefix(40)) in en output; context: \(Self.context(of: hits.first, in: rest))")
        }
    }

    static func context(of scalar: Unicode.Scalar?, in text: String) -> String {
        guard let scalar, let r = text.range(of: String(scalar)) else { return "" }
        let start = text.index(r.lowerBound, offsetBy: -30, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(r.upperBound, offsetBy: 30, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end]).replacingOccurrences(of: "\n", with: " ")
    }

    @Test("the language comes from --lang, else LC_ALL, else LANG")
    func languageFromEnvironment() throws {
        let dir = try Scratch()
        let out = dir.path("r.md")
        func title(_ env: [String: String], _ extra: [String] = []) throws -> String {
            let r = try CLI.run(["report", Self.county, "--output", out] + extra, environment: env)
            #expect(r.code == 0, "\(r.err)")
            return try String(contentsOfFile: out, encoding: .utf8)
        }
        #expect(try title(["LANG": "en_US.UTF-8", "LC_ALL": ""]).contains("Quarterly extranet compliance report"))
        #expect(try title(["LANG": "zh_CN.UTF-8", "LC_ALL": ""]).contains("电子政务外网季度检查报告"))
        #expect(try title(["LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"]).contains("Quarterly extranet compliance report"))
        #expect(try title(["LANG": "en_US.UTF-8", "LC_ALL": ""], ["--lang", "zh"]).contains("电子政务外网季度检查报告"))
        #expect(try title(["LANG": "C.UTF-8", "LC_ALL": ""]).contains("电子政务外网季度检查报告"))
        let check = try CLI.run(["check", Self.county, "--fail-on", "never"], environment: ["LANG": "en_US.UTF-8", "LC_ALL": ""])
        #expect(check.out.contains("total:"), "\(check.out.suffix(200))")
    }

    @Test("every yunwang command in docs/report-and-site.md runs (in a scratch folder, examples/ linked)")
    func docsCommandsRun() throws {
        let lines = try DocsExamplesTests.blocks("sh", in: "docs/report-and-site.md").flatMap { $0.split(separator: "\n").map(String.init) }
        let commands = lines.filter { $0.hasPrefix("yunwang ") }
        #expect(commands.count >= 6, "\(commands)")
        let dir = try Scratch()
        try FileManager.default.createSymbolicLink(at: dir.url.appendingPathComponent("examples"), withDestinationURL: CLI.repository.appendingPathComponent("examples"))
        for command in commands {
            let args = Array(command.split(separator: " ").dropFirst().map(String.init))
            let r = try CLI.run(args, in: dir.url)
            #expect(r.code == 0, "\(command): exit \(r.code) \(r.err.prefix(400))")
        }
        #expect(FileManager.default.fileExists(atPath: dir.path("2026Q3.html")) && FileManager.default.fileExists(atPath: dir.path("out/site/findings.html")))
    }
}
