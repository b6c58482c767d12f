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
    /// What exactly is wrong, from the rule's `detail:` (the IP and its alerts, the software found).
    public var detail: String? = nil

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
    public var bySeverity: [Severity: Int] = [:]

    public init(_ findings: [Finding]) {
        for f in findings {
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
