// The abstract syntax tree produced by the parser. Operators are calls to functions
// named as in cel-go (`_+_`, `_&&_`, `_?_:_`, `!_`, `-_`, `_[_]`, `@in`); macros are
// expanded into `comprehension` and `presence` nodes.

/// One expression node with its source offset (in Unicode scalars from the start).
public struct Expr: Sendable {
    public let offset: Int
    public let kind: ExprKind
    /// Height of the tree rooted here (1 for a leaf); bounded by the parser.
    let height: Int

    init(_ offset: Int, _ kind: ExprKind, height: Int) {
        self.offset = offset
        self.kind = kind
        self.height = height
    }
}

public indirect enum ExprKind: Sendable {
    case literal(Value)
    /// An identifier; `leadingDot` for `.name` (resolved from the root scope).
    case ident(String, leadingDot: Bool)
    case select(operand: Expr, field: String)
    /// `has(operand.field)`.
    case presence(operand: Expr, field: String)
    /// A function call, receiver-style when `target` is set.
    case call(target: Expr?, function: String, args: [Expr])
    case list([Expr])
    case map([MapEntry])
    /// `Type{field: value}`: parses; evaluates to an error (no message types here).
    case message(typeName: String, fields: [FieldInit])
    case comprehension(Comprehension)
}

public struct MapEntry: Sendable {
    public let key: Expr
    public let value: Expr
    /// `{?key: x}`: the entry is present only when the optional `x` has a value.
    public var optional = false
}

public struct FieldInit: Sendable {
    public let field: String
    public let value: Expr
}

public enum MacroKind: String, Sendable {
    case all, exists, existsOne = "exists_one", map, filter
    /// Two-variable comprehensions (cel-go's ext.TwoVarComprehensions).
    case transformList, transformMap, transformMapEntry
    /// `cel.bind(name, value, body)`: `iterVar` bound to `range` while `transform` is evaluated.
    case bind
    /// `o.optMap(v, expr)` and `o.optFlatMap(v, expr)` over an optional `range`.
    case optMap, optFlatMap
}

/// An expanded comprehension macro: `range.kind(iterVar, predicate?, transform?)`, or with two
/// variables `range.kind(iterVar, iterVar2, predicate?, transform?)` (index or key, then value).
public struct Comprehension: Sendable {
    public let kind: MacroKind
    public let iterVar: String
    public var iterVar2: String? = nil
    public let range: Expr
    /// The predicate of all/exists/exists_one/filter, or the filter of 3-argument map.
    public let predicate: Expr?
    /// The transform of map.
    public let transform: Expr?
}
