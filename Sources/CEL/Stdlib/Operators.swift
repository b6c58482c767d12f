// Arithmetic, logic, indexing and membership operators with the spec's overflow and
// division-by-zero errors.

enum Ops {
    static func add(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .error(.intOverflow) : .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            return o ? .error(.uintOverflow) : .uint(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            return t.adding(d).map(Value.timestamp) ?? .error("timestamp out of range")
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.nanoseconds.addingReportingOverflow(y.nanoseconds)
            return o ? .error("duration out of range") : .duration(CELDuration(nanoseconds: r))
        default: return .error(.noOverload("_+_", a, b))
        }
    }

    static func subtract(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .error(.intOverflow) : .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? .error(.uintOverflow) : .uint(r)
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.timestamp(let x), .timestamp(let y)):
            return x.difference(y).map(Value.duration) ?? .error("duration out of range")
        case (.timestamp(let t), .duration(let d)):
            return t.subtracting(d).map(Value.timestamp) ?? .error("timestamp out of range")
        case (.duration(let x), .duration(let y)):
            let (r, o) = x.nanoseconds.subtractingReportingOverflow(y.nanoseconds)
            return o ? .error("duration out of range") : .duration(CELDuration(nanoseconds: r))
        default: return .error(.noOverload("_-_", a, b))
        }
    }

    static func multiply(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .error(.intOverflow) : .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? .error(.uintOverflow) : .uint(r)
        case (.double(let x), .double(let y)): return .double(x * y)
        default: return .error(.noOverload("_*_", a, b))
        }
    }

    static func divide(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .error(.divideByZero) }
            let (r, o) = x.dividedReportingOverflow(by: y)
            return o ? .error(.intOverflow) : .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { return .error(.divideByZero) }
            return .uint(x / y)
        case (.double(let x), .double(let y)): return .double(x / y)
        default: return .error(.noOverload("_/_", a, b))
        }
    }

    static func modulo(_ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .error(.moduloByZero) }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            return o ? .error(.intOverflow) : .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { return .error(.moduloByZero) }
            return .uint(x % y)
        default: return .error(.noOverload("_%_", a, b))
        }
    }

    static func negate(_ a: Value) -> Value {
        switch a {
        case .int(let x):
            return x == Int64.min ? .error(.intOverflow) : .int(-x)
        case .double(let d): return .double(-d)
        case .duration(let d):
            return d.nanoseconds == Int64.min ? .error("duration out of range") : .duration(CELDuration(nanoseconds: -d.nanoseconds))
        default: return .error(.noOverload("-_", a))
        }
    }

    static func not(_ a: Value) -> Value {
        if case .bool(let b) = a { return .bool(!b) }
        return .error(.noOverload("!_", a))
    }

    static func index(_ a: Value, _ i: Value) -> Value {
        switch a {
        case .list(let l):
            let idx: Int64
            switch i {
            case .int(let x): idx = x
            case .uint(let u): idx = u > UInt64(Int64.max) ? Int64.max : Int64(u)
            case .double(let d):
                guard d.rounded(.towardZero) == d, d > -9.2e18, d < 9.2e18 else {
                    return .error("invalid_argument: index \(formatDouble(d)) is not an integer")
                }
                idx = Int64(d)
            default: return .error(.noOverload("_[_]", a, i))
            }
            guard idx >= 0, idx < Int64(l.count) else {
                return .error("index out of bounds: \(idx), size \(l.count)")
            }
            return l[Int(idx)]
        case .map(let m):
            switch i {
            case .int, .uint, .double, .bool, .string:
                if let v = m.get(i) { return v }
                return .error("no such key: \(i.plainString)")
            default: return .error(.noOverload("_[_]", a, i))
            }
        case .opaque(let o as CELOptional): return Optionals.index(o, i)
        default: return .error(.noOverload("_[_]", a, i))
        }
    }

    static func contains(_ container: Value, _ v: Value) -> Value {
        switch container {
        case .list(let l):
            if case .string(let needle) = v {  // strings only equal strings
                for e in l {
                    if case .string(let s) = e, celStringEquals(s, needle) { return .bool(true) }
                }
                return .bool(false)
            }
            for e in l where celEquals(e, v) { return .bool(true) }
            return .bool(false)
        case .map(let m):
            switch v {
            case .int, .uint, .double, .bool, .string: return .bool(m.get(v) != nil)
            default: return .bool(false)
            }
        default: return .error(.noOverload("@in", v, container))
        }
    }

    static func equals(_ a: Value, _ b: Value) -> Value {
        if case .error = a { return a }
        if case .error = b { return b }
        return .bool(celEquals(a, b))
    }

    static func compare(_ fn: String, _ a: Value, _ b: Value, _ accept: @Sendable (Ordering) -> Bool) -> Value {
        guard let o = celCompare(a, b) else { return .error(.noOverload(fn, a, b)) }
        return .bool(o != .unordered && accept(o))
    }
}
