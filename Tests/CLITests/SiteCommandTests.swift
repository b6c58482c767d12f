import Foundation
import Testing

/// `yunwang site` end to end (issue #7): pages, findings.json bytes, CSP,
/// no external URL, links that resolve, escaping of hostile values,
/// byte-identical runs, atomic replacement.
@Suite("yunwang site (end to end)")
struct SiteCommandTests {
    static let example = CLI.repository.appendingPathComponent("examples/baotou").path

    static let hostileInventory = """
    inventory:
      name: "<script>alert(1)</script> 台账 [x](javascript:alert(1))"
      region: "150200"
      level: city
      as_of: 2026-09-30
    units:
      - id: u1
        name: "<script>alert(1)</script>"
        kind: government
        access: {method: vpn, opened: 2024-01-15, last_activity: 2026-09-20}
        ops_lead: "\\" onerror=\\"x"
        wireless_aps: 1
      - id: u2
        name: "\\" onerror=\\"x"
        kind: government
        access: {method: vpn, opened: 2024-01-15, last_activity: 2026-09-20}
        ops_lead: "javascript:alert(1)"
        wireless_aps: 1
      - id: u3
        name: "javascript:alert(1)"
        kind: government
        access: {method: vpn, opened: 2024-01-15, last_activity: 2026-09-20}
        ops_lead: "[x](javascript:alert(1))"
        wireless_aps: 1
      - id: u4
        name: "[x](javascript:alert(1)) <img src=x onerror=alert(1)> www.example.com http://evil.example/"
        kind: government
        access: {method: vpn, opened: 2024-01-15, last_activity: 2026-09-20}
        wireless_aps: 1
    systems:
      - id: s1
        name: "</style><script>alert(2)</script>"
        unit: u1

    """

