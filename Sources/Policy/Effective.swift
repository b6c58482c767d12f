import Diagnostics
import Inventory

/// `effective: {from, until, after}` on a rule (docs/writing-policies.md): the period a plan
/// sets for its obligation. Before `from` the rule does not run. After `until` it does not run
/// either, unless `after: info` says the obligation continues beyond the plan's period: then
/// its findings are reported as info with the note that the target period has passed.
public struct Effective: Sendable, Hashable {
    public enum After: String, Sendable {
        case none
        case info
    }

    public var from: Day?
    public var until: Day?
    public var after: After

    public init(from: Day? = nil, until: Day? = nil, after: After = .none) {
        self.from = from
        self.until = until
        self.after = after
    }

    public enum State: Sendable, Equatable {
        case before, within, after
    }

    public func state(at day: Day) -> State {
        if let from, day < from { return .before }
        if let until, day > until { return .after }
        return .within
    }

    /// Whether the rule evaluates objects at `day`.
    public func runs(at day: Day) -> Bool {
        switch state(at: day) {
        case .before: return false
        case .within: return true
        case .after: return after == .info
        }
    }

    /// The note appended to messages after `until` (with `after: info`).
    public func pastNote() -> Localized? {
        guard let until else { return nil }
        return Localized(zh: "（目标期已过：本条要求的目标期至 \(until) 止，义务延续，按提示报告）",
                         en: " (target period passed: the text's period ended on \(until); the obligation continues and is reported as info)")
    }
}
