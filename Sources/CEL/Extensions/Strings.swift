import Foundation

// cel-go's strings extension (ext/strings.go, version 4), by its names:
//   s.charAt(i)  s.indexOf(t[, from])  s.lastIndexOf(t[, from])  s.lowerAscii()  s.upperAscii()
//   s.replace(old, new[, n])  s.split(sep[, n])  s.substring(start[, end])  s.trim()
//   list.join([sep])  s.format(list)  strings.quote(s)  s.reverse()
// Indexes count Unicode code points, as everywhere in CEL. Every function charges the
// frame by the bytes it traverses or produces (Cost.traversal), so a rule's budget bounds it.

enum Strings {
    static func register(into t: inout FunctionTable) {
        t.member("charAt", .costed(arity: 2, charAt))
        t.member("indexOf", .costed(arity: 2, indexOf))
        t.member("indexOf", .costed(arity: 3, indexOf))
        t.member("lastIndexOf", .costed(arity: 2, lastIndexOf))
        t.member("lastIndexOf", .costed(arity: 3, lastIndexOf))
        // Unary overloads (no argument array): Cost.unarySizer charges their traversal.
        t.member("lowerAscii", .unary { asciiCase($0, lower: true) })
        t.member("upperAscii", .unary { asciiCase($0, lower: false) })
        t.member("replace", .costed(arity: 3, replace))
        t.member("replace", .costed(arity: 4, replace))
        t.member("split", .costed(arity: 2, split))
        t.member("split", .costed(arity: 3, split))
        t.member("substring", .costed(arity: 2, substring))
        t.member("substring", .costed(arity: 3, substring))
        t.member("trim", .costed(arity: 1, trim))
        t.member("join", .costed(arity: 1, join))
        t.member("join", .costed(arity: 2, join))
        t.member("reverse", .costed(arity: 1, reverse))
        t.member("format", .costed(arity: 2) { a, f in Formatter.format(a, f) })
        t.global("strings.quote", .costed(arity: 1, quote))
    }

    static func indexError(_ i: Int64) -> Value { .error("index out of range: \(i)") }

    /// Charges the traversal of these strings; true when the budget is gone.
    static func charge(_ f: Frame, _ bytes: Int) -> Bool { f.charge(Cost.traversal(bytes)) }

