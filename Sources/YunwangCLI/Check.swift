import ArgumentParser
import CEL
import Diagnostics
import Foundation
import Inventory
import JSON
import Policy
import Render
import YAML
import Site

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "按内置和自定义规则检查台账 / Check an inventory against the built-in and your own rules.",
        discussion: """
        步骤 steps: 读取规则 load policies → 读取台账 load → 校验 validate → 求值 evaluate → 豁免 waive → 输出 render → 写入 write.

        退出码 / exit: 0 没有达到 --fail-on 的未整改问题 nothing open at or above --fail-on; 1 有 such findings are open; 2 输入或命令行有误 bad input.
        已豁免和即将到期的问题不会导致失败。Waived and due-soon findings never fail.

        示例 / examples:
          yunwang check examples/baotou
          yunwang check examples/baotou --format json --output findings.json
          yunwang check inventory/ --as-of today --format sarif --output yunwang.sarif
          yunwang check inventory/ --fail-on medium --baseline last-quarter.json
          yunwang check inventory/ --policies my-rules/ --param BT-21.months=6
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, junit, csv, markdown, xlsx }
    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case high, medium, low, info, overdue, never

        var gate: Gate {
            switch self {
            case .never: return .never
            case .overdue: return .overdue
            default: return Gate(threshold: Severity(rawValue: rawValue))
            }
        }
    }

    @OptionGroup var input: InputOptions
    @OptionGroup var dates: DateOptions
    @OptionGroup var audit: AuditOptions


    @Option(help: "输出格式 text|json|sarif|junit|csv|markdown|xlsx / output format; xlsx = 整改台账, the rectification ledger, written to an output file")
    var format: Format = .text

    @Option(help: ArgumentHelp("写入文件（原子替换）/ write to a file (atomically)", valueName: "file"))
    var output: String?

    @Option(help: "达到此严重程度的未整改问题使退出码为 1；overdue 只看已逾期的问题 / open findings at or above this fail the run; overdue: only findings past their deadline")
    var failOn: FailOn = .high

    @Option(help: ArgumentHelp("上期的 findings JSON：沿用其中的首次发现日期 / last quarter's findings JSON: keeps each finding's first-seen date", valueName: "findings.json"))
    var previous: String?

    @Option(help: ArgumentHelp("只对基线中没有的问题失败 / fail only on findings whose fingerprint is not in this findings.json", valueName: "findings.json"))
    var baseline: String?



    @Flag(help: "基线来自另一份台账（名称或区划不同）时仍然使用 / use a --baseline even when it is of another inventory (name or region)")
    var force = false

    @Option(help: ArgumentHelp("SARIF、JUnit、CSV 中的文件路径相对于此目录（默认 git 仓库根目录，否则当前目录）/ paths in SARIF, JUnit and CSV are relative to this folder (default: the git top-level, else the current directory)", valueName: "dir"))
    var root: String?

    @Flag(help: "在标准错误上列出各步骤和每条规则的耗时 / print each step's and each rule's time on standard error")
    var timings = false

    func validate() throws {
        var isDirectory: ObjCBool = false
        if let root, !(FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw ValidationError("--root 须为已有目录 / --root must be an existing folder: \(root)")
        }
    }

    func run() throws {
        if let output { try OutputGuard.check(output, inputs: [input.path, baseline, previous] + audit.policies) }
        let progress = Progress(language: input.lang)
        defer { progress.done() }
        let known = try baselineFingerprints()
        let past = try previous.map { path throws(Diagnostic) in try PastFindings.read(path) }
        var run = try AuditRun.run(input: input, dates: dates, audit: audit, previous: past, progress: progress)
        if let known { run.result.markBaseline(known) }
        try checkBaselineOrigin(run.result)
        let result = run.result
        var clock = StepClock()
        defer {
            if timings {
                // Steps (wall time) first, then rules by time (CPU of one core each; rules run in parallel).
                let steps = (run.steps + clock.laps).map { String(format: "%8.3f s  step: %@", $0.seconds, $0.name) }
                let rules = result.ruleSeconds.sorted { $0.1 > $1.1 }.map { String(format: "%8.3f s  %@", $0.1, $0.0) }
                FileHandle.standardError.write(Data(((steps + rules).joined(separator: "\n") + "\n").utf8))
            }
        }
        let base = SARIF.ArtifactBase.resolve(inventoryPath: input.path, root: root)
        let text: String
        switch format {
        case .text:
            text = TextReport.render(result, language: input.lang, color: output == nil && isatty(1) == 1) + "\n"
                + PlanRules(plans: Builtins.plans).ignoredRecordNotes(run.inventory).map { $0.text(input.lang) + "\n" }.joined()
        case .json:
            text = FindingsJSON.document(result, version: Yunwang.version, language: input.lang).serialized(pretty: true) + "\n"
        case .sarif:
            text = SARIF.document(result, version: Yunwang.version, language: input.lang, base: base).serialized(pretty: true) + "\n"
        case .junit:
            text = JUnit.render(result, language: input.lang, base: base)
        case .csv:
            text = CSV.render(result, language: input.lang, base: base)
        case .markdown:
            text = MarkdownReport.render(result, language: input.lang)
        case .xlsx:
            return try writeLedger(run, clock: &clock)
        }
        clock.lap("render \(format.rawValue)")
        if let output {
            try Output.writeFile(output, Data(text.utf8))
        } else {
            try writeStandardOutput(Data(text.utf8))
        }
        clock.lap("write")
        try run.exit(gate: failOn.gate)
    }

    /// A baseline of another inventory makes every finding new: refused (exit 2) unless
    /// `--force`, and only a warning when the run cannot fail (`--fail-on never`).
    func checkBaselineOrigin(_ result: CheckResult) throws {
        guard let baseline, let origin = FindingsOrigin.read(baseline) else { return }
        let here = FindingsOrigin(name: result.inventoryName, region: result.region)
        guard let warning = FindingsOrigin.mismatch(origin, baseline, here, input.path, language: input.lang) else { return }
        if force || failOn == .never {
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        } else {
            throw CommandFailure(code: 2, message: warning)
        }
    }

    /// Fingerprints of the baseline, read by the same strict reader as `yunwang diff`.
    func baselineFingerprints() throws -> Set<String>? {
        guard let baseline else { return nil }
        return Set(try FindingsDiff.read(baseline).entries.map(\.fingerprint))
    }
}
