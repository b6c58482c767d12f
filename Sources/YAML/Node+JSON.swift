import JSON

extension Node {
    /// The node as JSON: mappings become objects keyed by the key's text,
    /// in document order. Used by `yunwang schema` tests and generic output.
    public var json: JSON {
        switch content {
        case .scalar(let s):
            switch s.value {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .float(let d): return .double(d)
            case .string: return .string(s.text)
            }
        case .sequence(let items):
            return .array(items.map(\.json))
        case .mapping(let pairs):
            return .object(pairs.map { ($0.key.scalar?.text ?? $0.key.json.serialized(), $0.value.json) })
        }
    }
}
