/// What makes a run fail (`--fail-on`, DESIGN §5 and §9): open findings at or
/// above a severity, or only overdue ones; waived and due-soon findings never fail.
public enum Gate: Sendable, Equatable {
    case severity(Severity)
    /// `--fail-on overdue`: open findings past their `rectify_by`, whatever their severity.
    case overdue
    case never

    /// The findings that fail the run; `known` fingerprints (a `--baseline`) are
    /// left out of a severity gate. An overdue gate ignores the baseline: a finding
    /// stays overdue however long it has been known.
    public func blocking(_ findings: [Finding], except known: Set<String> = []) -> [Finding] {
        switch self {
        case .never: return []
        case .overdue: return findings.filter { $0.status == .open && $0.overdue }
        case .severity(let threshold):
            return findings.filter { $0.status == .open && $0.severity >= threshold && !known.contains($0.fingerprint) }
        }
    }
}
