import ArgumentParser
import CEL
import Diagnostics
import Foundation
import Inventory
import JSON
import Policy
import Render
import YAML

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "按内置和自定义规则检查台账 / Check an inventory against the built-in and your own rules.",
        discussion: """
        步骤 steps: 读取规则 load policies → 读取台账 load → 校验 validate → 求值 evaluate → 豁免 waive → 输出 render → 写入 write.

        退出码 / exit: 0 没有达到 --fail-on 的未整改问题 nothing open at or above --fail-on; 1 有 such findings are open; 2 输入或命令行有误 bad input.
        已豁免和即将到期的问题不会导致失败。Waived and due-soon findings never fail.

        示例 / examples:
          yunwang check examples/baotou
          yunwang check examples/baotou --quarter 2026Q3 --format json --output findings.json
          yunwang check inventory/ --fail-on medium --baseline last-quarter.json
          yunwang check inventory/ --policies my-rules/ --param BT-21.months=6
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, junit, csv, markdown }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case high, medium, low, info, never }

    @OptionGroup var input: InputOptions
    @OptionGroup var dates: DateOptions

    @Option(help: ArgumentHelp("追加规则目录（按编号覆盖内置规则），可重复 / more policies (override built-ins by id), repeatable", valueName: "dir"))
    var policies: [String] = []

    @Option(help: "输出格式 text|json|sarif|junit|csv|markdown / output format")
    var format: Format = .text

    @Option(help: ArgumentHelp("写入文件（原子替换）/ write to a file (atomically)", valueName: "file"))
    var output: String?

    @Option(help: "达到此严重程度的未整改问题使退出码为 1 / open findings at or above this fail the run")
    var failOn: FailOn = .high

    @Option(help: ArgumentHelp("只对基线中没有的问题失败 / fail only on findings whose fingerprint is not in this findings.json", valueName: "findings.json"))
    var baseline: String?

    @Option(help: ArgumentHelp("计划任务在多少天内到期算“即将到期” / days before a deadline that count as due soon", valueName: "days"))
    var dueSoonDays: Int = 90

    @Option(name: .customLong("param"), help: ArgumentHelp("覆盖规则参数 RULE.NAME=VALUE（YAML 值），可重复 / override a rule parameter", valueName: "rule.name=value"))
    var params: [String] = []

    @Flag(help: "在标准错误上列出每条规则的耗时 / print each rule's time on standard error")
    var timings = false

    func validate() throws {
        guard dueSoonDays >= 0 else { throw ValidationError("--due-soon-days 不能为负 / must not be negative") }
        for p in params {
            guard let eq = p.firstIndex(of: "="), p[..<eq].contains(".") else {
                throw ValidationError("--param 须写成 RULE.NAME=VALUE / --param takes RULE.NAME=VALUE: \(p)")
            }
        }
    }

    func run() throws {
        currentLanguage = input.lang
        let progress = Progress(language: input.lang)
        defer { progress.done() }
        progress.step("读取规则", "loading policies")
        let rules = try Builtins.rules(adding: policies)
        progress.step("读取并校验台账", "loading and validating the inventory")
        let inventory = try InventoryLoader(limits: input.limits, catalog: Builtins.catalog(rules: rules)).load(input.path)
        progress.step("按 \(rules.count) 条规则求值", "evaluating \(rules.count) rules")
        var options = CheckOptions(asOf: try dates.resolve(inventory), dueSoonDays: dueSoonDays)
        options.paramOverrides = try parsedParams(rules: rules)
        let result = try Checker(rules: rules, plans: Builtins.plans).check(inventory, options: options)
        keptUntilExit.append(inventory)
        keptUntilExit.append(result)
        progress.done()
        if timings {
            let lines = result.ruleSeconds.sorted { $0.1 > $1.1 }.map { String(format: "%8.3f s  %@", $0.1, $0.0) }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        let known = try baselineFingerprints()
        let text: String
        switch format {
        case .text:
            text = TextReport.render(result, language: input.lang, color: output == nil && isatty(1) == 1) + "\n"
        case .json:
            text = FindingsJSON.document(result, version: Yunwang.version, language: input.lang).serialized(pretty: true) + "\n"
        case .sarif:
            let base = SARIF.ArtifactBase.resolve(inventoryPath: input.path)
            text = SARIF.document(result, version: Yunwang.version, language: input.lang, base: base).serialized(pretty: true) + "\n"
        case .junit:
            text = JUnit.render(result, language: input.lang)
        case .csv:
            text = CSV.render(result, language: input.lang)
        case .markdown:
            text = MarkdownReport.render(result, language: input.lang)
        }
        if let output {
            try AtomicWriter.writeFile(output, Data(text.utf8))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if let threshold = Severity(rawValue: failOn.rawValue) {
            let failing = result.findings.filter { $0.status == .open && $0.severity >= threshold && !known.contains($0.fingerprint) }
            if !failing.isEmpty { throw ExitCode(1) }
        }
    }

    func parsedParams(rules: [Rule]) throws -> [String: [(String, Value)]] {
        let known = Dictionary(rules.map { ($0.id, $0.params.map(\.0)) }, uniquingKeysWith: { _, b in b })
        var out: [String: [(String, Value)]] = [:]
        for p in params {
            guard let eq = p.firstIndex(of: "=") else { continue }
            let key = p[..<eq], raw = String(p[p.index(after: eq)...])
            guard let dot = key.firstIndex(of: ".") else { continue }
            let rule = String(key[..<dot]), name = String(key[key.index(after: dot)...])
            guard let names = known[rule] else {
                throw CommandFailure(code: 2, message: "--param: 错误: 没有规则 \(rule) / error: there is no rule \(rule)")
            }
            guard names.contains(name) else {
                let hint = Diagnostic.suggestion(for: name, among: names).map { "（是否想写 \($0)？/ did you mean \($0)?）" } ?? ""
                throw CommandFailure(code: 2, message: "--param: 错误: 规则 \(rule) 没有参数 \(name)\(hint)；它的参数 / its parameters: \(names.joined(separator: ", "))")
            }
            let node = try YAMLLoader(tagPolicy: .lenient).parse(raw, file: "--param \(key)")
            out[rule, default: []].append((name, node?.celValue ?? .null))
        }
        return out
    }

    func baselineFingerprints() throws -> Set<String> {
        guard let baseline else { return [] }
        guard let data = FileManager.default.contents(atPath: baseline),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let findings = root["findings"] as? [[String: Any]] else {
            throw CommandFailure(code: 2, message: "\(baseline):1:1: 错误: 不是 yunwang 的 findings JSON / error: not a yunwang findings JSON file")
        }
        return Set(findings.compactMap { $0["fingerprint"] as? String })
    }
}