    static func charAt(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0], case .int(let i) = a[1] else { return .error(.noOverload("charAt", a[0], a[1])) }
        if charge(f, s.utf8.count) { return .error(.costExceeded) }
        let scalars = s.unicodeScalars
        guard i >= 0, i <= Int64(scalars.count) else { return indexError(i) }
        if i == Int64(scalars.count) { return .string("") }
        return .string(String(scalars[scalars.index(scalars.startIndex, offsetBy: Int(i))]))
    }

    /// The first index of `needle` in `hay` at or after `from`, or -1.
    static func find(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int) -> Int {
        guard needle.count <= hay.count, from <= hay.count - needle.count else { return -1 }
        var i = from
        while i <= hay.count - needle.count {
            var j = 0
            while j < needle.count, hay[i + j] == needle[j] { j += 1 }
            if j == needle.count { return i }
            i += 1
        }
        return -1
    }

    static func indexOf(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0], case .string(let t) = a[1] else { return .error(.noOverload("indexOf", a[0], a[1])) }
        var from: Int64 = 0
        if a.count == 3 {
            guard case .int(let o) = a[2] else { return .error(.noOverload("indexOf", a[0], a[1], a[2])) }
            from = o
        }
        if f.charge(Cost.search(s.utf8.count, t.utf8.count)) { return .error(.costExceeded) }
        if t.isEmpty && a.count == 3 { return .int(from) }
        if t.isEmpty { return .int(0) }
        let hay = Array(s.unicodeScalars), needle = Array(t.unicodeScalars)
        guard from >= 0, from < Int64(hay.count) else { return indexError(from) }
        return .int(Int64(find(hay, needle, from: Int(from))))
    }

    static func lastIndexOf(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0], case .string(let t) = a[1] else { return .error(.noOverload("lastIndexOf", a[0], a[1])) }
        let hay = Array(s.unicodeScalars), needle = Array(t.unicodeScalars)
        var from = Int64(hay.count)
        if a.count == 3 {
            guard case .int(let o) = a[2] else { return .error(.noOverload("lastIndexOf", a[0], a[1], a[2])) }
            from = o
        }
        if f.charge(Cost.search(s.utf8.count, t.utf8.count)) { return .error(.costExceeded) }
        if needle.isEmpty { return .int(from) }
        if a.count == 3, from < 0 || from >= Int64(hay.count) { return indexError(from) }
        guard needle.count <= hay.count else { return .int(-1) }
        var i = min(Int(from), hay.count - needle.count)
        while i >= 0 {
            var j = 0
            while j < needle.count, hay[i + j] == needle[j] { j += 1 }
            if j == needle.count { return .int(Int64(i)) }
            i -= 1
        }
        return .int(-1)
    }

    static func asciiCase(_ v: Value, lower: Bool) -> Value {
        guard case .string(let s) = v else { return .error(.noOverload(lower ? "lowerAscii" : "upperAscii", v)) }
        let from: UInt8 = lower ? 65 : 97, to: UInt8 = lower ? 90 : 122
        // Most strings are already in the wanted case: return them as they are.
        guard s.utf8.contains(where: { $0 >= from && $0 <= to }) else { return v }
        var bytes = Array(s.utf8)
        for i in bytes.indices where bytes[i] >= from && bytes[i] <= to { bytes[i] ^= 0x20 }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    static func replace(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0], case .string(let old) = a[1], case .string(let new) = a[2] else {
            return .error(a.count == 4 ? .noOverload("replace", a[0], a[1], a[2], a[3]) : .noOverload("replace", a[0], a[1], a[2]))
        }
        var limit = -1
        if a.count == 4 {
            guard case .int(let n) = a[3] else { return .error(.noOverload("replace", a[0], a[1], a[2], a[3])) }
            limit = n < 0 ? -1 : Int(clamping: n)
        }
        // Charged before the work: the search, and the largest result it can build.
        let n = s.utf8.count
        var matches = old.isEmpty ? s.unicodeScalars.count + 1 : n / max(1, old.utf8.count)
        if limit >= 0 { matches = min(matches, limit) }
        let (grown, overflow) = matches.multipliedReportingOverflow(by: new.utf8.count)
        if overflow || f.charge(Cost.search(n, old.utf8.count) + Cost.traversal(n + grown)) { return .error(.costExceeded) }
        if limit == 0 { return a[0] }
        let hay = Array(s.unicodeScalars), needle = Array(old.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0, done = 0
        if needle.isEmpty {
            // Go's strings.Replace: the replacement before every code point and at the end.
            while i <= hay.count {
                if limit < 0 || done < limit { out.append(contentsOf: new.unicodeScalars); done += 1 }
                if i < hay.count { out.append(hay[i]) }
                i += 1
            }
            return .string(String(out))
        }
        while i < hay.count {
            if limit < 0 || done < limit, i + needle.count <= hay.count, hay[i] == needle[0],
               hay[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: new.unicodeScalars)
                i += needle.count
                done += 1
            } else {
                out.append(hay[i])
                i += 1
            }
        }
        return .string(String(out))
    }

    static func split(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0], case .string(let sep) = a[1] else { return .error(.noOverload("split", a[0], a[1])) }
        var limit = -1
        if a.count == 3 {
            guard case .int(let n) = a[2] else { return .error(.noOverload("split", a[0], a[1], a[2])) }
            limit = n < 0 ? -1 : Int(clamping: n)
        }
        let hay = Array(s.unicodeScalars), needle = Array(sep.unicodeScalars)
        if f.charge(Cost.search(s.utf8.count, sep.utf8.count) + hay.count) { return .error(.costExceeded) }
        if limit == 0 { return .list([]) }
        var parts: [Value] = []
        if needle.isEmpty {
            // Go's strings.SplitN with an empty separator: one part per code point.
            for (k, c) in hay.enumerated() {
                if limit > 0, parts.count == limit - 1 {
                    parts.append(.string(String(String.UnicodeScalarView(hay[k...]))))
                    return .list(parts)
                }
                parts.append(.string(String(c)))
            }
            return .list(parts)
        }
        var start = 0, i = 0
        while i + needle.count <= hay.count {
            if limit > 0, parts.count == limit - 1 { break }
            if hay[i..<(i + needle.count)].elementsEqual(needle) {
                parts.append(.string(String(String.UnicodeScalarView(hay[start..<i]))))
                i += needle.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(.string(String(String.UnicodeScalarView(hay[start...]))))
        return .list(parts)
    }

    static func substring(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0], case .int(let start) = a[1] else {
            return .error(a.count == 3 ? .noOverload("substring", a[0], a[1], a[2]) : .noOverload("substring", a[0], a[1]))
        }
        if charge(f, s.utf8.count) { return .error(.costExceeded) }
        let scalars = Array(s.unicodeScalars)
        var end = Int64(scalars.count)
        if a.count == 3 {
            guard case .int(let e) = a[2] else { return .error(.noOverload("substring", a[0], a[1], a[2])) }
            end = e
        }
        if start > end { return .error("invalid substring range. start: \(start), end: \(end)") }
        guard start >= 0, start <= Int64(scalars.count) else { return indexError(start) }
        guard end >= 0, end <= Int64(scalars.count) else { return indexError(end) }
        return .string(String(String.UnicodeScalarView(scalars[Int(start)..<Int(end)])))
    }

    static func trim(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0] else { return .error(.noOverload("trim", a[0])) }
        if charge(f, s.utf8.count) { return .error(.costExceeded) }
        // Unicode White_Space, as Go's unicode.IsSpace (so not U+200B or U+FEFF).
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return .string("") }
        return .string(String(scalars[first...last]))
    }

    static func join(_ a: [Value], _ f: Frame) -> Value {
        guard case .list(let items) = a[0] else {
            return .error(a.count == 2 ? .noOverload("join", a[0], a[1]) : .noOverload("join", a[0]))
        }
        var sep = ""
        if a.count == 2 {
            guard case .string(let s) = a[1] else { return .error(.noOverload("join", a[0], a[1])) }
            sep = s
        }
        var total = sep.utf8.count * max(0, items.count - 1)
        var parts: [String] = []
        parts.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item else { return .error("join: list element is \(item.celType), not a string") }
            total += s.utf8.count
            parts.append(s)
        }
        if f.charge(items.count + Cost.traversal(total)) { return .error(.costExceeded) }
        return .string(parts.joined(separator: sep))
    }

    static func reverse(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0] else { return .error(.noOverload("reverse", a[0])) }
        if charge(f, s.utf8.count) { return .error(.costExceeded) }
        return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
    }

    /// `strings.quote(s)`: a double-quoted CEL string literal with escapes.
    static func quote(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0] else { return .error(.noOverload("strings.quote", a[0])) }
        if charge(f, 2 * s.utf8.count) { return .error(.costExceeded) }
        return .string(quoted(s))
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

