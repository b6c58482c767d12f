import CEL
import Dispatch
import Diagnostics
import Foundation
import Inventory
import JSON
import Parallel
import Plan
import YAML

public struct CheckOptions: Sendable {
    public var asOf: Day
    public var dueSoonDays: Int = 90
    /// Waivers expiring this many days after as-of are reported.
    public var waiverWarningDays: Int = 30
    /// `--param RULE.NAME=VALUE` overrides, applied after `inventory.params`.
    public var paramOverrides: [String: [(String, Value)]] = [:]
    /// Fingerprint → the as-of date it was first seen open, carried forward from a
    /// previous run (`--previous`); findings not in it are first seen now.
    public var firstSeen: [String: Day] = [:]

    public init(asOf: Day, dueSoonDays: Int = 90) {
        self.asOf = asOf
        self.dueSoonDays = dueSoonDays
    }
}

/// The evaluate → waive steps: every rule over the objects it applies to,
/// plan deadlines, then waivers, then the audit cycle (owners, deadlines, orders). Rules run in parallel; the result is sorted,
/// so it is the same on every run.
public struct Checker: Sendable {
    public var rules: [Rule]
    public var plans: [Plan]

    public init(rules: [Rule], plans: [Plan]) {
        self.rules = rules
        self.plans = plans
    }

    /// Ids of the rules the checker itself defines (plans and waivers).
    public static let builtinRuleIDs: Set<String> = [PlanRules.deadline, WaiverRules.expired, WaiverRules.unused, WaiverRules.expiring,
                                                          AuditCycle.notFixed, AuditCycle.unused]

    public func check(_ inventory: Inventory, options: CheckOptions) throws(DiagnosticList) -> CheckResult {
        let bridge = Bridge(inventory, asOf: options.asOf)
        let inv = bridge.inventoryValue
        let asOf = bridge.asOfValue
        let overrides = inventoryParams(inventory)
        let oversized = ParamOverrideLimits.problems(options.paramOverrides)
        if !oversized.isEmpty { throw DiagnosticList(oversized) }
        let outcomes = parallelMap(rules) { rule in
            let start = DispatchTime.now().uptimeNanoseconds
            var outcome = Evaluation(rule: rule, bridge: bridge, inv: inv, asOf: asOf,
                                     params: Self.params(rule, inventory: overrides[rule.id] ?? [], cli: options.paramOverrides[rule.id] ?? [])).run()
            outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            return outcome
        }
        let problems = outcomes.flatMap(\.errors)
        if !problems.isEmpty { throw DiagnosticList(problems) }
        var findings = outcomes.flatMap(\.findings)
        findings += PlanRules(plans: plans).findings(inventory, options: options)
        findings = WaiverRules().apply(to: findings, inventory: inventory, options: options)
        findings = AuditCycle().apply(to: findings, inventory: inventory, options: options)
        findings.sort(by: Finding.precedes)
        return CheckResult(inventoryName: inventory.name, region: inventory.region, level: inventory.level, asOf: options.asOf,
                           findings: findings, rules: rules, ruleSeconds: outcomes.map { ($0.rule.id, $0.seconds) },
                           evaluated: outcomes.map { EvaluatedObjects(rule: $0.rule.id, kind: $0.rule.appliesTo, objects: $0.checked) },
                           inventory: inventory)
    }

    /// `inventory.params`: {RULE: {name: value}}.
    func inventoryParams(_ inventory: Inventory) -> [String: [(String, Value)]] {
        var out: [String: [(String, Value)]] = [:]
        for pair in inventory.params?.mapping ?? [] {
            guard let rule = pair.key.scalar?.text else { continue }
            out[rule] = (pair.value.mapping ?? []).map { ($0.key.scalar?.text ?? "", $0.value.celValue) }
        }
        return out
    }

    static func params(_ rule: Rule, inventory: [(String, Value)], cli: [(String, Value)]) -> Value {
        var merged = rule.params
        for (name, value) in inventory + cli {
            if let i = merged.firstIndex(where: { $0.0 == name }) { merged[i].1 = value } else { merged.append((name, value)) }
        }
        return .map(merged.map { (Value.string($0.0), $0.1) })
    }
}

/// One rule over its objects.
struct Evaluation {
    let rule: Rule
    let bridge: Bridge
    let inv: Value
    let asOf: Value
    let params: Value
    var findings: [Finding] = []
    var checked: [EvaluatedObjects.Entry] = []
    var errors: [Diagnostic] = []
    var seconds = 0.0
    /// Read once per rule, not per finding.
    let paths: [String]
    let eventTypes: [String]
    let readsEvents: Bool

