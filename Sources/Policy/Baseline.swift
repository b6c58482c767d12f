import Diagnostics

/// A finding against `--baseline` (DESIGN §9): `new` when its fingerprint is not in the
/// baseline, `known` when it is.
public enum BaselineMark: String, Sendable {
    case new, known
}

extension CheckResult {
    /// Marks every finding `new` or `known` by fingerprint.
    public mutating func markBaseline(_ known: Set<String>) {
        baselineApplied = true
        for i in findings.indices {
            findings[i].baseline = known.contains(findings[i].fingerprint) ? .known : .new
        }
    }

    /// `summary.new`: open findings not in the baseline (the ones a gate can block);
    /// nil when no baseline was applied.
    public var newCount: Int? {
        guard baselineApplied else { return nil }
        return findings.reduce(0) { $0 + ($1.status == .open && $1.baseline == .new ? 1 : 0) }
    }
}

/// What makes a run fail (`--fail-on`, `--baseline`, DESIGN §5 and §9), and the one line
/// that says so. Waived and due-soon findings never fail.
public struct Gate: Sendable, Equatable {
    /// Open findings at or above this fail the run; nil never fails.
    public var threshold: Severity?
    /// `--fail-on overdue`: only open findings past their `rectify_by` fail, whatever their
    /// severity, and the baseline does not apply (a known finding is still overdue).
    public var overdueOnly = false

    public init(threshold: Severity?) {
        self.threshold = threshold
    }

    public static let never = Gate(threshold: nil)

    public static var overdue: Gate {
        var gate = Gate(threshold: nil)
        gate.overdueOnly = true
        return gate
    }

    /// The findings that block: open and overdue, or open, at or above the threshold and not `known`.
    public func blocking(_ result: CheckResult) -> [Finding] {
        if overdueOnly { return result.findings.filter { $0.status == .open && $0.overdue } }
        guard let threshold else { return [] }
        return result.findings.filter { $0.status == .open && $0.severity >= threshold && $0.baseline != .known }
    }

    /// `阻断：基线外新增 3 条中及以上问题` / `blocking: 3 findings at medium or above not in
    /// the baseline`; nil when nothing blocks.
    public func line(_ result: CheckResult, language: Language) -> String? {
        let count = blocking(result).count
        guard count > 0 else { return nil }
        let plural = count == 1 ? "finding" : "findings"
        if overdueOnly {
            return language == .zh ? "阻断：\(count) 条问题已超过整改时限" : "blocking: \(count) \(plural) past their rectification deadline"
        }
        guard let threshold else { return nil }
        let zhLevel = threshold == .high ? "高风险" : "\(threshold.label.zh)及以上"
        let enLevel = threshold == .high ? "high severity" : "\(threshold.rawValue) or above"
        if result.baselineApplied {
            return language == .zh
                ? "阻断：基线外新增 \(count) 条\(zhLevel)问题"
                : "blocking: \(count) \(plural) at \(enLevel) not in the baseline"
        }
        return language == .zh
            ? "阻断：\(count) 条\(zhLevel)问题未整改"
            : "blocking: \(count) open \(plural) at \(enLevel)"
    }
}
