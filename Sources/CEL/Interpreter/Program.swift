// A parsed and planned expression, evaluable many times and from many threads.

/// A CEL program: parse and plan once, evaluate many times.
///
///     let program = try Program(parsing: "self.x > 1")
///     let result = program.evaluate(Activation(["self": .map(["x": .int(2)])]))
public final class Program: Sendable {
    public let source: String
    public let options: CELOptions
    public let ast: Expr
    private let root: Node
    private let slots: Int
    /// The global variables the expression reads (roots of `a.b.c`), so a caller can
    /// reject unknown names such as a misspelt `slef` when a rule is loaded.
    public let variables: Set<String>

    /// Parses and plans `source`. Throws a `CELParseError` (with line, column and a caret
    /// excerpt) for syntax errors, unknown functions and invalid constant regexes.
    public init(parsing source: String, options: CELOptions = CELOptions()) throws(CELParseError) {
        self.source = source
        self.options = options
        let ast = try CELParser.parse(source, options: options.parser)
        self.ast = ast
        var planner = Planner(table: Library.table(options: options), source: Array(source.unicodeScalars))
        planner.strictFunctions = options.strictFunctions
        planner.costLimit = options.costLimit
        root = try planner.plan(ast)
        slots = planner.maxSlots
        variables = planner.globals
    }

    /// Evaluates the program. Evaluation errors are returned as `.error` values.
    public func evaluate(_ activation: Activation = Activation()) -> Value {
        let frame = Frame(activation: activation, slots: slots, limit: options.costLimit)
        let v = root(frame)
        if frame.exceeded { return .error(.costExceeded) }
        return v
    }

    /// Evaluates the program and adds the cost it spent to `cost`, so that a caller can keep
    /// a budget across many evaluations (a rule over every object of an inventory).
    public func evaluate(_ activation: Activation, cost: inout Int) -> Value {
        let frame = Frame(activation: activation, slots: slots, limit: options.costLimit)
        let v = root(frame)
        cost &+= min(frame.cost, options.costLimit)
        if frame.exceeded { return .error(.costExceeded) }
        return v
    }

    public func evaluate(_ bindings: [String: Value]) -> Value {
        evaluate(Activation(bindings))
    }
}

/// The function table: the standard library plus yunwang's extensions.
enum Library {
    static let base: FunctionTable = {
        var t = FunctionTable()
        t.global("_+_", .binary(Ops.add))
        t.global("_-_", .binary(Ops.subtract))
        t.global("_*_", .binary(Ops.multiply))
        t.global("_/_", .binary(Ops.divide))
        t.global("_%_", .binary(Ops.modulo))
        t.global("-_", .unary(Ops.negate))
        t.global("!_", .unary(Ops.not))
        t.global("_[_]", .binary(Ops.index))
        t.global("@in", .binary { v, c in Ops.contains(c, v) })
        t.global("_==_", .binary(Ops.equals))
        t.global("_!=_", .binary { a, b in
            let r = Ops.equals(a, b)
            if case .bool(let x) = r { return .bool(!x) }
            return r
        })
        t.global("_<_", .binary { a, b in Ops.compare("_<_", a, b) { $0 == .less } })
        t.global("_<=_", .binary { a, b in Ops.compare("_<=_", a, b) { $0 != .greater } })
        t.global("_>_", .binary { a, b in Ops.compare("_>_", a, b) { $0 == .greater } })
        t.global("_>=_", .binary { a, b in Ops.compare("_>=_", a, b) { $0 != .less } })
        Standard.register(into: &t)
        Network.register(into: &t)
        Lists.register(into: &t)
        Strings.register(into: &t)
        MathExt.register(into: &t)
        Encoders.register(into: &t)
        Optionals.register(into: &t)
        return t
    }()

    static func table(options: CELOptions) -> FunctionTable {
        var t = base
        Dates.register(into: &t, zone: options.defaultTimeZone)
        return t
    }
}
