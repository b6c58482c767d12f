import Foundation

// cel-go's math extension (ext/math.go, version 2), by its names:
//   math.greatest(a, …) / math.least(a, …)   numbers of any types, or one list of numbers
//   math.ceil/floor/round/trunc(double)      math.abs/sign(number)   math.sqrt(number)
//   math.isNaN/isInf/isFinite(double)
//   math.bitAnd/bitOr/bitXor(int, int | uint, uint)   math.bitNot(int | uint)
//   math.bitShiftLeft/bitShiftRight(int | uint, int)  (logical shifts; 64 or more gives 0)

enum MathExt {
    static func register(into t: inout FunctionTable) {
        for n in 1...32 {
            t.global("math.greatest", .costed(arity: n) { a, f in extreme(a, f, "math.greatest", greatest: true) })
            t.global("math.least", .costed(arity: n) { a, f in extreme(a, f, "math.least", greatest: false) })
        }
        t.global("math.ceil", .unary { rounding("math.ceil", $0) { $0.rounded(.up) } })
        t.global("math.floor", .unary { rounding("math.floor", $0) { $0.rounded(.down) } })
        t.global("math.round", .unary { rounding("math.round", $0) { $0.rounded(.toNearestOrAwayFromZero) } })
        t.global("math.trunc", .unary { rounding("math.trunc", $0) { $0.rounded(.towardZero) } })
        t.global("math.isNaN", .unary { test("math.isNaN", $0) { $0.isNaN } })
        t.global("math.isInf", .unary { test("math.isInf", $0) { $0.isInfinite } })
        t.global("math.isFinite", .unary { test("math.isFinite", $0) { $0.isFinite } })
        t.global("math.abs", .unary(abs))
        t.global("math.sign", .unary(sign))
        t.global("math.sqrt", .unary(sqrt))
        t.global("math.bitAnd", .binary { bits("math.bitAnd", $0, $1, &, &) })
        t.global("math.bitOr", .binary { bits("math.bitOr", $0, $1, |, |) })
        t.global("math.bitXor", .binary { bits("math.bitXor", $0, $1, ^, ^) })
        t.global("math.bitNot", .unary { v in
            switch v {
            case .int(let i): return .int(~i)
            case .uint(let u): return .uint(~u)
            default: return .error(.noOverload("math.bitNot", v))
            }
        })
        t.global("math.bitShiftLeft", .binary { shift("math.bitShiftLeft", $0, $1, left: true) })
        t.global("math.bitShiftRight", .binary { shift("math.bitShiftRight", $0, $1, left: false) })
    }

    static func isNumber(_ v: Value) -> Bool {
        switch v {
        case .int, .uint, .double: return true
        default: return false
        }
    }

    static func extreme(_ a: [Value], _ f: Frame, _ name: String, greatest: Bool) -> Value {
        var items = a
        if a.count == 1, case .list(let l) = a[0] {
            if f.charge(l.count) { return .error(.costExceeded) }
            guard !l.isEmpty else { return .error("\(name)(list) argument must not be empty") }
            items = l
        }
        var best = items[0]
        guard isNumber(best) else { return .error(.noOverload(name, best)) }
        for v in items.dropFirst() {
            guard isNumber(v), let o = numericCompare(v, best) else { return .error(.noOverload(name, best, v)) }
            if greatest ? o == .greater : o == .less { best = v }
        }
        return best
    }

    static func rounding(_ name: String, _ v: Value, _ op: (Double) -> Double) -> Value {
        guard case .double(let d) = v else { return .error(.noOverload(name, v)) }
        return .double(op(d))
    }

    static func test(_ name: String, _ v: Value, _ op: (Double) -> Bool) -> Value {
        guard case .double(let d) = v else { return .error(.noOverload(name, v)) }
        return .bool(op(d))
    }

    static func abs(_ v: Value) -> Value {
        switch v {
        case .int(let i):
            guard i != Int64.min else { return .error("integer overflow") }
            return .int(Swift.abs(i))
        case .uint: return v
        case .double(let d): return .double(Swift.abs(d))
        default: return .error(.noOverload("math.abs", v))
        }
    }

    static func sign(_ v: Value) -> Value {
        switch v {
        case .int(let i): return .int(i.signum())
        case .uint(let u): return .uint(u == 0 ? 0 : 1)
        case .double(let d):
            if d.isNaN { return v }
            return .double(d > 0 ? 1 : (d < 0 ? -1 : 0))
        default: return .error(.noOverload("math.sign", v))
        }
    }

    static func sqrt(_ v: Value) -> Value {
        switch v {
        case .int(let i): return .double(Foundation.sqrt(Double(i)))
        case .uint(let u): return .double(Foundation.sqrt(Double(u)))
        case .double(let d): return .double(Foundation.sqrt(d))
        default: return .error(.noOverload("math.sqrt", v))
        }
    }

    static func bits(_ name: String, _ a: Value, _ b: Value,
                     _ i: (Int64, Int64) -> Int64, _ u: (UInt64, UInt64) -> UInt64) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return .int(i(x, y))
        case (.uint(let x), .uint(let y)): return .uint(u(x, y))
        default: return .error(.noOverload(name, a, b))
        }
    }

    static func shift(_ name: String, _ a: Value, _ b: Value, left: Bool) -> Value {
        guard case .int(let n) = b else { return .error(.noOverload(name, a, b)) }
        switch a {
        case .int, .uint: break
        default: return .error(.noOverload(name, a, b))
        }
        guard n >= 0 else { return .error("math.\(left ? "bitShiftLeft" : "bitShiftRight") negative offset: \(n)") }
        if n >= 64 { return a.celType == .int ? .int(0) : .uint(0) }
        switch a {
        case .int(let x):
            let bitsOf = UInt64(bitPattern: x)
            return .int(Int64(bitPattern: left ? bitsOf << UInt64(n) : bitsOf >> UInt64(n)))
        case .uint(let x): return .uint(left ? x << UInt64(n) : x >> UInt64(n))
        default: return .error(.noOverload(name, a, b))
        }
    }
}
