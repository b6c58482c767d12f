import Foundation
import JSON
import Testing
import YAML

/// The CI templates under ci/ (GitLab, GitHub Actions, Jenkins), run end to end: every job's
/// shell lines, in order, in a scratch git repository holding an inventory and committed
/// baselines, with the built `yunwang` first on PATH. Steps that are not shell (`uses:`,
/// Jenkins plugin steps) are skipped; the runners' own environment is not there, so the
/// baseline falls back from the default branch's artifact to the newest committed file.
@Suite("CI templates (end to end)", .serialized)
struct CITemplateTests {
    /// A shell script run in a folder with an environment; its exit code and output.
    static func shell(_ script: String, shell: String = "bash", in directory: URL, env: [String: String]) throws -> CLI.Result {
        let scratch = try Scratch()
        let file = try scratch.write("script.sh", script)
        let outURL = scratch.url.appendingPathComponent("out"), errURL = scratch.url.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [shell, "-e", file]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("CI_") || key.hasPrefix("GITHUB_") || key == "GH_TOKEN" { environment[key] = nil }
        environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["CI"] = "true"
        environment.merge(env) { _, new in new }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CLI.Result(code: process.terminationStatus,
                          out: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                          err: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self), seconds: 0)
    }

    /// A git repository with examples/baotou as inventory/ and two committed baselines: the
    /// newest is today's result (so nothing is new), the older lacks three findings.
    static func repository() throws -> Scratch {
        let dir = try Scratch()
        let source = CLI.repository.appendingPathComponent("examples/baotou")
        try FileManager.default.copyItem(at: source, to: dir.url.appendingPathComponent("inventory"))
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("baselines"), withIntermediateDirectories: true)
        let r = try CLI.run(["check", "inventory", "--as-of", "today", "--format", "json", "--output", "baselines/2026Q3.json", "--fail-on", "never"], in: dir.url)
        try #require(r.code == 0, "\(r.err)")
        let newest = try Data(contentsOf: dir.url.appendingPathComponent("baselines/2026Q3.json"))
        var older = try #require(try JSONSerialization.jsonObject(with: newest) as? [String: Any])
        older["findings"] = Array((older["findings"] as? [Any] ?? []).dropFirst(3))
        try JSONSerialization.data(withJSONObject: older).write(to: dir.url.appendingPathComponent("baselines/2026Q2.json"))
        let git = try shell("""
            git init -q -b main . && git add -A
            git -c user.name=ci -c user.email=ci@example.gov.cn commit -q -m inventory
            """, in: dir.url, env: [:])
        try #require(git.code == 0, "\(git.err)")
        return dir
    }

    /// Turns one unit's `wireless_aps: 0` into 1: a new high finding (BT-18) outside the baseline.
    static func plantViolation(in dir: Scratch) throws {
        let file = dir.url.appendingPathComponent("inventory/units.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let range = try #require(text.range(of: "wireless_aps: 0"))
        try text.replacingCharacters(in: range, with: "wireless_aps: 1").write(to: file, atomically: true, encoding: .utf8)
    }

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }

    // MARK: - GitLab

    struct GitLabJob {
        var name: String
        var script: [String]
        var afterScript: [String]
        var rules: [String]
    }

    static func gitlab() throws -> (variables: [String: String], jobs: [String: GitLabJob], stages: [String]) {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent("ci/gitlab-ci.yml"), encoding: .utf8)
        let root = try #require(try YAMLLoader().parse(text, file: "ci/gitlab-ci.yml")?.json)
        guard case .object(let top) = root else { throw CLIError("ci/gitlab-ci.yml is not a mapping") }
        var variables: [String: String] = [:]
        var jobs: [String: GitLabJob] = [:]
        var stages: [String] = []
        for (key, value) in top {
            switch (key, value) {
            case ("variables", .object(let pairs)):
                for (k, v) in pairs { if case .string(let s) = v { variables[k] = s } }
            case ("stages", .array(let items)):
                stages = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
            case (_, .object(let fields)) where fields.contains(where: { $0.0 == "script" }):
                func strings(_ name: String) -> [String] {
                    guard let (_, v) = fields.first(where: { $0.0 == name }), case .array(let items) = v else { return [] }
                    return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                }
                var rules: [String] = []
                if let (_, v) = fields.first(where: { $0.0 == "rules" }), case .array(let items) = v {
                    for case .object(let rule) in items {
                        if let (_, cond) = rule.first(where: { $0.0 == "if" }), case .string(let s) = cond { rules.append(s) }
                    }
                }
                jobs[key] = GitLabJob(name: key, script: strings("script"), afterScript: strings("after_script"), rules: rules)
            default: break
            }
        }
        return (variables, jobs, stages)
    }

    @Test func gitlabPipelineRunsAndItsGateBlocksANewFinding() throws {
        let (variables, jobs, stages) = try Self.gitlab()
        #expect(stages == ["validate", "check"])
        let validate = try #require(jobs["validate"]), check = try #require(jobs["check"]), quarterly = try #require(jobs["quarterly-baseline"])
        // Merge-request comments only run where merge-request pipelines exist; the quarter job only on a schedule.
        #expect(check.rules == [#"$CI_PIPELINE_SOURCE != "schedule""#])
        #expect(quarterly.rules == [#"$CI_PIPELINE_SOURCE == "schedule""#])
        #expect(check.afterScript.joined().contains(#""${CI_PIPELINE_SOURCE:-}" = "merge_request_event""#))
        #expect(check.script.joined().contains("--as-of today") && !variables.values.contains { $0.hasSuffix(".json") && !$0.contains("*") })

        let dir = try Self.repository()
        var env = variables
        env["CI_PIPELINE_SOURCE"] = "merge_request_event"
        func run(_ job: GitLabJob) throws -> CLI.Result {
            let r = try Self.shell("set -o pipefail\n" + job.script.joined(separator: "\n"), in: dir.url, env: env)
            let after = try Self.shell(job.afterScript.joined(separator: "\n"), in: dir.url, env: env)
            #expect(after.code == 0, "\(job.name) after_script: \(after.err)")
            return r
        }
        let v = try run(validate)
        #expect(v.code == 0, "\(v.err)")
        let clean = try run(check)
        #expect(clean.code == 0, "check: \(clean.out)\n\(clean.err)")
        #expect(clean.out.contains("baseline: "))
        // The reports: JUnit and SARIF paths from the repository root; Code Quality from the findings.
        let junit = try String(contentsOf: dir.url.appendingPathComponent("yunwang-junit.xml"), encoding: .utf8)
        #expect(junit.contains(">inventory/units.yaml:"))
        let sarif = try String(contentsOf: dir.url.appendingPathComponent("yunwang.sarif"), encoding: .utf8)
        #expect(sarif.contains(#""uri": "inventory/units.yaml""#))
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("findings.json"))) as? [String: Any])
        let open = (findings["findings"] as? [[String: Any]] ?? []).filter { $0["status"] as? String == "open" }
        let quality = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("gl-code-quality.json"))) as? [[String: Any]])
        #expect(quality.count == open.count && !open.isEmpty)
        #expect(quality.allSatisfy { (($0["location"] as? [String: Any])?["path"] as? String)?.hasPrefix("inventory/") == true })
        #expect(FileManager.default.fileExists(atPath: dir.path("yunwang-diff.md")))

        try Self.plantViolation(in: dir)
        let blocked = try run(check)
        #expect(blocked.code == 1, "\(blocked.err)")
        #expect(Self.lastLine(blocked.err) == "阻断：基线外新增 1 条中及以上问题", "\(blocked.err)")
        let diff = try String(contentsOf: dir.url.appendingPathComponent("yunwang-diff.md"), encoding: .utf8)
        #expect(diff.contains("BT-18"))

        // The quarter job compares last quarter's result with the previous committed baseline, not with itself.
        var scheduled = variables
        scheduled["CI_PIPELINE_SOURCE"] = "schedule"
        let q = try Self.shell(quarterly.script.joined(separator: "\n"), in: dir.url, env: scheduled)
        #expect(q.code == 0, "\(q.err)")
        let quarter = try String(contentsOf: dir.url.appendingPathComponent("quarter.txt"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(quarter == Self.previousQuarter())
        let changes = try String(contentsOf: dir.url.appendingPathComponent("changes-\(quarter).md"), encoding: .utf8)
        #expect(FileManager.default.fileExists(atPath: dir.path("findings-\(quarter).json")))
        if quarter == "2026Q3" {
            // 2026Q2.json lacks three findings that 2026Q3 has: they are new.
            #expect(!changes.contains("新增 0") && !changes.contains("| 0 | 0 |"), "\(changes)")
        }
    }

    /// The quarter before today's (Beijing time), as the schedule job computes it.
    static func previousQuarter() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600) ?? .current
        let parts = calendar.dateComponents([.year, .month], from: Date())
        var year = parts.year ?? 0
        var q = ((parts.month ?? 1) + 2) / 3 - 1
        if q == 0 { q = 4; year -= 1 }
        return "\(year)Q\(q)"
    }

    // MARK: - GitHub Actions

    @Test func githubWorkflowRunsAndItsGateBlocksANewFinding() throws {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent("ci/github-actions.yml"), encoding: .utf8)
        let root = try #require(try YAMLLoader().parse(text, file: "ci/github-actions.yml")?.json)
        guard case .object(let top) = root, let (_, jobsValue) = top.first(where: { $0.0 == "jobs" }),
              case .object(let jobs) = jobsValue, let (_, jobValue) = jobs.first, case .object(let job) = jobValue else {
            throw CLIError("ci/github-actions.yml has no job")
        }
        var env: [String: String] = [:]
        if let (_, e) = job.first(where: { $0.0 == "env" }), case .object(let pairs) = e {
            for (k, v) in pairs { if case .string(let s) = v, !s.contains("${{") { env[k] = s } }
        }
        guard let (_, stepsValue) = job.first(where: { $0.0 == "steps" }), case .array(let steps) = stepsValue else {
            throw CLIError("ci/github-actions.yml: no steps")
        }
        // `${{ … }}` expressions are GitHub's, not the shell's: the default branch is main here.
        let scripts: [(String, String)] = steps.compactMap { step in
            guard case .object(let fields) = step, let (_, run) = fields.first(where: { $0.0 == "run" }), case .string(let s) = run else { return nil }
            let name = fields.first(where: { $0.0 == "name" }).flatMap { if case .string(let n) = $0.1 { return n } else { return nil } } ?? "run"
            return (name, s.replacingOccurrences(of: "${{ github.event.repository.default_branch }}", with: "main"))
        }
        #expect(scripts.count >= 5)
        let dir = try Self.repository()
        func pipeline() throws -> CLI.Result? {
            for (name, script) in scripts {
                let r = try Self.shell(script, in: dir.url, env: env)
                if r.code != 0 { return CLI.Result(code: r.code, out: name, err: r.err, seconds: 0) }
            }
            return nil
        }
        let clean = try pipeline()
        #expect(clean == nil, "step \(clean?.out ?? ""): \(clean?.err ?? "")")
        #expect(try String(contentsOf: dir.url.appendingPathComponent("yunwang.sarif"), encoding: .utf8).contains(#""uri": "inventory/"#))
        try Self.plantViolation(in: dir)
        let blocked = try #require(try pipeline())
        #expect(blocked.out.hasPrefix("Gate"), "failed at \(blocked.out): \(blocked.err)")
        #expect(Self.lastLine(blocked.err) == "阻断：基线外新增 1 条高风险问题", "\(blocked.err)")
    }

    // MARK: - Jenkins

    @Test func jenkinsPipelineRunsAndItsGateBlocksANewFinding() throws {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent("ci/Jenkinsfile"), encoding: .utf8)
        // environment { KEY = 'value' }
        var env: [String: String] = [:]
        let assignment = try NSRegularExpression(pattern: #"^\s+([A-Z_]+) = '([^']*)'$"#, options: [.anchorsMatchLines])
        for m in assignment.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            if let k = Range(m.range(at: 1), in: text), let v = Range(m.range(at: 2), in: text) { env[String(text[k])] = String(text[v]) }
        }
        #expect(env["INVENTORY"] == "inventory/")
        // sh '…' and sh '''…''' steps, in order (Jenkins runs them with sh -e).
        let step = try NSRegularExpression(pattern: #"sh '''(.*?)'''|sh '([^'\n]*)'"#, options: [.dotMatchesLineSeparators])
        let scripts: [String] = step.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            (Range(m.range(at: 1), in: text) ?? Range(m.range(at: 2), in: text)).map { String(text[$0]) }
        }
        #expect(scripts.count == 4)
        let dir = try Self.repository()
        func pipeline() throws -> (Int, CLI.Result)? {
            for (i, script) in scripts.enumerated() {
                let r = try Self.shell(script, shell: "sh", in: dir.url, env: env)
                if r.code != 0 { return (i, r) }
            }
            return nil
        }
        let clean = try pipeline()
        #expect(clean == nil, "sh step \(clean?.0 ?? -1): \(clean?.1.err ?? "")")
        #expect(FileManager.default.fileExists(atPath: dir.path("yunwang-diff.txt")))
        try Self.plantViolation(in: dir)
        let blocked = try #require(try pipeline())
        #expect(blocked.0 == scripts.count - 1, "\(blocked.1.err)")
        #expect(Self.lastLine(blocked.1.err) == "阻断：基线外新增 1 条高风险问题", "\(blocked.1.err)")
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
