import Foundation
import Testing

/// The audit site in a real browser (issue #7): headless Chromium opens the
/// Baotou site over file://, with the system's Chinese fonts
/// (fonts-wqy-microhei). `make test` installs both
/// (`scripts/install-deps.sh --browser`); when Chromium is missing the tests
/// fail and say so — they are never skipped.
///
/// Each run of Chromium gets `timeout 60`, its own `--user-data-dir` and
/// `HOME` in a scratch folder. Test artefacts are kept in `out/test-artefacts/`
/// (git-ignored; docs/report-and-site.md lists them): the overview's
/// screenshot `overview.png`, the site at 1366 px (`site-index-1366.png`,
/// `site-findings-1366.png`), and pages 1 and 2 of each printed report
/// (`report-baotou-1.png`, `report-baotou-2.png`, `report-county-1.png`,
/// `report-county-2.png`) with the PDFs themselves.
@Suite("yunwang site in headless Chromium", .serialized)
struct BrowserTests {
    static let example = CLI.repository.appendingPathComponent("examples/baotou").path
    static let artefacts = CLI.repository.appendingPathComponent("out/test-artefacts")

    // MARK: - Chromium

    /// `chromium` on PATH (Debian's package), or nil.
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") + ["/usr/bin"] {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    static func requireChromium() throws -> String {
        try #require(chromium != nil, "chromium is not installed: run `make test` (it runs `scripts/install-deps.sh --browser`, which installs chromium and fonts-wqy-microhei), or `sudo bash scripts/install-deps.sh --browser`")
        return chromium!
    }

    struct Run {
        var code: Int32
        var out: String
        var err: String
    }

    /// Run a program with a scratch HOME; stdout and stderr go to files.
    static func run(_ executable: String, _ arguments: [String], home: URL) throws -> Run {
        let outURL = home.appendingPathComponent("stdout-\(UUID().uuidString)")
        let errURL = home.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        environment["XDG_CACHE_HOME"] = home.appendingPathComponent(".cache").path
        environment["LANG"] = "C.UTF-8"
        process.environment = environment
        process.currentDirectoryURL = home
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Run(
            code: process.terminationStatus,
            out: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
            err: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    /// Headless Chromium with a 60 s timeout, a fresh profile and logging to
    /// standard error (console messages appear there as `CONSOLE` lines).
    static func chromium(_ arguments: [String], in dir: Scratch) throws -> Run {
        let chromium = try requireChromium()
        let home = dir.url.appendingPathComponent("home")
        let profile = dir.url.appendingPathComponent("profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                     "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0"]
        let r = try run("/usr/bin/timeout", ["60", chromium] + flags + arguments, home: home)
        if r.code == 124 { Issue.record("chromium timed out after 60 s: \(arguments)") }
        return r
    }

    /// The DOM after scripts ran (`--dump-dom`).
    static func dom(_ url: String, in dir: Scratch) throws -> (dom: String, log: String) {
        let r = try chromium(["--dump-dom", url], in: dir)
        #expect(r.code == 0, "chromium --dump-dom \(url) exited \(r.code): \(r.err.suffix(2000))")
        #expect(r.out.contains("</html>"), "no DOM for \(url)")
        return (r.out, r.err)
    }

    /// Log lines that say the browser blocked or could not load something:
    /// CSP violations ("Refused to load …" in older Chromium, "… violates the
    /// following Content Security Policy directive …" in newer), file://
    /// access refused, missing files.
    static func blocked(_ log: String) -> [String] {
        let patterns = ["Refused to", "Content Security Policy", "Content-Security-Policy", "has been blocked",
                        "Not allowed to load local resource", "Failed to load resource", "ERR_FILE_NOT_FOUND",
                        "ERR_BLOCKED", "Uncaught"]
        return log.split(separator: "\n").map(String.init).filter { line in patterns.contains { line.contains($0) } }
    }

    static func fileURL(_ path: String, query: String? = nil) -> String {
        var c = URLComponents()
        c.scheme = "file"
        c.path = path
        if let query { c.queryItems = [URLQueryItem(name: "q", value: query)] }
        return c.url!.absoluteString
    }

    /// Collapse runs of white space (the DOM serialiser keeps a quote's line breaks).
    static func flat(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The DOM serialiser escapes `&`, `<`, `>` in text.
    static func htmlText(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    // MARK: - The example

    /// `inventory.name` of examples/baotou.
    static func inventoryName() throws -> String {
        let text = try String(contentsOfFile: "\(example)/inventory.yaml", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  name: ") })
        return String(line.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
    }

    /// The first unit of units.yaml: (id, name).
    static func firstUnit() throws -> (id: String, name: String) {
        let lines = try String(contentsOfFile: "\(example)/units.yaml", encoding: .utf8).split(separator: "\n")
        let i = try #require(lines.firstIndex { $0.hasPrefix("  - id: ") })
        let id = String(lines[i].dropFirst(8)).trimmingCharacters(in: .whitespaces)
        let nameLine = try #require(lines[(i + 1)...].first { $0.hasPrefix("    name: ") })
        return (id, String(nameLine.dropFirst(10)).trimmingCharacters(in: CharacterSet(charactersIn: " \"'")))
    }

    static func check() throws -> [String: Any] {
        let r = try CLI.run(["check", example, "--quarter", "2026Q3", "--format", "json"])
        #expect(r.code == 0 || r.code == 1, "\(r.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    }

    static func site(_ dir: Scratch) throws -> String {
        let out = dir.path("site")
        let r = try CLI.run(["site", example, "--quarter", "2026Q3", "--output", out])
        try #require(r.code == 0, "yunwang site failed: \(r.err)")
        return out
    }

    // MARK: - Tests

    @Test("Chinese fonts are installed (fonts-wqy-microhei or another CJK font)")
    func fonts() throws {
        _ = try Self.requireChromium()
        let dir = try Scratch()
        let r = try Self.run("/usr/bin/env", ["fc-list", ":lang=zh", "family"], home: dir.url)
        #expect(r.code == 0 && !r.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "no font covers Chinese (fc-list :lang=zh is empty): run `make test`, which installs fonts-wqy-microhei")
    }

    @Test("overview and a unit page render in Chromium: name, open count, citation; no blocked resource; screenshot")
    func pages() throws {
        _ = try Self.requireChromium()
        let dir = try Scratch()
        let site = try Self.site(dir)
        let doc = try Self.check()
        let summary = try #require(doc["summary"] as? [String: Any])
        let open = try #require(summary["open"] as? Int)
        let name = try Self.inventoryName()
        #expect(name == "包头市电子政务外网台账(样例)")

        // The overview: inventory name, open count as check reports it, no console complaints.
        let (index, log) = try Self.dom(Self.fileURL("\(site)/index.html"), in: dir)
        #expect(index.contains("<span class=\"inventory-name\">\(Self.htmlText(name))</span>"), "inventory name missing from the overview's DOM")
        #expect(index.contains("<span class=\"card-value\" id=\"count-open\">\(open)</span>"), "open count \(open) missing from the overview's DOM")
        #expect(index.contains("<svg") && index.contains("class=\"chart\""))
        #expect(Self.blocked(log).isEmpty, "the browser blocked or missed resources on the overview:\n\(Self.blocked(log).joined(separator: "\n"))")

        // The detector works: a copy of the overview with an external image and an inline script is reported.
        var planted = try String(contentsOfFile: "\(site)/index.html", encoding: .utf8)
        planted = planted.replacingOccurrences(of: "</main>", with: "<img src=\"https://example.com/x.png\" alt=\"\"><script>document.title = 'x'</script></main>")
        try planted.write(toFile: "\(site)/planted.html", atomically: true, encoding: .utf8)
        let (_, plantedLog) = try Self.dom(Self.fileURL("\(site)/planted.html"), in: dir)
        #expect(Self.blocked(plantedLog).count >= 2, "the CSP check saw nothing on a page with an external image and an inline script; log:\n\(plantedLog.suffix(3000))")
        try FileManager.default.removeItem(atPath: "\(site)/planted.html")

        // A unit page with an open finding: the unit's name, the finding's message and citation (verbatim quote).
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let finding = try #require(findings.first { f in
            (f["status"] as? String) == "open" && f["unit"] is String
                && (f["target"] as? [String: Any])?["kind"] as? String == "unit"
                && !(((f["citation"] as? [String: Any])?["quote"] as? String) ?? "").isEmpty
        })
        let unit = try #require(finding["unit"] as? String)
        let citation = try #require(finding["citation"] as? [String: Any])
        let quote = try #require(citation["quote"] as? String)
        let (page, unitLog) = try Self.dom(Self.fileURL("\(site)/units/\(unit).html"), in: dir)
        let flatPage = Self.flat(page)
        #expect(flatPage.contains(Self.flat(Self.htmlText(quote))), "citation quote of \(finding["rule"] ?? "") missing from units/\(unit).html")
        #expect(page.contains(Self.htmlText(citation["document"] as? String ?? "?")) && page.contains(Self.htmlText(citation["article"] as? String ?? "?")))
        #expect(flatPage.contains(Self.flat(Self.htmlText(finding["message"] as? String ?? "?"))), "finding message missing from units/\(unit).html")
        #expect(Self.blocked(unitLog).isEmpty, "blocked resources on units/\(unit).html:\n\(Self.blocked(unitLog).joined(separator: "\n"))")

        // The screenshot: a PNG of the asked size, kept as an artefact to look at (Chinese text, not boxes).
        let shot = dir.url.appendingPathComponent("overview.png")
        let r = try Self.chromium(["--screenshot=\(shot.path)", "--window-size=1280,2000", Self.fileURL("\(site)/index.html")], in: dir)
        #expect(r.code == 0, "chromium --screenshot exited \(r.code): \(r.err.suffix(2000))")
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        if png.count >= 24 {
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 1280 && height == 2000, "screenshot is \(width)×\(height)")
        }
        #expect(png.count > 50_000, "screenshot of \(png.count) bytes looks empty")
        try FileManager.default.createDirectory(at: Self.artefacts, withIntermediateDirectories: true)
        let kept = Self.artefacts.appendingPathComponent("overview.png")
        try? FileManager.default.removeItem(at: kept)
        try FileManager.default.copyItem(at: shot, to: kept)
    }

    @Test("search.html?q=<unit name> lists the unit; the count matches the index")
    func search() throws {
        _ = try Self.requireChromium()
        let dir = try Scratch()
        let site = try Self.site(dir)
        let unit = try Self.firstUnit()
        let (dom, log) = try Self.dom(Self.fileURL("\(site)/search.html", query: unit.name), in: dir)
        let attribute = try #require(dom.range(of: #"data-search-results="([0-9]+)""#, options: .regularExpression).map { String(dom[$0]) },
                                     "search.js did not set data-search-results on <html>")
        let count = Int(attribute.dropFirst("data-search-results=\"".count).dropLast()) ?? -1
        #expect(count >= 1, "no results for \(unit.name)")
        #expect(dom.contains("<a href=\"units/\(unit.id).html\">\(Self.htmlText(unit.name))</a>"), "units/\(unit.id).html is not among the results")
        #expect(dom.contains("<p id=\"search-count\" class=\"muted\" aria-live=\"polite\">\(count)</p>"))
        #expect(Self.blocked(log).isEmpty, "blocked resources on search.html:\n\(Self.blocked(log).joined(separator: "\n"))")

        // The same count as search.js's rule over search-index.json: every word in kind, title or detail.
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(site)/search-index.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
        let terms = unit.name.lowercased().split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let expected = entries.filter { e in
            let hay = "\(e["t"] ?? "") \(e["d"] ?? "") \(e["k"] ?? "")".lowercased()
            return terms.allSatisfy { hay.contains($0) }
        }.count
        #expect(count == expected, "browser found \(count), the index has \(expected) matching entries")
    }

    @Test("hostile inventory values stay text in the browser: unit page and search results")
    func hostile() throws {
        _ = try Self.requireChromium()
        let dir = try Scratch()
        try dir.write("inv/inventory.yaml", SiteCommandTests.hostileInventory)
        let r = try CLI.run(["site", dir.path("inv"), "--output", dir.path("site")])
        try #require(r.code == 0, "yunwang site failed: \(r.err)")
        let site = dir.path("site")
        for (url, what) in [(Self.fileURL("\(site)/units/u4.html"), "units/u4.html"),
                            (Self.fileURL("\(site)/search.html", query: "alert"), "search.html?q=alert")] {
            let (dom, log) = try Self.dom(url, in: dir)
            // Only the page's own elements: no injected img, script or javascript: link.
            #expect(!dom.contains("<img"), "an <img> element in \(what)")
            #expect(dom.components(separatedBy: "<script").count - 1 == (what.hasPrefix("search") ? 2 : 0), "unexpected <script> in \(what)")
            #expect(dom.range(of: #"href="\s*javascript:"#, options: [.regularExpression, .caseInsensitive]) == nil, "javascript: link in \(what)")
            #expect(Self.blocked(log).isEmpty, "\(what):\n\(Self.blocked(log).joined(separator: "\n"))")
        }
        let (search, _) = try Self.dom(Self.fileURL("\(site)/search.html", query: "alert"), in: dir)
        #expect(search.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the hostile name is not shown as text in the results")
        #expect(!search.contains("data-search-results=\"0\""), "no results for alert")
    }

    // MARK: - Issue #15: the printed report, the filters, the count links

    static let county = CLI.repository.appendingPathComponent("Tests/Fixtures/tumd").path

    static func keep(_ file: URL, as name: String) throws {
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        let kept = artefacts.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: kept)
        try FileManager.default.copyItem(at: file, to: kept)
    }

    /// Print the HTML report to A4 PDF; return the page count (pdfinfo) and keep pages 1 and 2 as PNGs.
    static func printReport(_ inventory: String, name: String, extra: [String] = [], in dir: Scratch) throws -> Int {
        let html = dir.path("\(name).html"), pdf = dir.url.appendingPathComponent("\(name).pdf")
        let r = try CLI.run(["report", inventory, "--quarter", "2026Q3", "--output", html] + extra)
        try #require(r.code == 0, "yunwang report failed: \(r.err)")
        let p = try chromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", fileURL(html)], in: dir)
        #expect(p.code == 0, "chromium --print-to-pdf exited \(p.code): \(p.err.suffix(2000))")
        #expect(blocked(p.err).isEmpty, "blocked resources in the report:\n\(blocked(p.err).joined(separator: "\n"))")
        let info = try run("/usr/bin/env", ["pdfinfo", pdf.path], home: dir.url)
        try #require(info.code == 0, "pdfinfo failed (poppler-utils installed?): \(info.err)")
        let line = try #require(info.out.split(separator: "\n").first { $0.hasPrefix("Pages:") })
        let pages = try #require(Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)))
        // One font family for Chinese and Latin text (and the running header and page numbers). The
        // unnamed Type 3 fonts are Chromium's synthetic bold of the same face (WenQuanYi Micro Hei has
        // no bold): a page with only regular text has none.
        let fonts = try run("/usr/bin/env", ["pdffonts", pdf.path], home: dir.url)
        var families: Set<String> = []
        for line in fonts.out.split(separator: "\n").dropFirst(2) {
            guard let name = line.split(separator: " ").first, name != "[none]" else { continue }
            families.insert(String(name.split(separator: "+").last ?? name))
        }
        #expect(families == ["WenQuanYiMicroHei"], "fonts in the PDF: \(families.sorted())")
        let prefix = dir.url.appendingPathComponent("\(name)-page").path
        let png = try run("/usr/bin/env", ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", pdf.path, prefix], home: dir.url)
        #expect(png.code == 0, "pdftoppm failed: \(png.err)")
        for n in [1, 2] {
            let candidates = ["\(prefix)-\(n).png", "\(prefix)-0\(n).png", "\(prefix)-00\(n).png"]
            let file = try #require(candidates.first { FileManager.default.fileExists(atPath: $0) }, "no PNG of page \(n)")
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]) && data.count > 20_000, "page \(n) PNG looks empty (\(data.count) bytes)")
            try keep(URL(fileURLWithPath: file), as: "report-\(name)-\(n).png")
        }
        try keep(pdf, as: "report-\(name).pdf")
        return pages
    }

    @Test("printed reports: Baotou at most 16 A4 pages, the 41-terminal county at most 10; one font; PNGs of pages 1 and 2 kept")
    func printedReports() throws {
        _ = try Self.requireChromium()
        let dir = try Scratch()
        let previous = CLI.repository.appendingPathComponent("examples/baotou/history/2026Q2.json").path
        let extra = FileManager.default.fileExists(atPath: previous) ? ["--previous", previous] : []
        let baotou = try Self.printReport(Self.example, name: "baotou", extra: extra, in: dir)
        #expect(baotou >= 3 && baotou <= 16, "the Baotou report prints on \(baotou) pages")
        let county = try Self.printReport(Self.county, name: "county", in: dir)
        #expect(county >= 2 && county <= 10, "the county report prints on \(county) pages")
    }

    /// `data-filter-shown` that site/filter.js sets on <html>.
    static func shown(_ dom: String) -> Int? {
        guard let r = dom.range(of: #"data-filter-shown="([0-9]+)""#, options: .regularExpression) else { return nil }
        return Int(dom[r].dropFirst("data-filter-shown=\"".count).dropLast())
    }

    @Test("findings.html filters in the browser: every count on the overview opens the list it counts; no console errors")
    func filtersAndCountLinks() throws {
        _ = try Self.requireChromium()
        let dir = try Scratch()
        let site = try Self.site(dir)
        let index = try String(contentsOfFile: "\(site)/index.html", encoding: .utf8)
        // The count links: cards and the per-unit table (first unit with findings, the 其他 row, the total row).
        var links: [(href: String, count: Int)] = []
        let card = try NSRegularExpression(pattern: #"<a href="(findings\.html[^"]*)"><span class="card-value" id="[a-z-]+">([0-9]+)</span>"#)
        let cell = try NSRegularExpression(pattern: #"<td><a href="(findings\.html\?[^"]*)">([0-9]+)</a></td>"#)
        let ns = index as NSString
        for m in card.matches(in: index, range: NSRange(location: 0, length: ns.length)) {
            links.append((ns.substring(with: m.range(at: 1)).replacingOccurrences(of: "&amp;", with: "&"), Int(ns.substring(with: m.range(at: 2))) ?? -1))
        }
        let cells = cell.matches(in: index, range: NSRange(location: 0, length: ns.length)).map {
            (ns.substring(with: $0.range(at: 1)).replacingOccurrences(of: "&amp;", with: "&"), Int(ns.substring(with: $0.range(at: 2))) ?? -1)
        }
        #expect(links.count >= 8, "the summary cards should link to findings.html")
        // A sample of the table: the first row's open and high, the 其他 row's open, the total's open and overdue.
        for wanted in ["&status=open&severity=high", "?unit=-&status=open", "findings.html?status=open", "findings.html?overdue=yes"] {
            if let c = cells.first(where: { $0.0.contains(wanted) && ($0.1 > 0 || wanted.contains("unit=-")) }) { links.append(c) }
        }
        if let first = cells.first { links.append(first) }
        #expect(links.count >= 11)
        for link in links {
            let (dom, log) = try Self.dom(Self.fileURL("\(site)/findings.html") + String(link.href.dropFirst("findings.html".count)), in: dir)
            #expect(Self.shown(dom) == link.count, "\(link.href): the overview says \(link.count), the list shows \(Self.shown(dom).map(String.init) ?? "nothing")")
            #expect(Self.blocked(log).isEmpty, "\(link.href):\n\(Self.blocked(log).joined(separator: "\n"))")
        }
        // The filters agree with findings.json: open high findings of one rule.
        let doc = try Self.check()
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let rule = try #require(findings.first { $0["severity"] as? String == "high" && $0["status"] as? String == "open" }?["rule"] as? String)
        let expected = findings.filter { $0["rule"] as? String == rule && $0["status"] as? String == "open" }.count
        let (dom, _) = try Self.dom(Self.fileURL("\(site)/findings.html") + "?status=open&rule=\(rule)", in: dir)
        #expect(Self.shown(dom) == expected, "rule \(rule): \(expected) open in findings.json")
        #expect(dom.contains("<strong id=\"filter-count\" aria-live=\"polite\">\(expected)</strong>"))
        // Other pages load without console errors or blocked resources.
        for page in ["index.html", "terminals.html", "changes.html", "exits.html", "datacenters.html", "rules.html"] {
            let (_, log) = try Self.dom(Self.fileURL("\(site)/\(page)"), in: dir)
            #expect(Self.blocked(log).isEmpty, "\(page):\n\(Self.blocked(log).joined(separator: "\n"))")
        }
        // Screenshots at 1366 px, kept to look at.
        for (page, name) in [("index.html", "site-index-1366.png"), ("findings.html?status=open&severity=high", "site-findings-1366.png")] {
            let shot = dir.url.appendingPathComponent(name)
            let url = page.contains("?") ? Self.fileURL("\(site)/findings.html") + "?status=open&severity=high" : Self.fileURL("\(site)/\(page)")
            let r = try Self.chromium(["--screenshot=\(shot.path)", "--hide-scrollbars", "--window-size=1366,1800", url], in: dir)
            #expect(r.code == 0, "chromium --screenshot exited \(r.code)")
            let png = try Data(contentsOf: shot)
            #expect(png.count > 50_000, "\(name) looks empty")
            try Self.keep(shot, as: name)
        }
    }
}
