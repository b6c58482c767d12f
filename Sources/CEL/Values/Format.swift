// String forms of values: `string(x)` conversions, double formatting as Go's %g, and a
// readable rendering used by templates and error messages.

/// Formats a double as Go's `strconv.FormatFloat(d, 'g', -1, 64)` (what cel-go's
/// `string(double)` returns): shortest digits, exponent form below 1e-4 and from 1e6 (Go %g).
public func formatDouble(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
    if d == 0 { return d.sign == .minus ? "-0" : "0" }
    let neg = d < 0
    let desc = Swift.abs(d).description  // shortest round-trip digits
    var mantissa = Substring(desc)
    var exp = 0
    if let e = desc.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = desc[desc.startIndex..<e]
        exp = Int(desc[desc.index(after: e)...]) ?? 0
    }
    var digits = ""
    var dp = 0
    if let dot = mantissa.firstIndex(of: ".") {
        dp = mantissa.distance(from: mantissa.startIndex, to: dot)
        digits = String(mantissa[mantissa.startIndex..<dot]) + String(mantissa[mantissa.index(after: dot)...])
    } else {
        digits = String(mantissa)
        dp = digits.count
    }
    dp += exp
    while digits.hasPrefix("0"), digits.count > 1 { digits.removeFirst(); dp -= 1 }
    while digits.hasSuffix("0"), digits.count > 1 { digits.removeLast() }
    let x = dp - 1
    var out = neg ? "-" : ""
    if x < -4 || x >= 6 {
        out += String(digits.prefix(1))
        if digits.count > 1 { out += "." + digits.dropFirst() }
        out += x < 0 ? "e-" : "e+"
        let ax = Swift.abs(x)
        out += ax < 10 ? "0\(ax)" : "\(ax)"
    } else if dp <= 0 {
        out += "0." + String(repeating: "0", count: -dp) + digits
    } else if dp >= digits.count {
        out += digits + String(repeating: "0", count: dp - digits.count)
    } else {
        out += digits.prefix(dp) + "." + digits.dropFirst(dp)
    }
    return out
}

extension Value {
    /// The plain text of a value, as used in templates and plain output: strings
    /// unquoted, numbers in CEL form, timestamps in RFC 3339, errors as `<error: …>`.
    public var plainString: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return formatDouble(d)
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .list(let l): return "[" + l.map(\.literalString).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.entries.map { $0.key.literalString + ": " + $0.value.literalString }.joined(separator: ", ") + "}"
        case .type(let t): return t.name
        case .timestamp(let t): return t.rfc3339
        case .duration(let d): return d.description
        case .opaque(let o): return o.stringValue
        case .error(let e): return "<error: \(e.message)>"
        }
    }

    /// A CEL-literal-like rendering (strings quoted) for values inside lists and maps.
    public var literalString: String {
        switch self {
        case .string(let s): return quoteCEL(s)
        case .uint(let u): return "\(u)u"
        case .bytes(let b): return "b" + quoteCEL(String(decoding: b, as: UTF8.self))
        case .timestamp(let t): return "timestamp(\"\(t.rfc3339)\")"
        case .duration(let d): return "duration(\"\(d)\")"
        default: return plainString
        }
    }
}

func quoteCEL(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 { out += "\\x" + (u.value < 16 ? "0" : "") + String(u.value, radix: 16) } else { out.unicodeScalars.append(u) }
        }
    }
    return out + "\""
}