    /// Every file of a site: relative path → bytes.
    static func files(_ root: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = URL(fileURLWithPath: root)
        guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return out }
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            out[String(url.path.dropFirst(base.path.count + 1))] = try Data(contentsOf: url)
        }
        return out
    }

    static func build(_ args: [String], into dir: Scratch, name: String = "site") throws -> (CLI.Result, [String: Data]) {
        let r = try CLI.run(["site"] + args + ["--output", dir.path(name)])
        return (r, (try? files(dir.path(name))) ?? [:])
    }

    static func text(_ d: Data?) -> String { d.map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// Attribute values of href/src/action, url(...) and @import in a file.
    static func references(_ text: String) -> [String] {
        var out: [String] = []
        let patterns = [#"(?:href|src|action)\s*=\s*"([^"]*)""#, #"(?:href|src|action)\s*=\s*'([^']*)'"#,
                        #"url\(\s*['"]?([^'")]*)"#, #"@import\s+['"]([^'"]*)"#]
        for p in patterns {
            let re = try! NSRegularExpression(pattern: p, options: [.caseInsensitive])
            for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let r = Range(m.range(at: 1), in: text) { out.append(String(text[r])) }
            }
        }
        return out
    }

    static func ids(_ file: String) throws -> [String] {
        let text = try String(contentsOfFile: "\(example)/\(file)", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix("  - id: ") ? String(line.dropFirst(8).split(separator: " ").first ?? "") : nil
        }
    }

    @Test("examples/baotou: pages, findings.json bytes, CSP on every page, checksums")
    func baotou() throws {
        let dir = try Scratch()
        let (r, files) = try Self.build([Self.example, "--quarter", "2026Q3"], into: dir)
        #expect(r.code == 0, "\(r.err)")
        for page in ["index.html", "timeline.html", "waivers.html", "search.html", "units.html", "systems.html", "rules.html", "tasks.html",
                     "findings.json", "search-index.json", "search-index.js", "site/style.css", "site/search.js", "SHA256SUMS"] {
            #expect(files[page] != nil, "\(page)")
        }
        for id in try Self.ids("units.yaml") { #expect(files["units/\(id).html"] != nil, "unit \(id)") }
        let systems = try String(contentsOfFile: "\(Self.example)/systems.yaml", encoding: .utf8)
        let clouds = systems.components(separatedBy: "\nclouds:").dropFirst().first ?? ""
        for id in try Self.ids("systems.yaml") {
            let isCloud = clouds.contains("- id: \(id)\n") || clouds.contains("- id: \(id) ")
            #expect(files[isCloud ? "clouds/\(id).html" : "systems/\(id).html"] != nil, "system/cloud \(id)")
        }
        let check = try CLI.run(["check", Self.example, "--quarter", "2026Q3", "--format", "json"])
        #expect(files["findings.json"] == Data(check.out.utf8), "findings.json must be the bytes of check --format json")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(check.out.utf8)) as? [String: Any])
        let findings = doc["findings"] as? [[String: Any]] ?? []
        for f in findings {
            let rule = f["rule"] as? String ?? ""
            #expect(files["rules/\(rule).html"] != nil, "rule page \(rule)")
        }
        // A rule page carries its citation and verbatim quote.
        let bt18 = Self.text(files["rules/BT-18.html"])
        #expect(bt18.contains("包政数发〔2025〕11号") && bt18.contains("第十八条") && bt18.contains("严禁接入单位擅自安装无线接入设备"))
        // Plan task pages, e.g. the overdue task 52.
        #expect(files["tasks/nm-2024-189-52.html"] != nil)
        // Index: title data and counts equal to check's summary.
        let index = Self.text(files["index.html"])
        let summary = doc["summary"] as? [String: Any] ?? [:]
        let bySeverity = summary["by_severity"] as? [String: Int] ?? [:]
        #expect(index.contains("包头市电子政务外网台账(样例)") && index.contains("2026Q3"))
        #expect(index.contains("<span class=\"card-value\" id=\"count-open\">\(summary["open"] as? Int ?? -1)</span>"))
        #expect(index.contains("<span class=\"card-value\" id=\"count-high\">\(bySeverity["high"] ?? -1)</span>"))
        #expect(index.contains("<svg") && index.contains("class=\"chart\""))
        // CSP on every page.
        let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'\">"
        let pages = files.keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 100)
        for page in pages { #expect(Self.text(files[page]).contains(csp), "CSP in \(page)") }
        // SHA256SUMS lists every other file, sorted.
        let sums = Self.text(files["SHA256SUMS"]).split(separator: "\n").map { String($0.dropFirst(66)) }
        #expect(sums == sums.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
        #expect(Set(sums) == Set(files.keys).subtracting(["SHA256SUMS"]))
        // --lang en switches labels.
        let (en, enFiles) = try Self.build([Self.example, "--lang", "en"], into: dir, name: "en")
        #expect(en.code == 0)
        #expect(Self.text(enFiles["index.html"]).contains("<html lang=\"en\">") && Self.text(enFiles["index.html"]).contains(">Overview<"))
    }

    @Test("no external URL anywhere; every internal link resolves from its page")
    func links() throws {
        let dir = try Scratch()
        let (r, files) = try Self.build([Self.example], into: dir)
        #expect(r.code == 0, "\(r.err)")
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") || path.hasSuffix(".css") || path.hasSuffix(".js") {
            let text = Self.text(data)
            for ref in Self.references(text) {
                #expect(!ref.hasPrefix("/"), "absolute path \(ref) in \(path)")
                #expect(ref.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#, options: .regularExpression) == nil, "URL with a scheme \(ref) in \(path)")
                guard path.hasSuffix(".html") else { continue }
                let target = ref.split(separator: "#", omittingEmptySubsequences: false)[0].split(separator: "?", omittingEmptySubsequences: false)[0]
                if target.isEmpty { continue }
                let base = URL(fileURLWithPath: "/site/" + path).deletingLastPathComponent()
                let resolved = URL(fileURLWithPath: String(target), relativeTo: base).standardizedFileURL.path
                #expect(resolved.hasPrefix("/site/"), "\(ref) leaves the site from \(path)")
                #expect(files[String(resolved.dropFirst(6))] != nil, "\(ref) in \(path) does not resolve")
                checked += 1
            }
            #expect(!text.contains("@import"), "\(path)")
        }
        #expect(checked > 1000)
    }

    @Test("hostile inventory values appear only escaped")
    func hostile() throws {
        let dir = try Scratch()
        try dir.write("inv/inventory.yaml", Self.hostileInventory)
        let (r, files) = try Self.build([dir.path("inv")], into: dir)
        #expect(r.code == 0, "\(r.err)")
        for (path, data) in files where !path.hasPrefix("site/") {
            let text = Self.text(data)
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("</style><script>"), "\(path)")
            #expect(!text.contains("<img"), "\(path)")
            #expect(!text.contains("\" onerror=\"x"), "\(path)")
            #expect(text.range(of: #"(href|src|action)\s*=\s*"\s*javascript:"#, options: [.regularExpression, .caseInsensitive]) == nil, "\(path)")
            #expect(!text.contains("href=\"http"), "\(path)")
            if path.hasSuffix(".js") || path.hasSuffix(".json") {
                #expect(!text.contains("<") && !text.contains(">"), "JSON must escape < > in \(path)")
            }
        }
        let unit1 = Self.text(files["units/u1.html"])
        #expect(unit1.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(unit1.contains("&quot; onerror=&quot;x"))
        #expect(Self.text(files["units/u2.html"]).contains("<h1>&quot; onerror=&quot;x</h1>"))
        #expect(Self.text(files["units/u4.html"]).contains("[x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;"))
        #expect(Self.text(files["search-index.js"]).contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"))
    }

    @Test("two runs give byte-identical sites")
    func deterministic() throws {
        let dir = try Scratch()
        let (a, first) = try Self.build([Self.example, "--quarter", "2026Q3"], into: dir, name: "a")
        let (b, second) = try Self.build([Self.example, "--quarter", "2026Q3"], into: dir, name: "b")
        #expect(a.code == 0 && b.code == 0)
        #expect(first["SHA256SUMS"] != nil && first["SHA256SUMS"] == second["SHA256SUMS"])
        #expect(first == second)
        // Rebuilding over the same folder replaces it with the same bytes.
        let (c, third) = try Self.build([Self.example, "--quarter", "2026Q3"], into: dir, name: "a")
        #expect(c.code == 0, "\(c.err)")
        #expect(third == first)
    }

    @Test("a failed run leaves the previous site untouched; a foreign folder is never replaced")
    func atomic() throws {
        let dir = try Scratch()
        let (ok, before) = try Self.build([Self.example], into: dir)
        #expect(ok.code == 0)
        try dir.write("bad/inventory.yaml", "inventory: {name: x, region: \"150200\", level: city, as_of: 2026-09-30}\nunits:\n  - {id: u1, name: [oops}\n")
        let (bad, after) = try Self.build([dir.path("bad")], into: dir)
        #expect(bad.code == 2)
        #expect(bad.err.contains("inventory.yaml:"), "\(bad.err)")
        #expect(after == before)
        let (missing, after2) = try Self.build([Self.example, "--previous", dir.path("nope.json")], into: dir)
        #expect(missing.code == 2)
        #expect(after2 == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix(".site.") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        // A non-empty folder that is not a site is refused, untouched.
        try dir.write("mine/notes.txt", "keep me")
        let (refused, mine) = try Self.build([Self.example], into: dir, name: "mine")
        #expect(refused.code == 2)
        #expect(mine == ["notes.txt": Data("keep me".utf8)])
    }

    /// `site-layout.html` and `site-findings.html` as they were before the
    /// header, footer and finding rows became fragments rendered once: the
    /// whole page chrome inline, every finding's fields read in the table.
    static let inlineLayout = #"""
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="yunwang">
    <meta name="referrer" content="no-referrer">
    <title>{{title}} · {{inventory.name}}</title>
    <link rel="stylesheet" href="{{root}}site/style.css">
    </head>
    <body>
    <header class="site-header">
    <div class="brand"><a href="{{root}}index.html">{{labels.siteTitle}}</a> · <span class="inventory-name">{{inventory.name}}</span> · <span class="as-of">{{labels.asOf}} {{asOf}}</span> · <span class="quarter">{{quarter}}</span></div>
    <nav aria-label="{{labels.contents}}"><ul>
    {{#nav}}
    <li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>
    {{/nav}}
    </ul></nav>
    <form class="search-form" action="{{root}}search.html" method="get" role="search"><input type="search" name="q" placeholder="{{labels.searchPlaceholder}}" aria-label="{{labels.search}}"> <button type="submit">{{labels.search}}</button></form>
    </header>
    <main>
    <h1>{{title}}</h1>
    {{{body}}}
    </main>
    <footer class="site-footer">{{labels.generatedBy}} · {{inventory.name}} · {{inventory.region}} · {{labels.asOf}} {{asOf}} · <a href="{{root}}findings.json">findings.json</a> · <a href="{{root}}SHA256SUMS">SHA256SUMS</a></footer>
    </body>
    </html>
    """#

    static let inlineFindings = #"""
    {{#hasFindingRows}}
    <table class="findings">
    <thead><tr><th>{{labels.severity}}</th><th>{{labels.status}}</th><th>{{labels.rule}}</th><th>{{labels.target}}</th><th>{{labels.message}}</th><th>{{labels.citation}}</th><th>{{labels.due}}</th></tr></thead>
    <tbody>
    {{#findings}}
    <tr class="sev-{{severity}} status-{{status}}">
    <td><span class="badge sev-{{severity}}">{{severityLabel}}</span></td>
    <td>{{statusLabel}}</td>
    <td><a href="{{ruleHref}}">{{rule}}</a><br><span class="muted">{{title}}</span></td>
    <td>{{#targetHref}}<a href="{{targetHref}}">{{target}}</a>{{/targetHref}}{{^targetHref}}{{target}}{{/targetHref}}{{#unitName}}<br><span class="muted">{{unitName}}</span>{{/unitName}}</td>
    <td>{{message}}<br><span class="muted location">{{location}}</span></td>
    <td>{{citation.document}} {{citation.article}}{{#hasQuote}}<blockquote class="quote">{{citation.quote}}</blockquote>{{/hasQuote}}</td>
    <td>{{due}}</td>
    </tr>
    {{/findings}}
    </tbody>
    </table>
    {{/hasFindingRows}}
    {{^hasFindingRows}}
    <p class="none">{{labels.noFindings}}</p>
    {{/hasFindingRows}}
    """#

    @Test("--templates: templates that read every value inline (no fragments, no CONTENT_TYPE line) give the same site")
    func inlineTemplates() throws {
        let dir = try Scratch()
        try dir.write("tpl/site-layout.html.mustache", Self.inlineLayout + "\n")
        try dir.write("tpl/site-findings.html.mustache", Self.inlineFindings + "\n")
        let (a, builtin) = try Self.build([Self.example, "--quarter", "2026Q3"], into: dir, name: "a")
        let (b, custom) = try Self.build([Self.example, "--quarter", "2026Q3", "--templates", dir.path("tpl")], into: dir, name: "b")
        #expect(a.code == 0 && b.code == 0, "\(b.err)")
        #expect(builtin.count > 100)
        for (path, data) in builtin where custom[path] != data { Issue.record("\(path) differs") }
        #expect(builtin == custom)
        // A custom finding row sees every field of the finding, the labels and the links.
        try dir.write("row/site-finding.html.mustache", #"<tr data-fp="{{fingerprint}}"><td>{{labels.rule}}</td><td><a href="{{ruleHref}}">{{rule}}</a></td><td>{{#quoteLines}}[{{.}}]{{/quoteLines}}</td><td>{{root}}</td></tr>"# + "\n")
        let (c, rows) = try Self.build([Self.example, "--quarter", "2026Q3", "--templates", dir.path("row")], into: dir, name: "c")
        #expect(c.code == 0, "\(c.err)")
        let bt18 = Self.text(rows["rules/BT-18.html"])
        #expect(bt18.range(of: #"<tr data-fp="[0-9a-f]{64}"><td>规则</td><td><a href="\.\./rules/BT-18\.html">BT-18</a></td><td>\[[^<]*\]</td><td>\.\./</td></tr>"#,
                           options: .regularExpression) != nil, "\(bt18)")
    }

    @Test("a quote or bracket followed by a combining mark is still escaped")
    func combiningMarks() throws {
        let dir = try Scratch()
        try dir.write("inv/inventory.yaml", #"""
        inventory: {name: t, region: "150200", level: city, as_of: 2026-09-30}
        units:
          - id: u1
            name: "\"\u0301 onmouseover=alert(1) x=\""
            kind: government
            access: {method: vpn, opened: 2024-01-15, last_activity: 2026-09-20}
            ops_lead: "'\u0301 <\u0338script>"
            wireless_aps: 1

        """#)
        let (r, files) = try Self.build([dir.path("inv")], into: dir)
        #expect(r.code == 0, "\(r.err)")
        let unit = Self.text(files["units/u1.html"])
        #expect(unit.contains("<h1>&quot;\u{301} onmouseover=alert(1) x=&quot;</h1>"), "\(unit)")
        #expect(unit.contains("&#39;\u{301} &lt;\u{338}script&gt;"))
        for (path, data) in files where path.hasSuffix(".html") {
            let scalars = Array(Self.text(data).unicodeScalars)
            for (i, c) in scalars.enumerated() where i > 0 && (c.value == 0x301 || c.value == 0x338) {
                #expect(!"\"'<>&".unicodeScalars.contains(scalars[i - 1]), "raw \(scalars[i - 1]) before a combining mark in \(path)")
            }
        }
    }

    @Test("--previous and --history feed the trend on the index")
    func trend() throws {
        let dir = try Scratch()
        try FileManager.default.createDirectory(atPath: dir.path("history"), withIntermediateDirectories: true)
        let q2 = try CLI.run(["check", Self.example, "--as-of", "2026-06-30", "--format", "json", "--output", dir.path("history/2026Q2.json")])
        #expect(q2.code == 0 || q2.code == 1, "\(q2.err)")
        let q1 = try CLI.run(["check", Self.example, "--as-of", "2026-03-31", "--format", "json", "--output", dir.path("history/2026Q1.json")])
        #expect(q1.code == 0 || q1.code == 1, "\(q1.err)")
        let (r, files) = try Self.build([Self.example, "--quarter", "2026Q3", "--previous", dir.path("history/2026Q2.json"),
                                         "--history", dir.path("history")], into: dir)
        #expect(r.code == 0, "\(r.err)")
        let index = Self.text(files["index.html"])
        #expect(index.contains("id=\"count-new\"") && index.contains("id=\"count-fixed\""))
        #expect(index.contains(">2026Q1</text>") && index.contains(">2026Q2</text>") && index.contains(">2026Q3</text>"))
    }
}
