/// How many objects each rule evaluated and how many passed: the
/// denominator of the report's compliance rate (objects passing / objects
/// checked). One pass over the checker's own bookkeeping, no strings built.
public struct RuleCoverage: Sendable, Equatable {
    public var checked: Int
    public var passed: Int

    public init(checked: Int, passed: Int) {
        self.checked = checked
        self.passed = passed
    }
}

extension CheckResult {
    /// Rule id → objects evaluated and passed (rules that evaluated nothing
    /// are absent: they did not apply to any object of this inventory).
    public var coverage: [String: RuleCoverage] {
        var out: [String: RuleCoverage] = [:]
        for list in evaluated where !list.objects.isEmpty {
            var c = out[list.rule] ?? RuleCoverage(checked: 0, passed: 0)
            c.checked += list.objects.count
            c.passed += list.objects.reduce(0) { $0 + ($1.passed ? 1 : 0) }
            out[list.rule] = c
        }
        return out
    }
}
