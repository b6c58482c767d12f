// Options for parsing, planning and evaluating programs.

public struct CELOptions: Sendable {
    /// The evaluation budget: comprehension iterations, function calls and bytes of
    /// string/bytes/list growth each cost units. Exceeding it yields the error value
    /// "cost limit exceeded".
    public var costLimit: Int = 1_000_000
    /// The zone of `date('YYYY-MM-DD')` and `addMonths` (UTC+8 by default).
    public var defaultTimeZone: CELTimeZone = .chinaStandard
    public var parser = ParserOptions()
    /// Report calls of unknown functions (or unknown arities) when the program is
    /// planned, as a type-checker would. When false they evaluate to an error value
    /// instead, like an unchecked cel-go program.
    public var strictFunctions = true
    public init() {}

    public init(costLimit: Int = 1_000_000, defaultTimeZone: CELTimeZone = .chinaStandard) {
        self.costLimit = costLimit
        self.defaultTimeZone = defaultTimeZone
    }
}

/// The mutable state of one evaluation (never shared between threads).
final class Frame {
    // The activation's fields, copied once so that look-ups borrow them.
    let names: [String]
    let values: [Value]
    let extraName: String?
    let extraValue: Value
    let hasDottedNames: Bool
    var locals: [Value]
    var cost = 0
    let limit: Int

    init(activation: Activation, slots: Int, limit: Int) {
        names = activation.names
        values = activation.values
        extraName = activation.extraName
        extraValue = activation.extraValue
        hasDottedNames = activation.hasDottedNames
        self.locals = Array(repeating: .null, count: slots)
        self.limit = limit
    }

    @inline(__always)
    func lookup(_ name: String) -> Value? {
        if let e = extraName, e == name { return extraValue }
        for i in 0..<names.count where names[i] == name { return values[i] }
        return nil
    }

    /// Charges `units`; true when the budget is exhausted.
    @inline(__always)
    func charge(_ units: Int) -> Bool {
        cost &+= units
        return cost > limit
    }

    var exceeded: Bool { cost > limit }
}

/// A planned node: evaluates against a frame.
typealias Node = @Sendable (Frame) -> Value
