import Foundation
import Testing

/// Copies of an example inventory to edit, and the YAML surgery the diff and
/// determinism tests do on them (by whole list items, so comments move along).
enum InventoryCopy {
    /// A fresh copy of `examples/NAME`.
    static func example(_ name: String = "baotou") throws -> Scratch {
        let dir = try Scratch()
        try FileManager.default.removeItem(at: dir.url)
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("examples/\(name)"), to: dir.url)
        return dir
    }

    /// A list file split into its head (comments and the `key:` line) and its
    /// items, each starting at a `  - ` line.
    static func items(_ text: String) -> (head: String, items: [String]) {
        var head = "", items: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("  - ") { items.append(line + "\n") }
            else if items.isEmpty { head += line + "\n" }
            else { items[items.count - 1] += line + "\n" }
        }
        if var last = items.popLast() {
            while last.hasSuffix("\n\n") { last.removeLast() }
            items.append(last)
        }
        return (head, items)
    }

    static func read(_ dir: Scratch, _ name: String) throws -> String {
        try String(contentsOfFile: dir.path(name), encoding: .utf8)
    }

    /// Findings of `check --format json` as dictionaries (the run's exit code is ignored).
    static func findings(_ args: [String]) throws -> [[String: Any]] {
        let r = try CLI.run(["check"] + args + ["--format", "json", "--fail-on", "never"])
        #expect(r.code == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        return doc["findings"] as? [[String: Any]] ?? []
    }

    static func fingerprints(_ path: String) throws -> Set<String> {
        Set(try findings([path]).compactMap { $0["fingerprint"] as? String })
    }
}