    init(rule: Rule, bridge: Bridge, inv: Value, asOf: Value, params: Value) {
        self.rule = rule
        self.bridge = bridge
        self.inv = inv
        self.asOf = asOf
        self.params = params
        let source = (rule.whenSource ?? "") + " " + rule.assertSource
        paths = Self.selfPaths(in: rule.assertSource)
        readsEvents = source.contains("self.events") || (rule.appliesTo == .inventory && source.contains("inv.events"))
        eventTypes = Self.eventTypes.filter { source.contains("'\($0)'") || source.contains("\"\($0)\"") }
    }

    func run() -> Evaluation {
        var copy = self
        copy.evaluate()
        return copy
    }

    mutating func evaluate() {
        let inventory = bridge.inventory
        let base = Activation(["inv": inv, "asOf": asOf, "params": params])
        let objects = inventory.objects(rule.appliesTo)
        let prefixes = rule.regionPrefixes
        // A bad rule must not hang a CI job: each evaluation has the cost limit, and the rule as
        // a whole a budget (docs/hardening.md); a rule that runs out of either stops at once.
        var spent = 0
        let budget = Self.budget(costLimit: rule.assert.options.costLimit, objects: objects.count)
        for index in objects.indices {
            if spent > budget {
                overBudget(budget, objects: index)
                break
            }
            let object = objects[index]
            let region = rule.appliesTo == .inventory ? inventory.region : bridge.region(of: rule.appliesTo, at: index)
            guard prefixes.isEmpty || prefixes.contains(where: { region.hasPrefix($0) }) else { continue }
            let value = rule.appliesTo == .inventory ? inventoryHeader : bridge.value(of: rule.appliesTo, at: index)
            let activation = base.binding("self", to: value)
            if let when = rule.when {
                switch when.evaluate(activation, cost: &spent) {
                case .bool(true): break
                case .bool(false): continue
                case let other:
                    fail(other, expression: "when", object: object)
                    if Self.isCostError(other) { return }
                    continue
                }
            }
            switch rule.assert.evaluate(activation, cost: &spent) {
            case .bool(true):
                checked.append(EvaluatedObjects.Entry(index: Int32(truncatingIfNeeded: index), passed: true))
            case .bool(false):
                checked.append(EvaluatedObjects.Entry(index: Int32(truncatingIfNeeded: index), passed: false))
                let (kind, id) = Evaluation.target(of: object, in: inventory)
                findings.append(Finding(
                    rule: rule.id, title: rule.title, severity: rule.severity, status: .open,
                    targetKind: kind, targetID: id,
                    message: Localized(zh: rule.message.zh.render(activation, cost: &spent), en: rule.message.en.render(activation, cost: &spent)),
                    remediation: rule.remediation, location: locate(object, index: index),
                    citation: rule.citation, due: nil, waiver: nil,
                    unit: object.kind == .unit ? object.id : object["unit"]?.string))
            case let other:
                fail(other, expression: "assert", object: object)
                if Self.isCostError(other) { return }
            }
        }
    }

    /// Over the cost limit on one object: it would be on the others too, at the same cost.
    static func isCostError(_ v: Value) -> Bool {
        if case .error(let e) = v { return e.message == "cost limit exceeded" }
        return false
    }

    var inventoryHeader: Value {
        .map(CELMap(provider: RecordProvider(bridge: bridge, record: bridge.inventory.header.record, spec: Schema.inventory)))
    }

    /// The total cost a rule may spend over all its objects: ten evaluations at the cost
    /// limit, plus a thousandth of the limit per object. The built-in rules spend at most
    /// about 15 per object; a rule that needs hundreds of thousands on every object would
    /// take hours at province scale.
    static func budget(costLimit: Int, objects: Int) -> Int {
        costLimit.multipliedReportingOverflow(by: 10).partialValue &+ (costLimit / 1000).multipliedReportingOverflow(by: objects).partialValue
    }

    mutating func overBudget(_ budget: Int, objects: Int) {
        errors.append(Diagnostic(
            zh: "规则 \(rule.id) 在前 \(objects) 个对象上的求值代价已超过总预算 \(budget)，已停止：表达式对每个对象都太费时（见 docs/hardening.md）",
            en: "rule \(rule.id): evaluation stopped after \(objects) objects: its total cost exceeded the budget of \(budget); the expression is too costly per object (see docs/hardening.md)",
            at: rule.location, step: "evaluate"))
    }

