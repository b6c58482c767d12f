// cel-go's optional types (cel.OptionalTypes): `optional.of(x)`, `optional.ofNonZeroValue(x)`,
// `optional.none()`, `o.hasValue()`, `o.value()`, `o.orValue(x)`, `o.or(o2)`,
// `o.optMap(v, expr)`, `o.optFlatMap(v, expr)` (macros), the syntax `a.?field`, `a[?key]`,
// `[?x, …]` and `{?key: x, …}`, and selection or indexing through an optional
// (`optional.of(m).c.d` is none when a key is missing).

/// An optional value (`optional_type`): `value` is nil for `optional.none()`.
public final class CELOptional: CELOpaqueValue {
    public let value: Value?
    public init(_ value: Value?) { self.value = value }

    public static let none = CELOptional(nil)

    public var celType: CELType { CELType("optional_type") }

    public func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let o = other as? CELOptional else { return false }
        switch (value, o.value) {
        case (nil, nil): return true
        case (let a?, let b?): return celEquals(a, b)
        default: return false
        }
    }

    public var stringValue: String {
        guard let value else { return "optional.none()" }
        return "optional.of(\(value.literalString))"
    }
}

enum Optionals {
    static func register(into t: inout FunctionTable) {
        t.global("optional.of", .unary { .opaque(CELOptional($0)) })
        t.global("optional.ofNonZeroValue", .unary { isZero($0) ? .opaque(CELOptional.none) : .opaque(CELOptional($0)) })
        t.global("optional.none", .costed(arity: 0) { _, _ in .opaque(CELOptional.none) })
        t.member("hasValue", .unary { v in
            guard let o = optional(v) else { return .error(.noOverload("hasValue", v)) }
            return .bool(o.value != nil)
        })
        t.member("value", .unary { v in
            guard let o = optional(v) else { return .error(.noOverload("value", v)) }
            return o.value ?? .error("optional.none() dereference")
        })
        t.member("orValue", .binary { v, d in
            guard let o = optional(v) else { return .error(.noOverload("orValue", v, d)) }
            return o.value ?? d
        })
        t.member("or", .binary { v, w in
            guard let o = optional(v), optional(w) != nil else { return .error(.noOverload("or", v, w)) }
            return o.value != nil ? v : w
        })
        t.global("_?._", .binary(optionalSelect))
        t.global("_[?_]", .binary(optionalIndex))
    }

    @inline(__always)
    static func optional(_ v: Value) -> CELOptional? {
        if case .opaque(let o) = v { return o as? CELOptional }
        return nil
    }

    /// The zero value of its type (what `optional.ofNonZeroValue` maps to none).
    static func isZero(_ v: Value) -> Bool {
        switch v {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .uint(let u): return u == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.count == 0
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        case .duration(let d): return d.nanoseconds == 0
        case .opaque(let o): return (o as? CELOptional)?.value == nil && o is CELOptional
        default: return false
        }
    }

    /// `a.?field`: an optional of the field, none when it is absent.
    static func optionalSelect(_ a: Value, _ f: Value) -> Value {
        guard case .string(let field) = f else { return .error(.noOverload("_?._", a, f)) }
        var base = a
        if let o = optional(a) {
            guard let v = o.value else { return a }
            base = v
        }
        switch base {
        case .map(let m):
            guard let v = m.get(field: field) else { return .opaque(CELOptional.none) }
            return .opaque(CELOptional(v))
        default: return .error("type '\(base.celType)' does not support field selection")
        }
    }

    /// `a[?key]`: an optional of the element, none when the key or index is absent.
    static func optionalIndex(_ a: Value, _ k: Value) -> Value {
        var base = a
        if let o = optional(a) {
            guard let v = o.value else { return a }
            base = v
        }
        switch base {
        case .map(let m):
            guard let v = m.get(k) else { return .opaque(CELOptional.none) }
            return .opaque(CELOptional(v))
        case .list(let l):
            let r = Ops.index(base, k)
            if case .error = r {
                if case .int(let i) = k, i < 0 || i >= Int64(l.count) { return .opaque(CELOptional.none) }
                return r
            }
            return .opaque(CELOptional(r))
        default: return .error(.noOverload("_[?_]", a, k))
        }
    }

    /// Selection through an optional: none stays none, a missing key gives none.
    static func select(_ o: CELOptional, _ field: String) -> Value {
        guard let v = o.value else { return .opaque(o) }
        switch v {
        case .map(let m):
            guard let x = m.get(field: field) else { return .opaque(CELOptional.none) }
            return .opaque(CELOptional(x))
        case .error: return v
        default: return .error("no such key: '\(field)' (type '\(v.celType)' does not support field selection)")
        }
    }

    /// Indexing through an optional.
    static func index(_ o: CELOptional, _ k: Value) -> Value {
        guard o.value != nil else { return .opaque(o) }
        return optionalIndex(.opaque(o), k)
    }
}
