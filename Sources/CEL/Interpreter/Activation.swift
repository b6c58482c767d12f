// Variable bindings for one evaluation.

/// Variable bindings (name → value). Cheap to derive per object: build one shared
/// activation with the common variables, then `binding("self", to: object)` per object,
/// which copies no dictionary and allocates nothing.
public struct Activation: Sendable {
    var names: [String]
    var values: [Value]
    var extraName: String?
    var extraValue: Value = .null
    /// True when some name contains a dot (qualified-identifier resolution needed).
    private(set) var hasDottedNames: Bool

    public init() {
        names = []; values = []; hasDottedNames = false
    }

    public init(_ bindings: [String: Value]) {
        let sorted = bindings.sorted { $0.key < $1.key }
        names = sorted.map(\.key)
        values = sorted.map(\.value)
        hasDottedNames = names.contains { Activation.isDotted($0) }
    }

    public init(_ bindings: KeyValuePairs<String, Value>) {
        names = bindings.map(\.key)
        values = bindings.map(\.value)
        hasDottedNames = names.contains { Activation.isDotted($0) }
    }

    /// A copy with one more binding (replacing any binding of the same name).
    public func binding(_ name: String, to value: Value) -> Activation {
        var copy = self
        if let prev = copy.extraName, prev != name {
            copy.names.append(prev)
            copy.values.append(copy.extraValue)
        }
        copy.extraName = name
        copy.extraValue = value
        if Activation.isDotted(name) { copy.hasDottedNames = true }  // "."
        return copy
    }

    /// Adds or replaces a binding.
    public mutating func bind(_ name: String, _ value: Value) {
        if let i = names.firstIndex(of: name) { values[i] = value; return }
        names.append(name)
        values.append(value)
        if Activation.isDotted(name) { hasDottedNames = true }
    }

    @inline(__always)
    public func lookup(_ name: String) -> Value? {
        if let e = extraName, e == name { return extraValue }
        for i in names.indices where names[i] == name { return values[i] }
        return nil
    }

    public subscript(name: String) -> Value? { lookup(name) }
}

extension Activation {
    /// Whether a name has a dot, read from its bytes in place (this runs for every binding of every evaluation).
    @inline(__always) static func isDotted(_ name: String) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { $0.contains(46) } ?? name.utf8.contains(46)
    }
}
