import Foundation

// Maps: an eager insertion-ordered map, or a lazy provider whose fields are computed on demand.

/// A source of map entries computed on demand (for example an inventory object).
/// Keys are strings; `value(forKey:)` returns nil for an absent key.
public protocol CELMapProvider: Sendable {
    func value(forKey key: String) -> Value?
    /// The keys, in a stable order (used for iteration, size, equality and printing).
    var keys: [String] { get }
    var count: Int { get }
}

extension CELMapProvider {
    public var count: Int { keys.count }
}

/// A hashable normalisation of a map key: numeric keys compare across int/uint/double.

enum MapKey: Hashable, Sendable {
    case int(Int64)
    case uint(UInt64)  // only for values above Int64.max
    case bool(Bool)
    case string(StringKey)

    /// The key for a value used in a literal or an index; nil when the value cannot be a key.
    init?(_ v: Value) {
        switch v {
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(StringKey(s))
        case .double(let d):
            // Only for look-ups: an integral double finds the numeric key.
            if d.rounded(.towardZero) == d, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 {
                self = .int(Int64(d))
            } else if d.rounded(.towardZero) == d, d >= 0, d < 1.8446744073709551616e19 {
                self = .uint(UInt64(d))
            } else {
                return nil
            }
        default: return nil
        }
    }
}

/// A string compared and hashed by its UTF-8 bytes (CEL compares code points, not
/// Unicode canonical equivalence as Swift's `String ==` does).

struct StringKey: Hashable, Sendable {
    let s: String
    init(_ s: String) { self.s = s }
    static func == (a: StringKey, b: StringKey) -> Bool { celStringEquals(a.s, b.s) }
    func hash(into h: inout Hasher) {
        var copy = s
        copy.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Byte-wise string equality.
@inline(__always)
func celStringEquals(_ a: String, _ b: String) -> Bool {
    let au = a.utf8, bu = b.utf8
    let n = au.count
    if n != bu.count { return false }
    if n == 0 { return true }
    let fast = au.withContiguousStorageIfAvailable { p in
        bu.withContiguousStorageIfAvailable { q -> Bool in
            guard let a = p.baseAddress, let b = q.baseAddress else { return p.elementsEqual(q) }
            return memcmp(a, b, n) == 0
        }
    }
    if let fast, let result = fast { return result }
    return au.elementsEqual(bu)
}

/// A CEL map value. Eager maps keep insertion order; lazy maps defer to a provider.
public final class CELMap: Sendable {
    // Eager storage (used when `provider` is nil). Separate stored properties rather than
    // an enum payload, so look-ups borrow them instead of copying (and retaining) all three.
    let orderedKeys: [Value]
    let orderedValues: [Value]
    let index: [MapKey: Int]
    /// Boxed so that "is this map lazy?" is a pointer test, not an existential one.
    private final class Lazy: Sendable {
        let provider: any CELMapProvider
        init(_ p: any CELMapProvider) { provider = p }
    }
    private let lazy: Lazy?
    var provider: (any CELMapProvider)? { lazy?.provider }

    /// An eager map. Later duplicates replace earlier values (map literals report
    /// duplicates as errors before they get here).
    public init(entries: [(Value, Value)]) {
        var keys: [Value] = [], values: [Value] = []
        var index: [MapKey: Int] = [:]
        keys.reserveCapacity(entries.count); values.reserveCapacity(entries.count)
        for (k, v) in entries {
            guard let mk = MapKey(k) else { continue }
            if let i = index[mk] { values[i] = v; continue }
            index[mk] = keys.count
            keys.append(k); values.append(v)
        }
        orderedKeys = keys; orderedValues = values; self.index = index; lazy = nil
    }

    /// An eager map with string keys, in the given order.
    public convenience init(_ fields: KeyValuePairs<String, Value>) {
        self.init(entries: fields.map { (Value.string($0.key), $0.value) })
    }

    /// A lazy map backed by a provider.
    public init(provider: any CELMapProvider) {
        orderedKeys = []; orderedValues = []; index = [:]
        lazy = Lazy(provider)
    }

    init(uncheckedKeys keys: [Value], values: [Value], index: [MapKey: Int]) {
        orderedKeys = keys; orderedValues = values; self.index = index; lazy = nil
    }

    public var count: Int {
        if let provider { return provider.count }
        return orderedKeys.count
    }

    /// The keys in iteration order.
    public var keys: [Value] {
        if let provider { return provider.keys.map { .string($0) } }
        return orderedKeys
    }

    /// Entries in iteration order.
    public var entries: [(key: Value, value: Value)] {
        if let provider {
            return provider.keys.map { (Value.string($0), provider.value(forKey: $0) ?? .null) }
        }
        return (0..<orderedKeys.count).map { (orderedKeys[$0], orderedValues[$0]) }
    }

    /// Look a key up (numeric keys match across int, uint and integral double).
    public func get(_ key: Value) -> Value? {
        if let provider {
            guard case .string(let s) = key else { return nil }
            return provider.value(forKey: s)
        }
        if case .string(let s) = key { return get(field: s) }
        guard let mk = MapKey(key), let i = index[mk] else { return nil }
        return orderedValues[i]
    }

    /// Look a string key up (field selection `m.f`). Small maps are scanned, which is
    /// cheaper than hashing the key.
    @inline(__always)
    public func get(field: String) -> Value? {
        if let lazy { return lazy.provider.value(forKey: field) }
        if orderedKeys.count <= 8 {
            for i in 0..<orderedKeys.count {
                if case .string(let k) = orderedKeys[i], celStringEquals(k, field) { return orderedValues[i] }
            }
            return nil
        }
        guard let i = index[.string(StringKey(field))] else { return nil }
        return orderedValues[i]
    }
}
