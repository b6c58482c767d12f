import Diagnostics
import Digest
import Inventory

public enum FindingStatus: String, Sendable, CaseIterable {
    case open
    case waived
    case dueSoon = "due-soon"
}

/// The waiver that waived (or failed to waive) a finding.
public struct WaiverInfo: Sendable, Hashable {
    public var reason: String
    public var approvedBy: String
    public var approval: String
    public var expires: Day
    public var location: SourceLocation
}

/// Who must fix a finding (DESIGN §9 `owner`).
public struct Owner: Sendable, Hashable {
    public var unit: String
    public var unitName: String
    public var opsLead: String?

    public init(unit: String, unitName: String, opsLead: String?) {
        self.unit = unit
        self.unitName = unitName
        self.opsLead = opsLead
    }
}

/// A rectification order (整改通知) as it applies to a finding.
public struct RectificationInfo: Sendable, Hashable {
    public var order: String
    public var issued: Day
    public var due: Day
    /// When the unit reported it fixed; nil while open (or closed after as-of).
    public var closed: Day?
    /// The order's owner, else the unit's ops lead.
    public var owner: String?
    public var note: String?
    public var location: SourceLocation
}

/// One result of a check: a rule, the object it is about, where, why.
public struct Finding: Sendable {
    public var rule: String
    public var title: Localized
    public var severity: Severity
    public var status: FindingStatus
    public var targetKind: String
    public var targetID: String
    public var message: Localized
    public var remediation: Localized?
    public var location: SourceLocation
    public var citation: Citation
    public var due: Day?
    public var waiver: WaiverInfo?
    /// The unit the target belongs to (for grouping by unit), if any.
    public var unit: String?
    /// The audit cycle (DESIGN §9), filled in by `AuditCycle` after waivers.
    /// Who must fix it: the target's unit (a cloud's, data centre's or exit's operator).
    public var owner: Owner? = nil
    /// The as-of date of the earliest run in which this finding was open.
    public var firstSeen: Day? = nil
    /// The deadline: a matching order's `due`, else the rule's own `due`, else
    /// `firstSeen` + `rectify_days[severity]`; nil for info and waived findings.
    public var rectifyBy: Day? = nil
    /// As-of is past `rectifyBy`.
    public var overdue: Bool = false
    /// The rectification order that matches this finding, if any.
    public var rectification: RectificationInfo? = nil
    /// `new` or `known` against `--baseline` (Baseline.swift); nil without one.
    public var baseline: BaselineMark?

    /// sha256 of rule, target kind and target id: stable across runs and
    /// across edits elsewhere in the inventory.
    public var fingerprint: String { Finding.fingerprint(rule: rule, kind: targetKind, id: targetID) }

    public static func fingerprint(rule: String, kind: String, id: String) -> String {
        SHA256.hex("\(rule)\n\(kind)\n\(id)")
    }

    public var target: String { "\(targetKind)/\(targetID)" }

    /// DESIGN §5 order: severity (high first), rule id, target kind, target id, by code point.
    public static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.rule != b.rule { return a.rule.unicodeScalars.lexicographicallyPrecedes(b.rule.unicodeScalars) }
        if a.targetKind != b.targetKind { return a.targetKind.unicodeScalars.lexicographicallyPrecedes(b.targetKind.unicodeScalars) }
        if a.targetID != b.targetID { return a.targetID.unicodeScalars.lexicographicallyPrecedes(b.targetID.unicodeScalars) }
        return a.location < b.location
    }
}

/// Counts as DESIGN §5 defines them: `open` and `by_severity` count open
/// findings only; due-soon and waived are counted on their own.
public struct Summary: Sendable, Equatable {
    public var open = 0
    public var dueSoon = 0
    public var waived = 0
    /// Open or due-soon findings past their `rectify_by`.
    public var overdue = 0
    public var bySeverity: [Severity: Int] = [:]

    public init(_ findings: [Finding]) {
        for f in findings {
            if f.overdue { overdue += 1 }
            switch f.status {
            case .open:
                open += 1
                bySeverity[f.severity, default: 0] += 1
            case .dueSoon: dueSoon += 1
            case .waived: waived += 1
            }
        }
    }
}

/// A rule checked on one target, pass or fail (JUnit has a testcase for each).
public struct CheckedTarget: Sendable {
    public var rule: String
    public var targetKind: String
    public var targetID: String
    public var passed: Bool
}

/// Everything a check produced.
public struct CheckResult: Sendable {
    public var inventoryName: String
    public var region: String
    public var level: String
    public var asOf: Day
    public var findings: [Finding]
    public var rules: [Rule]
    /// Whether findings were marked against a baseline (`summary.new` is then written).
    public var baselineApplied = false
    /// Wall time each rule took (for `--timings`).
    public var ruleSeconds: [(String, Double)] = []
    public var summary: Summary { Summary(findings) }
    /// Each rule's evaluated objects, by index (a province has millions of
    /// these pairs: they are spelt out only when asked for, by `checked`).
    let evaluated: [EvaluatedObjects]
    let inventory: Inventory

    /// Every (rule, object) pair a rule evaluated and whether it passed, in
    /// rule order then object order (JUnit's test cases).
    public var checked: [CheckedTarget] {
        var out: [CheckedTarget] = []
        out.reserveCapacity(evaluated.reduce(0) { $0 + $1.objects.count })
        for list in evaluated {
            let objects = inventory.objects(list.kind)
            for o in list.objects {
                let (kind, id) = Evaluation.target(of: objects[Int(o.index)], in: inventory)
                out.append(CheckedTarget(rule: list.rule, targetKind: kind, targetID: id, passed: o.passed))
            }
        }
        return out
    }
}

/// The objects one rule evaluated: indexes into the inventory's list of `kind`.
struct EvaluatedObjects: Sendable {
    struct Entry: Sendable {
        var index: Int32
        var passed: Bool
    }

    var rule: String
    var kind: Kind
    var objects: [Entry]
}