/// `s.format(list)`: cel-go's string formatting clauses `%s %d %f %e %b %o %x %X %%`, with
/// an optional precision (`%.3f`) for `%f` and `%e`.
enum Formatter {
    static func format(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let pattern) = a[0], case .list(let args) = a[1] else { return .error(.noOverload("format", a[0], a[1])) }
        if Strings.charge(f, pattern.utf8.count) { return .error(.costExceeded) }
        var out = ""
        var next = 0
        let scalars = Array(pattern.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            guard c == "%" else { out.unicodeScalars.append(c); continue }
            if i < scalars.count, scalars[i] == "%" { out += "%"; i += 1; continue }
            var precision: Int?
            if i < scalars.count, scalars[i] == "." {
                i += 1
                var digits = 0, p = 0
                while i < scalars.count, let d = Int(String(scalars[i])), scalars[i].isASCII {
                    p = min(p * 10 + d, 1_000)
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return .error("could not parse formatting clause: unrecognized formatting clause \".\"") }
                precision = p
            }
            guard i < scalars.count else { return .error("could not parse formatting clause: unterminated formatting clause") }
            let verb = scalars[i]
            i += 1
            guard "sdfebxXo".unicodeScalars.contains(verb) else {
                return .error("could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
            }
            guard next < args.count else { return .error("index \(next) out of range") }
            let arg = args[next]
            next += 1
            let piece: Result<String, CELError>
            switch verb {
            case "s": piece = string(arg)
            case "d": piece = decimal(arg)
            case "f": piece = fixed(arg, precision ?? 6)
            case "e": piece = scientific(arg, precision ?? 6)
            case "b": piece = radix(arg, 2, "only integers and bools can be formatted as binary", bools: true)
            case "o": piece = radix(arg, 8, "octal clause can only be used on integers")
            default: piece = hex(arg, upper: verb == "X")
            }
            switch piece {
            case .success(let s):
                if Strings.charge(f, s.utf8.count) { return .error(.costExceeded) }
                out += s
            case .failure(let e):
                return .error("error during formatting: \(e.message)")
            }
        }
        return .string(out)
    }

