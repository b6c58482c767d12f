// Equality and ordering, including heterogeneous numeric comparison across int/uint/double.

/// CEL equality (`==`) for non-error values: values of different types are unequal,
/// except numbers, which compare by mathematical value. NaN is never equal.
public func celEquals(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.uint(let x), .uint(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.int, .uint), (.uint, .int), (.int, .double), (.double, .int), (.uint, .double), (.double, .uint):
        return numericCompare(a, b) == .equal
    case (.string(let x), .string(let y)): return celStringEquals(x, y)
    case (.bytes(let x), .bytes(let y)): return x == y
    case (.list(let x), .list(let y)):
        guard x.count == y.count else { return false }
        for i in 0..<x.count where !celEquals(x[i], y[i]) { return false }
        return true
    case (.map(let x), .map(let y)):
        if x === y { return true }
        guard x.count == y.count else { return false }
        for (k, v) in x.entries {
            guard let w = y.get(k), celEquals(v, w) else { return false }
        }
        return true
    case (.type(let x), .type(let y)): return x == y
    case (.timestamp(let x), .timestamp(let y)): return x == y
    case (.duration(let x), .duration(let y)): return x == y
    case (.opaque(let x), .opaque(let y)): return x.isEqual(to: y)
    default: return false
    }
}

enum Ordering {
    case less, equal, greater, unordered  // unordered: a NaN took part
}

/// Orders two numbers of any numeric types exactly (no rounding through Double).
func numericCompare(_ a: Value, _ b: Value) -> Ordering? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y ? .less : (x > y ? .greater : .equal)
    case (.uint(let x), .uint(let y)): return x < y ? .less : (x > y ? .greater : .equal)
    case (.double(let x), .double(let y)):
        if x.isNaN || y.isNaN { return .unordered }
        return x < y ? .less : (x > y ? .greater : .equal)
    case (.int(let x), .uint(let y)):
        if x < 0 { return .less }
        let ux = UInt64(x)
        return ux < y ? .less : (ux > y ? .greater : .equal)
    case (.uint, .int): return numericCompare(b, a).map(flip)
    case (.int(let x), .double(let y)): return compareInt(x, y)
    case (.double, .int): return numericCompare(b, a).map(flip)
    case (.uint(let x), .double(let y)): return compareUInt(x, y)
    case (.double, .uint): return numericCompare(b, a).map(flip)
    default: return nil
    }
}

private func flip(_ o: Ordering) -> Ordering {
    switch o {
    case .less: return .greater
    case .greater: return .less
    default: return o
    }
}

// Int and uint against double compare exactly outside the integer type's range and through
// a conversion to double inside it, as cel-go does (the conformance data pins this down:
// 9223372036854775807 and 9223372036854775808.0 compare equal).
private func compareInt(_ x: Int64, _ y: Double) -> Ordering {
    if y.isNaN { return .unordered }
    if y < -9.223372036854775808e18 { return .greater }
    if y > 9.223372036854775807e18 { return .less }
    let dx = Double(x)
    return dx < y ? .less : (dx > y ? .greater : .equal)
}

private func compareUInt(_ x: UInt64, _ y: Double) -> Ordering {
    if y.isNaN { return .unordered }
    if y < 0 { return .greater }
    if y > 1.8446744073709551615e19 { return .less }
    let dx = Double(x)
    return dx < y ? .less : (dx > y ? .greater : .equal)
}

/// Ordering for `<`, `<=`, `>`, `>=`; nil when the types have no ordering overload.
func celCompare(_ a: Value, _ b: Value) -> Ordering? {
    switch (a, b) {
    case (.string(let x), .string(let y)):
        if celStringEquals(x, y) { return .equal }
        return x.utf8.lexicographicallyPrecedes(y.utf8) ? .less : .greater
    case (.bytes(let x), .bytes(let y)):
        if x == y { return .equal }
        return x.lexicographicallyPrecedes(y) ? .less : .greater
    case (.bool(let x), .bool(let y)):
        return x == y ? .equal : (!x ? .less : .greater)
    case (.timestamp(let x), .timestamp(let y)):
        return x == y ? .equal : (x < y ? .less : .greater)
    case (.duration(let x), .duration(let y)):
        return x == y ? .equal : (x < y ? .less : .greater)
    default:
        return numericCompare(a, b)
    }
}

/// Structural equality for Swift code and tests: same CEL type and equal value (lists and
/// maps element-wise with the same rule; doubles as IEEE, so NaN is unequal to itself;
/// errors by message). CEL's own `==` is `celEquals`, which also equates numbers across
/// int, uint and double.
extension Value: Equatable {
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0 == $1 }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.entries {
                guard let w = y.get(k), v == w, let key = y.keys.first(where: { celEquals($0, k) }),
                      key.celType == k.celType else { return false }
            }
            return true
        case (.error(let x), .error(let y)): return x == y
        default:
            return a.celType == b.celType && celEquals(a, b)
        }
    }
}

extension Value: CustomStringConvertible {
    /// A CEL-like rendering: `"text"`, `1u`, `[1, 2]`, `{"a": 1}`, `<error: …>`.
    public var description: String { literalString }
}
