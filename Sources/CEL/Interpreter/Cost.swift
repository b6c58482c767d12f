// The size-based part of the cost model (after cel-go's interpreter/runtimecost.go): a call
// whose work grows with its arguments is charged by their size, so the budget bounds the
// time of every program, not just the number of calls. Strings cost one unit per ten bytes
// traversed (cel-go's StringTraversalCostFactor 0.1), lists and maps one unit per element.

enum Cost {
    /// The size of a value as the cost model sees it: bytes of a string or bytes value,
    /// elements of a list or map, 1 for anything else.
    @inline(__always)
    static func size(_ v: Value) -> Int {
        switch v {
        case .string(let s): return s.utf8.count
        case .bytes(let b): return b.count
        case .list(let l): return l.count
        case .map(let m): return m.count
        default: return 1
        }
    }

    /// Units for traversing `bytes` bytes of text once.
    @inline(__always)
    static func traversal(_ bytes: Int) -> Int { 1 + bytes / 10 }

    /// Units for a substring search: O(n·m) as cel-go charges `contains`.
    @inline(__always)
    static func search(_ haystack: Int, _ needle: Int) -> Int {
        traversal(haystack) * traversal(needle)
    }

    /// The extra units of a call of a standard function or operator on two arguments,
    /// charged before the call runs; nil for functions whose work does not depend on size.
    static func sizer(_ name: String) -> (@Sendable (Value, Value) -> Int)? {
        switch name {
        case "contains":
            return { a, b in
                if case .string(let s) = a, case .string(let t) = b { return search(s.utf8.count, t.utf8.count) }
                return 0
            }
        case "startsWith", "endsWith":
            return { a, b in
                if case .string = a, case .string(let t) = b { return traversal(t.utf8.count) }
                return 0
            }
        case "@in":
            // `a in b`: a list is scanned (each comparison as deep as the needle); maps hash.
            return { a, b in
                if case .list(let l) = b { return l.count * (1 + deepSize(a, cap: 1 << 40)) }
                if case .string(let s) = a { return traversal(s.utf8.count) }
                return 0
            }
        case "_==_", "_!=_":
            return { a, b in equality(a, b) }
        default:
            return nil
        }
    }

    /// The extra units of a unary call by its argument's size, charged before it runs.
    static func unarySizer(_ name: String) -> (@Sendable (Value) -> Int)? {
        switch name {
        case "lowerAscii", "upperAscii":
            return { a in
                if case .string(let s) = a { return traversal(s.utf8.count) }
                return 0
            }
        default:
            return nil
        }
    }

    /// Units for comparing two values with `==`: the smaller string's bytes, or the deep
    /// size of the smaller list or map (what equality may have to walk).
    static func equality(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.string(let x), .string(let y)): return traversal(min(x.utf8.count, y.utf8.count)) - 1
        case (.bytes(let x), .bytes(let y)): return traversal(min(x.count, y.count)) - 1
        case (.list(let x), .list(let y)):
            // Lists of different lengths are unequal at once.
            guard x.count == y.count else { return 0 }
            return deepSize(a, cap: deepSize(b, cap: 1 << 40))
        case (.map(let x), .map(let y)):
            guard x !== y, x.count == y.count else { return 0 }
            return deepSize(a, cap: deepSize(b, cap: 1 << 40))
        default: return 0
        }
    }

    /// The number of elements and entries reachable from `v` (strings by their traversal
    /// units), stopping once `cap` is reached.
    static func deepSize(_ v: Value, cap: Int) -> Int {
        switch v {
        case .list(let l):
            var n = l.count
            for x in l where n < cap {
                switch x {
                case .list, .map, .string, .bytes: n += deepSize(x, cap: cap - n)
                default: break
                }
            }
            return min(n, cap)
        case .map(let m):
            // Lazy maps (inventory objects) are compared by identity first; count their keys.
            if m.provider != nil { return m.count }
            var n = m.count
            for i in 0..<m.orderedValues.count where n < cap {
                let x = m.orderedValues[i]
                switch x {
                case .list, .map, .string, .bytes: n += deepSize(x, cap: cap - n)
                default: break
                }
            }
            return min(n, cap)
        case .string(let s): return traversal(s.utf8.count) - 1
        case .bytes(let b): return traversal(b.count) - 1
        default: return 0
        }
    }
}
