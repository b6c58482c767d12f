/// A JSON value whose serialisation is ours: deterministic bytes, object keys
/// in the order given (or sorted), and `<`, `>`, `&` escaped so the output can
/// be embedded in HTML. Foundation's JSONEncoder promises none of that.
public indirect enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let v): hasher.combine(v)
        case .int(let v): hasher.combine(v)
        case .double(let v): hasher.combine(v)
        case .string(let v): hasher.combine(v)
        case .array(let v): hasher.combine(v)
        case .object(let v):
            for (k, x) in v { hasher.combine(k); hasher.combine(x) }
        }
    }

    public subscript(key: String) -> JSON? {
        if case .object(let pairs) = self { return pairs.first(where: { $0.0 == key })?.1 }
        return nil
    }

    /// Serialise. `pretty` indents by two spaces; `sortKeys` orders object keys
    /// by code point so output does not depend on construction order.
    public func serialized(pretty: Bool = false, sortKeys: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(into: &out, pretty: pretty, sortKeys: sortKeys, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, sortKeys: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let v): out += v ? "true" : "false"
        case .int(let v): out += String(v)
        case .double(let v): out += JSON.format(v)
        case .string(let v): JSON.quote(v, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { JSON.newline(&out, indent + 1) }
                item.write(into: &out, pretty: pretty, sortKeys: sortKeys, indent: indent + 1)
            }
            if pretty { JSON.newline(&out, indent) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            let ordered = sortKeys ? pairs.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) } : pairs
            out += "{"
            for (i, (key, value)) in ordered.enumerated() {
                if i > 0 { out += "," }
                if pretty { JSON.newline(&out, indent + 1) }
                JSON.quote(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(into: &out, pretty: pretty, sortKeys: sortKeys, indent: indent + 1)
            }
            if pretty { JSON.newline(&out, indent) }
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int) {
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    /// JSON numbers for finite doubles (shortest round-trip form); non-finite
    /// values have no JSON number and are written as strings.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "\"NaN\"" }
        if v.isInfinite { return v > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        if v == v.rounded(), abs(v) < 1e15 {
            return String(Int64(v)) + ".0"
        }
        return "\(v)"
    }

    static let hex: [Character] = Array("0123456789abcdef")

    /// Quote a string: control characters, quotes, backslash and the HTML
    /// specials `<`, `>`, `&` become escapes.
    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let v = Int(scalar.value)
                    out += "\\u00"
                    out.append(hex[v >> 4])
                    out.append(hex[v & 15])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