/// `yunwang diff` end to end, with `check --baseline` on the same edits:
/// identical runs, one new violation, one fixed, status changes, stable
/// fingerprints, the three formats and bad input.
@Suite("yunwang diff (end to end)")
struct DiffCommandTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// `diff --format json` of two files, parsed; the run must exit 0.
    static func diff(_ old: String, _ new: String) throws -> [String: Any] {
        let r = try CLI.run(["diff", old, new, "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        return try json(r.out)
    }

    static func summary(_ d: [String: Any]) -> [String: Int] {
        d["summary"] as? [String: Int] ?? [:]
    }

    static func targets(_ d: [String: Any], _ key: String) -> [String] {
        (d[key] as? [[String: Any]] ?? []).map { f in
            let t = f["target"] as? [String: String] ?? [:]
            return "\(f["rule"] as? String ?? "") \(t["kind"] ?? "")/\(t["id"] ?? "")"
        }
    }

    /// A terminal of bt-sjj inside its segment 10.15.16.0/24, compliant but
    /// for 向日葵: exactly one new high finding (BT-42-8).
    static let sunloginTerminal = """
    # 新增终端 (a terminal added after the baseline)
    terminals:
      - id: bt-sjj-0901
        unit: bt-sjj
        ip: 10.15.16.201
        mac: "02:00:5e:10:09:01"
        user: zhaoxin
        real_name: true
        classified: false
        firewall: true
        antivirus: {installed: true, signatures: 2026-09-28, last_full_scan: 2026-09-27}
        software: [WPS Office, 奇安信天擎, 向日葵]

    """

    @Test func anIdenticalRunHasNothingNew() throws {
        let out = try Scratch()
        let base = out.path("base.json"), again = out.path("again.json")
        #expect(try CLI.run(["check", "examples/baotou", "--format", "json", "--output", base]).code == 1)
        #expect(try CLI.run(["check", "examples/baotou", "--baseline", base]).code == 0)
        #expect(try CLI.run(["check", "examples/baotou", "--format", "json", "--output", again, "--baseline", base]).code == 0)
        let d = try Self.diff(base, again)
        let total = try InventoryCopy.findings(["examples/baotou"]).count
        #expect(Self.summary(d) == ["new": 0, "fixed": 0, "unchanged": total, "status_changed": 0])
        let text = try CLI.run(["diff", base, again, "--lang", "en"])
        #expect(text.code == 0)
        #expect(text.out.contains("total: 0 new, 0 fixed, \(total) unchanged"))
    }

    @Test func oneNewHighViolationFailsTheBaselineAndIsTheOnlyNewFinding() throws {
        let out = try Scratch()
        let base = out.path("base.json"), now = out.path("now.json")
        let dir = try InventoryCopy.example()
        #expect(try CLI.run(["check", dir.url.path, "--format", "json", "--output", base]).code == 1)
        try dir.write("terminals/zz.yaml", Self.sunloginTerminal)
        #expect(try CLI.run(["validate", dir.url.path]).code == 0)
        let gate = try CLI.run(["check", dir.url.path, "--baseline", base])
        #expect(gate.code == 1)
        #expect(gate.out.contains("bt-sjj-0901"))
        // A medium gate passes too early? No: the new finding is high, so every threshold up to high fails.
        #expect(try CLI.run(["check", dir.url.path, "--baseline", base, "--fail-on", "medium"]).code == 1)
        #expect(try CLI.run(["check", dir.url.path, "--baseline", base, "--fail-on", "never"]).code == 0)

        #expect(try CLI.run(["check", dir.url.path, "--format", "json", "--output", now]).code == 1)
        let d = try Self.diff(base, now)
        #expect(Self.targets(d, "new") == ["BT-42-8 terminal/bt-sjj-0901"])
        #expect(Self.summary(d)["new"] == 1)
        #expect(Self.summary(d)["fixed"] == 0)
        let new = try #require((d["new"] as? [[String: Any]])?.first)
        #expect(new["severity"] as? String == "high")
        #expect(new["status"] as? String == "open")
        #expect((new["location"] as? [String: Any])?["file"] as? String == "terminals/zz.yaml")
        #expect((new["fingerprint"] as? String)?.count == 64)

        let text = try CLI.run(["diff", base, now])
        #expect(text.code == 0)
        #expect(text.out.contains("新增 (1)"))
        #expect(text.out.contains("BT-42-8 terminal/bt-sjj-0901"))
        #expect(text.out.contains("terminals/zz.yaml:"))
        let markdown = try CLI.run(["diff", base, now, "--format", "markdown", "--lang", "en"])
        #expect(markdown.code == 0)
        #expect(markdown.out.contains("#### New (1)"))
        #expect(markdown.out.contains("| high | BT-42-8 | terminal/bt-sjj-0901 | open |"))
        #expect(markdown.out.contains("<details><summary>Unchanged ("))
        #expect(!markdown.out.contains("#### Fixed"))
    }

    @Test func removingAViolationIsOneFixed() throws {
        let out = try Scratch()
        let base = out.path("base.json"), now = out.path("now.json")
        let dir = try InventoryCopy.example()
        #expect(try CLI.run(["check", dir.url.path, "--format", "json", "--output", base]).code == 1)
        let file = "terminals/bt-jyj.yaml"
        let text = try InventoryCopy.read(dir, file)
        let edited = text.replacingOccurrences(of: "software: [WPS Office, 火绒, 钉钉, ToDesk]", with: "software: [WPS Office, 火绒, 钉钉]")
        try #require(edited != text)
        try dir.write(file, edited)
        #expect(try CLI.run(["check", dir.url.path, "--baseline", base]).code == 0)
        #expect(try CLI.run(["check", dir.url.path, "--format", "json", "--output", now, "--fail-on", "never"]).code == 0)
        let d = try Self.diff(base, now)
        #expect(Self.targets(d, "fixed") == ["BT-42-8 terminal/bt-jyj-0004"])
        // The open rectification order for it now matches nothing: it can be closed.
        #expect(Self.targets(d, "new") == ["RECT-UNUSED rectification/BT-42-8@terminal/bt-jyj-0004"])
        let md = try CLI.run(["diff", base, now, "--format", "markdown"])
        #expect(md.out.contains("#### 已整改 (1)"))
        // Swapped, the fix reads as one new finding.
        #expect(Self.targets(try Self.diff(now, base), "new") == ["BT-42-8 terminal/bt-jyj-0004"])
    }

    @Test func fingerprintsSurviveUnrelatedEdits() throws {
        let before = try InventoryCopy.fingerprints("examples/baotou")
        #expect(before.count > 20)
        let dir = try InventoryCopy.example()

        // Move the last terminal of bt-sjj into bt-dsj's file.
        let (sjjHead, sjj) = InventoryCopy.items(try InventoryCopy.read(dir, "terminals/bt-sjj.yaml"))
        let moved = try #require(sjj.last)
        #expect(moved.contains("unit: bt-sjj"))
        try dir.write("terminals/bt-sjj.yaml", sjjHead + sjj.dropLast().joined())
        let (dsjHead, dsj) = InventoryCopy.items(try InventoryCopy.read(dir, "terminals/bt-dsj.yaml"))
        try dir.write("terminals/bt-dsj.yaml", dsjHead + ([moved] + dsj).joined())

        // Reverse the order of the units.
        let (unitsHead, units) = InventoryCopy.items(try InventoryCopy.read(dir, "units.yaml"))
        #expect(units.count > 10)
        try dir.write("units.yaml", unitsHead + units.reversed().joined())

        // Add a compliant terminal in a new file.
        try dir.write("terminals/aa.yaml", Self.sunloginTerminal.replacingOccurrences(of: ", 向日葵", with: ""))

        #expect(try CLI.run(["validate", dir.url.path]).code == 0)
        let after = try InventoryCopy.fingerprints(dir.url.path)
        #expect(after == before)

        let out = try Scratch()
        #expect(try CLI.run(["check", "examples/baotou", "--format", "json", "--output", out.path("a.json"), "--fail-on", "never"]).code == 0)
        #expect(try CLI.run(["check", dir.url.path, "--format", "json", "--output", out.path("b.json"), "--fail-on", "never"]).code == 0)
        let d = try Self.diff(out.path("a.json"), out.path("b.json"))
        #expect(Self.summary(d)["new"] == 0)
        #expect(Self.summary(d)["fixed"] == 0)
        #expect(Self.summary(d)["status_changed"] == 0)
        #expect(try CLI.run(["check", dir.url.path, "--baseline", out.path("a.json")]).code == 0)
    }

    /// Hand-made findings files: status and severity changes are shown under
    /// unchanged; output is sorted like `check`, whatever the input order.
    @Test func statusChangesAreShownUnderUnchanged() throws {
        func finding(_ rule: String, _ severity: String, _ status: String, _ id: String) -> String {
            """
            {"rule":"\(rule)","severity":"\(severity)","status":"\(status)","target":{"kind":"unit","id":"\(id)"},\
            "message":"m \(id)","messages":{"zh":"消息 \(id)","en":"message \(id)"},\
            "location":{"file":"units.yaml","line":3,"column":5},"fingerprint":"fp-\(rule)-\(id)"}
            """
        }
        let dir = try Scratch()
        let old = try dir.write("old.json", """
        {"as_of":"2026-06-30","findings":[\(finding("R-1", "high", "open", "a")),\(finding("R-2", "low", "due-soon", "b")),\(finding("R-3", "medium", "open", "c")),\(finding("R-4", "low", "open", "gone"))]}
        """)
        let new = try dir.write("new.json", """
        {"as_of":"2026-09-30","findings":[\(finding("R-3", "medium", "open", "c")),\(finding("R-2", "high", "open", "b")),\(finding("R-1", "high", "waived", "a")),\(finding("R-0", "info", "open", "z"))]}
        """)
        let d = try Self.diff(old, new)
        #expect(Self.summary(d) == ["new": 1, "fixed": 1, "unchanged": 3, "status_changed": 2])
        #expect(Self.targets(d, "unchanged") == ["R-1 unit/a", "R-2 unit/b", "R-3 unit/c"])
        let unchanged = d["unchanged"] as? [[String: Any]] ?? []
        #expect(unchanged.map { $0["previous_status"] as? String } == ["open", "due-soon", nil])
        #expect(unchanged.map { $0["previous_severity"] as? String } == [nil, "low", nil])
        #expect(Self.targets(d, "new") == ["R-0 unit/z"])
        #expect(Self.targets(d, "fixed") == ["R-4 unit/gone"])

        let en = try CLI.run(["diff", old, new, "--lang", "en"])
        #expect(en.out.contains("comparing \(old) (2026-06-30) → \(new) (2026-09-30)"))
        #expect(en.out.contains("changed: open → waived"))
        #expect(en.out.contains("changed: due-soon → open, low → high"))
        #expect(en.out.contains("message b"))
        let zh = try CLI.run(["diff", old, new])
        #expect(zh.out.contains("变化：未整改 → 已豁免"))
        #expect(zh.out.contains("消息 b"))
        let md = try CLI.run(["diff", old, new, "--format", "markdown", "--lang", "en"])
        #expect(md.out.contains("#### Status changes (2)"))
        #expect(md.out.contains("| high | R-1 | unit/a | open → waived |"))

        // The same bytes every time, and written atomically with --output.
        let a = try CLI.run(["diff", old, new, "--format", "json"])
        #expect(try CLI.run(["diff", old, new, "--format", "json"]).out == a.out)
        #expect(try CLI.run(["diff", old, new, "--format", "json", "--output", dir.path("d.json")]).code == 0)
        #expect(try String(contentsOfFile: dir.path("d.json"), encoding: .utf8) == a.out)
    }

    @Test func markdownCellsAreEscaped() throws {
        let dir = try Scratch()
        let old = try dir.write("old.json", #"{"findings":[]}"#)
        let new = try dir.write("new.json", """
        {"findings":[{"rule":"R|1","severity":"high","status":"open","target":{"kind":"unit","id":"<b>x</b>"},\
        "message":"a | b\\nc","fingerprint":"f1"}]}
        """)
        let md = try CLI.run(["diff", old, new, "--format", "markdown", "--lang", "en"])
        #expect(md.code == 0)
        #expect(md.out.contains(#"| high | R\|1 | unit/&lt;b&gt;x&lt;/b&gt; | open | a \| b c |  |"#))
    }

    @Test func badInputExits2NamingTheFile() throws {
        let dir = try Scratch()
        let good = try dir.write("good.json", #"{"findings":[]}"#)
        let cases: [(String, String, String)] = [
            ("syntax.json", "{\"findings\": [\n  {\"fingerprint\": x}\n]}", "syntax.json:2:"),
            ("notarget.json", #"{"findings":[{"rule":"R","severity":"high","status":"open","fingerprint":"f"}]}"#, "findings[0]"),
            ("array.json", "[]", "array.json:1:1"),
            ("nofindings.json", #"{"tool":{"name":"yunwang"}}"#, "nofindings.json:1:1"),
            ("nofp.json", #"{"findings":[{"rule":"R"}]}"#, "findings[0]"),
            ("empty.json", "", "empty.json:1:1"),
        ]
        for (name, body, expected) in cases {
            let bad = try dir.write(name, body)
            for args in [[good, bad], [bad, good]] {
                let r = try CLI.run(["diff"] + args)
                #expect(r.code == 2, "\(name)")
                #expect(r.err.contains(expected), "\(name): \(r.err)")
                #expect(r.out.isEmpty)
            }
        }
        let missing = try CLI.run(["diff", good, dir.path("missing.json"), "--lang", "en"])
        #expect(missing.code == 2)
        #expect(missing.err.contains("missing.json:1:1"))
        #expect(missing.err.contains("cannot read"))
        #expect(try CLI.run(["diff", good, dir.url.path]).code == 2)
        #expect(try CLI.run(["diff", good]).code == 2)
        #expect(try CLI.run(["diff", good, good, "--format", "sarif"]).code == 2)
        // An inventory is not a findings file.
        #expect(try CLI.run(["diff", good, "examples/baotou/inventory.yaml"]).code == 2)
    }

    @Test func helpExplainsTheGate() throws {
        let r = try CLI.run(["diff", "--help"])
        #expect(r.code == 0)
        #expect(r.out.contains("check --baseline"))
        #expect(r.out.contains("yunwang diff findings-2026Q2.json findings-2026Q3.json"))
        #expect(r.out.contains("--format"))
        #expect(try CLI.run(["--help"]).out.contains("diff"))
    }
}