    static func given(_ what: String, _ v: Value) -> CELError {
        CELError("\(what), was given \(v.celType.name)")
    }

    static func special(_ d: Double) -> String? {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return nil
    }

    static func string(_ v: Value) -> Result<String, CELError> {
        switch v {
        case .null, .bool, .int, .uint, .string, .type, .timestamp, .duration: return .success(v.plainString)
        case .bytes(let b): return .success(String(decoding: b, as: UTF8.self))
        case .double(let d): return .success(special(d) ?? formatDouble(d))
        case .list(let l):
            var parts: [String] = []
            for x in l {
                switch string(x) {
                case .success(let s): parts.append(s)
                case .failure(let e): return .failure(e)
                }
            }
            return .success("[" + parts.joined(separator: ", ") + "]")
        case .map(let m):
            var parts: [(String, String)] = []
            for (k, x) in m.entries {
                guard case .success(let ks) = string(k) else { return string(k) }
                switch string(x) {
                case .success(let s): parts.append((ks, s))
                case .failure(let e): return .failure(e)
                }
            }
            parts.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            return .success("{" + parts.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}")
        default:
            return .failure(given("string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps", v))
        }
    }

    static func decimal(_ v: Value) -> Result<String, CELError> {
        switch v {
        case .int(let i): return .success(String(i))
        case .uint(let u): return .success(String(u))
        case .double(let d):
            if let s = special(d) { return .success(s) }
            return .failure(given("decimal clause can only be used on integers", v))
        default: return .failure(given("decimal clause can only be used on integers", v))
        }
    }

    static func number(_ v: Value) -> Double? {
        switch v {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .uint(let u): return Double(u)
        default: return nil
        }
    }

    static func fixed(_ v: Value, _ precision: Int) -> Result<String, CELError> {
        guard let d = number(v) else { return .failure(given("fixed-point clause can only be used on doubles", v)) }
        if let s = special(d) { return .success(s) }
        return .success(String(format: "%.\(precision)f", d))
    }

    static func scientific(_ v: Value, _ precision: Int) -> Result<String, CELError> {
        guard let d = number(v) else { return .failure(given("scientific clause can only be used on doubles", v)) }
        if let s = special(d) { return .success(s) }
        return .success(String(format: "%.\(precision)e", d))
    }

    static func radix(_ v: Value, _ base: Int, _ what: String, bools: Bool = false) -> Result<String, CELError> {
        switch v {
        case .int(let i): return .success(i < 0 ? "-" + String(i.magnitude, radix: base) : String(i, radix: base))
        case .uint(let u): return .success(String(u, radix: base))
        case .bool(let b) where bools: return .success(b ? "1" : "0")
        default: return .failure(given(what, v))
        }
    }

    static func hex(_ v: Value, upper: Bool) -> Result<String, CELError> {
        let digits: [UInt8] = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        func bytes<S: Sequence>(_ b: S) -> String where S.Element == UInt8 {
            var out: [UInt8] = []
            for x in b { out.append(digits[Int(x >> 4)]); out.append(digits[Int(x & 15)]) }
            return String(decoding: out, as: UTF8.self)
        }
        switch v {
        case .int, .uint:
            guard case .success(let s) = radix(v, 16, "") else { return .failure(given("", v)) }
            return .success(upper ? s.uppercased() : s)
        case .string(let s): return .success(bytes(s.utf8))
        case .bytes(let b): return .success(bytes(b))
        default: return .failure(given("only integers, byte buffers, and strings can be formatted as hex", v))
        }
    }
}
