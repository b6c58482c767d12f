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
            let ordered = sortKeys ? pairs.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) } /* UTF-8 byte order is code-point order */ : pairs
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
        // Copy runs of characters that need no escape in one append.
        let utf8 = s.utf8
        var runStart = utf8.startIndex
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            let needsEscape = b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 || b == 0x7F
                || (b == 0xE2 && isLineSeparator(utf8, i))
            if needsEscape {
                // Through the UTF-8 view: a String range would be rounded to Character boundaries (slow).
                out += Substring(utf8[runStart..<i])
                i = escape(s, at: i, into: &out)
                runStart = i
            } else {
                i = utf8.index(after: i)
            }
        }
        out += Substring(utf8[runStart..<utf8.endIndex])
        out += "\""
    }

    /// U+2028 / U+2029 (E2 80 A8 / E2 80 A9) break JavaScript string literals.
    private static func isLineSeparator(_ u: String.UTF8View, _ i: String.Index) -> Bool {
        var j = u.index(after: i)
        guard j != u.endIndex, u[j] == 0x80 else { return false }
        j = u.index(after: j)
        return j != u.endIndex && (u[j] == 0xA8 || u[j] == 0xA9)
    }

    /// Write the escape for the character at `i`; return the index after it.
    private static func escape(_ s: String, at i: String.Index, into out: inout String) -> String.Index {
        let scalar = s.unicodeScalars[i]
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "<": out += "\\u003c"
        case ">": out += "\\u003e"
        case "&": out += "\\u0026"
        case "\u{2028}": out += "\\u2028"
        case "\u{2029}": out += "\\u2029"
        default:
            let v = Int(scalar.value)
            out += "\\u00"
            out.append(hex[v >> 4])
            out.append(hex[v & 15])
        }
        return s.unicodeScalars.index(after: i)
    }
}
