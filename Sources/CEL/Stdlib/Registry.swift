// Function overloads by name and arity, global and receiver-style.

enum Overload: Sendable {
    case unary(@Sendable (Value) -> Value)
    case binary(@Sendable (Value, Value) -> Value)
    case ternary(@Sendable (Value, Value, Value) -> Value)
    /// Any arity (receiver included); the function charges the frame for the work it does
    /// (by the size of its arguments and result, as cel-go's cost model does) and returns
    /// `.error(.costExceeded)` when the budget runs out.
    case costed(arity: Int, @Sendable ([Value], Frame) -> Value)
}

struct FunctionDecl: Sendable {
    /// Global-style `f(a, b)` overloads by argument count.
    var global: [Int: Overload] = [:]
    /// Receiver-style `a.f(b)` overloads by argument count including the receiver.
    var member: [Int: Overload] = [:]
}

struct FunctionTable: Sendable {
    var decls: [String: FunctionDecl] = [:]

    mutating func global(_ name: String, _ o: Overload) {
        decls[name, default: FunctionDecl()].global[o.arity] = o
    }
    mutating func member(_ name: String, _ o: Overload) {
        decls[name, default: FunctionDecl()].member[o.arity] = o
    }
    mutating func both(_ name: String, _ o: Overload) {
        global(name, o)
        member(name, o)
    }
}

extension Overload {
    var arity: Int {
        switch self {
        case .unary: return 1
        case .binary: return 2
        case .ternary: return 3
        case .costed(let n, _): return n
        }
    }
}
