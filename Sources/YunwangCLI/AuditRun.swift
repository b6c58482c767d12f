import ArgumentParser
import CEL
import Diagnostics
import Inventory
import Policy
import Render
import YAML
import Dispatch

/// The rule options `check`, `report` and `site` share.
struct AuditOptions: ParsableArguments {
    @Option(help: ArgumentHelp("追加规则目录（按编号覆盖内置规则），可重复 / more policies (override built-ins by id), repeatable", valueName: "dir"))
    var policies: [String] = []

    @Option(help: ArgumentHelp("计划任务在多少天内到期算“即将到期” / days before a deadline that count as due soon", valueName: "days"))
    var dueSoonDays: Int = 90

    @Option(name: .customLong("param"), help: ArgumentHelp("覆盖规则参数 RULE.NAME=VALUE（YAML 值），可重复 / override a rule parameter", valueName: "rule.name=value"))
    var params: [String] = []

    func validate() throws {
        guard dueSoonDays >= 0 else { throw ValidationError("--due-soon-days 不能为负 / must not be negative") }
        for p in params {
            guard let eq = p.firstIndex(of: "="), p[..<eq].contains(".") else {
                throw ValidationError("--param 须写成 RULE.NAME=VALUE / --param takes RULE.NAME=VALUE: \(p)")
            }
        }
    }

    /// `--param` values by rule, each name checked against the rule's parameters.
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
}

/// What `report` and `site` share on top of the check: the previous quarter,
/// template overrides, and an opt-in failure threshold.
struct PublishOptions: ParsableArguments {
    @Option(help: ArgumentHelp("上期的 findings JSON，用于比较新增/整改 / last quarter's findings JSON, to show new and fixed findings", valueName: "findings.json"))
    var previous: String?

    @Option(help: ArgumentHelp("覆盖内置模板（按文件名）/ templates that override the built-in ones by file name", valueName: "dir"))
    var templates: String?

    @Option(help: "有此严重程度及以上（或 overdue：已逾期）的未整改问题时退出码为 1（默认不失败）/ exit 1 when open findings at or above this (or overdue ones) exist (default: never)")
    var failOn: Check.FailOn?

    /// `--fail-on` as a gate; never fail when not given.
    var gate: Gate { failOn?.gate ?? .never }

    /// `--previous`, read by the same strict reader as `yunwang diff`.
    func readPrevious() throws(Diagnostic) -> PastFindings? {
        try previous.map { path throws(Diagnostic) in try PastFindings.read(path) }
    }
}

/// The check `check`, `report` and `site` all run, as named steps: load
/// policies → load and validate the inventory → evaluate → waive.
struct AuditRun {
    var inventory: Inventory
    var result: CheckResult
    /// Wall seconds of each step, in order (`--timings`).
    var steps: [(name: String, seconds: Double)] = []

    static func run(input: InputOptions, dates: DateOptions, audit: AuditOptions, previous: PastFindings? = nil,
                    progress: Progress? = nil) throws -> AuditRun {
        currentLanguage = input.lang
        var clock = StepClock()
        progress?.step("读取规则", "loading policies")
        let rules = try Builtins.rules(adding: audit.policies)
        clock.lap("load policies")
        progress?.step("读取并校验台账", "loading and validating the inventory")
        let inventory = try InventoryLoader(limits: input.limits, catalog: Builtins.catalog(rules: rules)).load(input.path)
        clock.lap("load + validate inventory")
        progress?.step("按 \(rules.count) 条规则求值", "evaluating \(rules.count) rules")
        var options = CheckOptions(asOf: try dates.resolve(inventory), dueSoonDays: audit.dueSoonDays)
        options.paramOverrides = try audit.parsedParams(rules: rules)
        options.firstSeen = previous?.firstSeen ?? [:]
        let result = try Checker(rules: rules, plans: Builtins.plans).check(inventory, options: options)
        clock.lap("evaluate \(rules.count) rules")
        // Freed by the process's exit, not one object at a time.
        keptUntilExit.append(inventory)
        keptUntilExit.append(result)
        progress?.done()
        return AuditRun(inventory: inventory, result: result, steps: clock.laps)
    }

    /// Exit 1 when the gate finds blocking findings; the reason is the last line on
    /// standard error (Policy's `Gate`).
    func exit(gate: Gate) throws {
        if let line = gate.line(result, language: currentLanguage) {
            throw CommandFailure(code: 1, message: line)
        }
    }
}

/// Wall time between named points of a run (`--timings`).
struct StepClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [(name: String, seconds: Double)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps.append((name, Double(now - last) / 1e9))
        last = now
    }
}
