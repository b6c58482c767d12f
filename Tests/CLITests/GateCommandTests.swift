import Foundation
import Testing

/// Issue #18 end to end through the binary: the blocking line, the baseline marks,
/// `--as-of today`/`--tz`, `--root`, the diff warning, the GB18030 hint, `init` flags,
/// `policy test ID`, help text, write failures and `--version`.
@Suite("CI gate (end to end)")
struct GateCommandTests {
    static let baotou = "examples/baotou"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Today's findings of Baotou as a baseline, less its first `drop` findings (which are then new).
    static func baseline(in dir: Scratch, dropping drop: Int) throws -> (String, [String]) {
        let r = try CLI.run(["check", baotou, "--format", "json", "--fail-on", "never"])
        var doc = try json(r.out)
        let findings = doc["findings"] as? [[String: Any]] ?? []
        doc["findings"] = Array(findings.dropFirst(drop))
        let file = try dir.write("baseline.json", try JSONSerialization.data(withJSONObject: doc))
        return (file, findings.prefix(drop).compactMap { $0["fingerprint"] as? String })
    }

    // MARK: - The blocking line and the baseline marks

    @Test func aFailingGateSaysWhatBlocksAsItsLastLine() throws {
        let dir = try Scratch()
        let (file, dropped) = try Self.baseline(in: dir, dropping: 3)
        let zh = try CLI.run(["check", Self.baotou, "--fail-on", "medium", "--baseline", file])
        #expect(zh.code == 1)
        #expect(Self.lastLine(zh.err) == "阻断：基线外新增 3 条中及以上问题", "\(zh.err)")
        let en = try CLI.run(["check", Self.baotou, "--fail-on", "medium", "--baseline", file, "--lang", "en"])
        #expect(Self.lastLine(en.err) == "blocking: 3 findings at medium or above not in the baseline")
        // Without a baseline every open finding at the threshold blocks.
        let all = try CLI.run(["check", Self.baotou, "--format", "json"])
        let high = (try Self.json(all.out)["findings"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "open" && $0["severity"] as? String == "high" }
        #expect(Self.lastLine(all.err) == "阻断：\(high.count) 条高风险问题未整改")
        let allEN = try CLI.run(["check", Self.baotou, "--lang", "en", "--format", "json"])
        #expect(Self.lastLine(allEN.err) == "blocking: \(high.count) open findings at high severity")
        // Nothing new: exit 0 and no blocking line.
        let other = try Scratch()
        let (same, _) = try Self.baseline(in: other, dropping: 0)
        let pass = try CLI.run(["check", Self.baotou, "--fail-on", "info", "--baseline", same])
        #expect(pass.code == 0 && !pass.err.contains("阻断"), "\(pass.err)")
        #expect(dropped.count == 3)
        withExtendedLifetime((dir, other)) {}
    }

    @Test func findingsAreMarkedNewOrKnownAgainstTheBaseline() throws {
        let dir = try Scratch()
        let (file, dropped) = try Self.baseline(in: dir, dropping: 3)
        let r = try CLI.run(["check", Self.baotou, "--format", "json", "--baseline", file, "--fail-on", "never"])
        #expect(r.code == 0)
        let doc = try Self.json(r.out)
        let findings = doc["findings"] as? [[String: Any]] ?? []
        for f in findings {
            let fingerprint = f["fingerprint"] as? String ?? ""
            #expect(f["baseline"] as? String == (dropped.contains(fingerprint) ? "new" : "known"), "\(fingerprint)")
        }
        let newOpen = findings.filter { $0["baseline"] as? String == "new" && $0["status"] as? String == "open" }.count
        #expect((doc["summary"] as? [String: Any])?["new"] as? Int == newOpen)
        // Without --baseline there is neither.
        let plain = try Self.json(try CLI.run(["check", Self.baotou, "--format", "json", "--fail-on", "never"]).out)
        #expect((plain["summary"] as? [String: Any])?["new"] == nil)
        #expect((plain["findings"] as? [[String: Any]] ?? []).allSatisfy { $0["baseline"] == nil })
        // SARIF says it in its own word.
        let sarif = try CLI.run(["check", Self.baotou, "--format", "sarif", "--baseline", file, "--fail-on", "never"])
        #expect(sarif.out.components(separatedBy: #""baselineState": "new""#).count - 1 == dropped.count)
        #expect(sarif.out.contains(#""baselineState": "unchanged""#))
        withExtendedLifetime(dir) {}
    }

    @Test func textOutputListsNewFindingsFirstAndMarksThem() throws {
        let dir = try Scratch()
        let (file, _) = try Self.baseline(in: dir, dropping: 2)
        let r = try CLI.run(["check", Self.baotou, "--baseline", file, "--fail-on", "never"])
        let lines = r.out.split(separator: "\n").map(String.init)
        let groupLines = lines.filter { !$0.hasPrefix(" ") && $0.hasSuffix(")") }
        #expect(groupLines.first == "基线外新增 (2)", "\(groupLines)")
        #expect(lines.filter { $0.contains("[新增·") }.count == 2)
        #expect(r.out.contains("基线外新增 2 条，基线内 "))
        let en = try CLI.run(["check", Self.baotou, "--baseline", file, "--fail-on", "never", "--lang", "en"])
        #expect(en.out.contains("new (not in the baseline) (2)") && en.out.components(separatedBy: "[new, ").count == 3)
        withExtendedLifetime(dir) {}
    }

    // MARK: - Dates and paths

    /// The date at `offset` hours east of UTC, computed here independently of yunwang.
    static func today(hoursEast offset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset * 3600) ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    @Test func asOfTodayIsTheDateInBeijingUnlessTZSaysOtherwise() throws {
        for attempt in 0..<2 {
            let before = (Self.today(hoursEast: 8), Self.today(hoursEast: -12), Self.today(hoursEast: 14))
            let beijing = try Self.json(try CLI.run(["check", Self.baotou, "--as-of", "today", "--format", "json", "--fail-on", "never"]).out)
            let west = try Self.json(try CLI.run(["check", Self.baotou, "--as-of", "today", "--tz", "UTC-12", "--format", "json", "--fail-on", "never"]).out)
            let east = try Self.json(try CLI.run(["check", Self.baotou, "--as-of", "today", "--tz=+14:00", "--format", "json", "--fail-on", "never"]).out)
            let after = (Self.today(hoursEast: 8), Self.today(hoursEast: -12), Self.today(hoursEast: 14))
            // A run across midnight somewhere is tried again.
            if before != after && attempt == 0 { continue }
            #expect(beijing["as_of"] as? String == after.0)
            #expect(west["as_of"] as? String == after.1)
            #expect(east["as_of"] as? String == after.2)
            #expect(west["as_of"] as? String != east["as_of"] as? String)
            break
        }
        let named = try Self.json(try CLI.run(["check", Self.baotou, "--as-of", "today", "--tz", "Asia/Shanghai", "--format", "json", "--fail-on", "never"]).out)
        #expect((named["as_of"] as? String)?.count == 10)
        let bad = try CLI.run(["check", Self.baotou, "--as-of", "today", "--tz", "Mars/Olympus"])
        #expect(bad.code == 2 && bad.err.contains("--tz"))
        let stray = try CLI.run(["check", Self.baotou, "--tz", "UTC+8"])
        #expect(stray.code == 2 && stray.err.contains("--as-of today"))
        // report and site take it too.
        let dir = try Scratch()
        let report = try CLI.run(["report", Self.baotou, "--as-of", "today", "--output", dir.path("r.md")])
        #expect(report.code == 0, "\(report.err)")
    }

    @Test func rootMakesSARIFJUnitAndCSVPathsRelativeToIt() throws {
        let inside = CLI.repository.appendingPathComponent("examples")
        for (format, expected) in [("sarif", #""uri": "baotou/units.yaml""#), ("junit", ">baotou/units.yaml:"), ("csv", ",baotou/units.yaml,")] {
            let r = try CLI.run(["check", Self.baotou, "--root", "examples", "--format", format, "--fail-on", "never"])
            #expect(r.code == 0, "\(r.err)")
            #expect(r.out.contains(expected), "\(format)")
            // The default is the git top-level (or the current directory outside git), from anywhere inside.
            let deep = try CLI.run(["check", "baotou", "--format", format, "--fail-on", "never"], in: inside)
            #expect(deep.out.contains(expected.replacingOccurrences(of: "baotou/", with: "examples/baotou/")), "\(format)")
        }
        let missing = try CLI.run(["check", Self.baotou, "--root", "no-such-folder"])
        #expect(missing.code == 2 && missing.err.contains("--root"))
    }

    // MARK: - Comparing different inventories

    @Test func diffOfTwoInventoriesWarnsAndExits2UnlessForced() throws {
        let dir = try Scratch()
        _ = try CLI.run(["check", Self.baotou, "--format", "json", "--output", dir.path("bt.json"), "--fail-on", "never"])
        _ = try CLI.run(["check", "examples/xingan", "--format", "json", "--output", dir.path("xa.json"), "--fail-on", "never"])
        let refused = try CLI.run(["diff", dir.path("bt.json"), dir.path("xa.json"), "--output", dir.path("d.txt")])
        #expect(refused.code == 2)
        #expect(refused.err.contains("两份结果来自不同的台账") && refused.err.contains("150200") && refused.err.contains("152200"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("d.txt")))
        let forced = try CLI.run(["diff", dir.path("bt.json"), dir.path("xa.json"), "--force", "--lang", "en"])
        #expect(forced.code == 0 && forced.err.contains("different inventories") && forced.out.contains("new"))
        let same = try CLI.run(["diff", dir.path("bt.json"), dir.path("bt.json")])
        #expect(same.code == 0 && same.err.isEmpty)
        // A baseline of another inventory would make every finding new.
        let gate = try CLI.run(["check", "examples/xingan", "--baseline", dir.path("bt.json")])
        #expect(gate.code == 2 && gate.err.contains("--force"))
        let report = try CLI.run(["check", "examples/xingan", "--baseline", dir.path("bt.json"), "--fail-on", "never"])
        #expect(report.code == 0 && report.err.contains("不同的台账"))
        let forcedGate = try CLI.run(["check", "examples/xingan", "--baseline", dir.path("bt.json"), "--force"])
        #expect(forcedGate.code == 1 && Self.lastLine(forcedGate.err).hasPrefix("阻断：基线外新增"))
    }

    // MARK: - Encodings

    @Test func aGB18030FileIsNamedAndItsDanglingReferencesAreNotReported() throws {
        let dir = try Scratch()
        try FileManager.default.removeItem(at: dir.url)
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent(Self.baotou), to: dir.url)
        let units = dir.url.appendingPathComponent("units.yaml")
        let text = try String(contentsOf: units, encoding: .utf8)
        // GB18030 by the system's iconv (what Windows' "ANSI" save gives).
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        iconv.arguments = ["iconv", "-f", "UTF-8", "-t", "GB18030", units.path]
        let out = Pipe()
        iconv.standardOutput = out
        try iconv.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        iconv.waitUntilExit()
        try #require(iconv.terminationStatus == 0 && data.count < text.utf8.count)
        try data.write(to: units)
        let r = try CLI.run(["validate", dir.url.path])
        #expect(r.code == 2)
        let lines = r.err.split(separator: "\n")
        #expect(lines.count == 1, "\(r.err.prefix(500))")
        #expect(r.err.contains("units.yaml:") && r.err.contains("可能是 GBK/GB18030 编码，请另存为 UTF-8（例如 iconv -f GB18030 -t UTF-8）"))
        let en = try CLI.run(["check", dir.url.path, "--lang", "en"])
        #expect(en.code == 2 && en.err.contains("GBK/GB18030") && !en.err.contains("does not exist"))
        // Invalid UTF-8 that is not GBK gets no such guess.
        try Data([0x75, 0x6E, 0x69, 0x74, 0x73, 0x3A, 0x20, 0xC3, 0x28, 0x0A]).write(to: units)
        let other = try CLI.run(["validate", dir.url.path])
        #expect(other.code == 2 && other.err.contains("UTF-8") && !other.err.contains("GB18030"))
    }

    // MARK: - init, policy test, help, write failures, --version

    @Test(arguments: [
        (["--region", "150200"], "city"), (["--region", "150221"], "county"), (["--region", "150000"], "province"),
        (["--region", "150200", "--level", "county"], "county"), (["--region", "410100", "--as-of", "2027-06-30"], "city"),
        (["--as-of", "today"], "city"),
    ])
    func aFreshInitInventoryChecksClean(_ flags: [String], _ level: String) throws {
        let dir = try Scratch()
        let target = dir.path("inv")
        let made = try CLI.run(["init", target] + flags)
        #expect(made.code == 0, "\(made.err)")
        let r = try CLI.run(["check", target, "--format", "json", "--fail-on", "info"])
        #expect(r.code == 0, "\(flags): \(r.out.prefix(2000))")
        let doc = try Self.json(r.out)
        #expect((doc["inventory"] as? [String: Any])?["level"] as? String == level)
        #expect((doc["summary"] as? [String: Any])?["open"] as? Int == 0)
        if let i = flags.firstIndex(of: "--as-of"), flags[i + 1] != "today" { #expect(doc["as_of"] as? String == flags[i + 1]) }
        if flags.contains("today") { #expect(doc["as_of"] as? String == Self.today(hoursEast: 8)) }
    }

    @Test func initRefusesABadLevelOrDate() throws {
        let dir = try Scratch()
        #expect(try CLI.run(["init", dir.path("a"), "--level", "town"]).code == 2)
        #expect(try CLI.run(["init", dir.path("b"), "--as-of", "2026-02-30"]).code == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.path("a")) && !FileManager.default.fileExists(atPath: dir.path("b")))
    }

    @Test func policyTestTakesRuleIDs() throws {
        let one = try CLI.run(["policy", "test", "BT-42-8"])
        #expect(one.code == 0)
        #expect(one.out.hasPrefix("1 rules: ") && one.out.contains(" 0 failed"))
        let two = try CLI.run(["policy", "test", "BT-42-8", "BT-18"])
        #expect(two.out.hasPrefix("2 rules: "))
        let unknown = try CLI.run(["policy", "test", "BT-42-9"])
        #expect(unknown.code == 2 && unknown.err.contains("BT-42-1"))
        let all = try CLI.run(["policy", "test"])
        #expect(all.code == 0 && !all.out.hasPrefix("1 rules"))
    }

    static let commands: [[String]] = [[], ["validate"], ["check"], ["report"], ["site"], ["diff"], ["policy"], ["policy", "list"],
                                       ["policy", "show"], ["policy", "test"], ["policy", "eval"], ["plan"], ["plan", "list"], ["schema"], ["init"]]

    @Test(arguments: commands)
    func helpKeepsExamplesWholeAndSaysDefaultsOnce(_ command: [String]) throws {
        let r = try CLI.run(command + ["--help"])
        #expect(r.code == 0)
        var inExamples = false
        for line in r.out.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("示例") { inExamples = true; continue }
            if line.isEmpty || line.hasPrefix("USAGE") { inExamples = false; continue }
            if inExamples { #expect(line.hasPrefix("  yunwang") || line.hasPrefix("  #"), "\(command): wrapped example line '\(line)'") }
        }
        // One option's text (up to the next option) names its default at most once.
        let flat = r.out.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        for option in flat.components(separatedBy: " --").dropFirst() {
            #expect(option.components(separatedBy: "(default").count <= 2, "\(command): --\(option.prefix(80))")
        }
    }

    @Test func writeFailuresNameThePathAndTheReason() throws {
        let r = try CLI.run(["check", Self.baotou, "--format", "json", "--output", "/nonexistent-folder/x/findings.json", "--fail-on", "never"])
        #expect(r.code == 2)
        #expect(r.err.contains("/nonexistent-folder/x/findings.json") && r.err.contains("写入失败：所在目录不存在"), "\(r.err)")
        #expect(!r.err.contains("The operation could not be completed"))
        let full = try CLI.run(["check", Self.baotou, "--format", "json", "--output", "/dev/full", "--fail-on", "never", "--lang", "en"])
        #expect(full.code == 2 && full.err.contains("/dev/full") && full.err.contains("the disk is full"), "\(full.err)")
    }

    @Test func versionNamesTheCommit() throws {
        let r = try CLI.run(["--version"])
        #expect(r.code == 0)
        let head = try CITemplateTests.shell("git rev-parse --short=12 HEAD", in: CLI.repository, env: [:])
        let commit = head.code == 0 ? head.out.trimmingCharacters(in: .whitespacesAndNewlines) : "unknown"
        // The binary embeds the commit it was built from: HEAD, unless a commit came after the build.
        #expect(r.out.hasPrefix("yunwang 0.1.0 (commit "), "\(r.out)")
        let embedded = r.out.dropFirst("yunwang 0.1.0 (commit ".count).prefix { $0 != ")" }
        #expect(embedded == commit[...] || (embedded.count == 12 && embedded.allSatisfy(\.isHexDigit)), "\(r.out) vs \(commit)")
    }
}