    mutating func fail(_ result: Value, expression: String, object: Object) {
        let inventory = bridge.inventory
        let reason: String
        if case .error(let e) = result { reason = e.message } else { reason = "the result is \(result.celType.name), not bool" }
        let place = inventory.location(of: object).description
        errors.append(Diagnostic(
            zh: "规则 \(rule.id) 的 \(expression) 在 \(place) 的对象上求值出错：\(reason)",
            en: "rule \(rule.id): '\(expression)' failed on the object at \(place): \(reason)",
            at: rule.location, step: "evaluate"))
    }

    /// A finding's target: the object itself, with the kinds' id conventions.
    static func target(of object: Object, in inventory: Inventory) -> (String, String) {
        switch object.kind {
        case .inventory: return ("inventory", "inventory")
        case .task: return ("task", "\(object["plan"]?.string ?? "")/\(object["no"]?.int ?? 0)")
        case .waiver: return ("waiver", "\(object["rule"]?.string ?? "")@\(object["target"]?.string ?? "")")
        case .event:
            let at = object["at"]?.instant?.text ?? ""
            return ("event", "\(object["unit"]?.string ?? "")@\(at)")
        default: return (object.kind.rawValue, object.id ?? "")
        }
    }

    static let eventTypes = Schema.eventTypes

    /// The line to point at: `locate:` if the rule names a field; for rules
    /// over a unit's events, the most recent event of the types the rule
    /// counts; else the first `self.<field>` the assertion reads that is
    /// present; else the object.
    func locate(_ object: Object, index: Int) -> SourceLocation {
        let inventory = bridge.inventory
        if let path = rule.locate, object.record.field(path: path) != nil {
            return inventory.location(of: object, field: path)
        }
        if object.kind == .unit || object.kind == .system, readsEvents {
            let types = eventTypes
            let events = inventory.objects(.event)
            var best: (Instant, Int)?
            let own = object.kind == .unit ? inventory.unitEvents[index] : inventory.systemEvents[index]
            for e in own where bridge.isVisible(event: e) {
                guard let at = events[e]["at"]?.instant, let type = events[e]["type"]?.string, types.isEmpty || types.contains(type) else { continue }
                if best.map({ at >= $0.0 }) ?? true { best = (at, e) }
            }
            if let (_, e) = best { return inventory.location(of: events[e]) }
            return inventory.location(of: object)
        }
        if object.kind == .inventory, readsEvents {
            // Inventory-wide rules over events: the most recent event of the counted types.
            let events = inventory.objects(.event)
            var best: (Instant, Int)?
            for e in events.indices where bridge.isVisible(event: e) {
                guard let at = events[e]["at"]?.instant, let type = events[e]["type"]?.string, eventTypes.isEmpty || eventTypes.contains(type) else { continue }
                if best.map({ at >= $0.0 }) ?? true { best = (at, e) }
            }
            if let (_, e) = best { return inventory.location(of: events[e]) }
        }
        for path in paths where object.record.field(path: path) != nil {
            return inventory.location(of: object, field: path)
        }
        return inventory.location(of: object)
    }

    /// `self.a.b` paths an expression reads, longest first within each occurrence.
    static func selfPaths(in source: String) -> [String] {
        var out: [String] = []
        let scalars = Array(source.unicodeScalars)
        var i = 0
        func isIdent(_ c: Unicode.Scalar) -> Bool {
            c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
        }
        while i + 5 <= scalars.count {
            if String(String.UnicodeScalarView(scalars[i..<(i + 5)])) == "self.", i == 0 || !isIdent(scalars[i - 1]) {
                var j = i + 5
                var parts: [String] = []
                var current = ""
                while j < scalars.count {
                    let c = scalars[j]
                    if isIdent(c) { current.unicodeScalars.append(c) } else if c == ".", !current.isEmpty {
                        parts.append(current)
                        current = ""
                    } else { break }
                    j += 1
                }
                if !current.isEmpty { parts.append(current) }
                // Drop trailing method names (`self.software.exists(`).
                if j < scalars.count, scalars[j] == "(", !parts.isEmpty { parts.removeLast() }
                for n in stride(from: parts.count, through: 1, by: -1) {
                    let p = parts.prefix(n).joined(separator: ".")
                    if !out.contains(p) { out.append(p) }
                }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }
}

