// The standard function library: size, string predicates, regular expressions,
// conversions, type(), dyn(), timestamps and durations.

enum Standard {
    static func register(into t: inout FunctionTable) {
        t.both("size", .unary(size))
        t.member("contains", .binary { a, b in stringPredicate("contains", a, b) { bytesContains($0, $1) } })
        t.member("startsWith", .binary { a, b in stringPredicate("startsWith", a, b) { $0.starts(with: $1) } })
        t.member("endsWith", .binary { a, b in stringPredicate("endsWith", a, b) { $0.count >= $1.count && $0.suffix($1.count).elementsEqual($1) } })
        t.both("matches", .binary(matches))

        t.global("int", .unary(toInt))
        t.global("uint", .unary(toUInt))
        t.global("double", .unary(toDouble))
        t.global("string", .unary(toString))
        t.global("bytes", .unary(toBytes))
        t.global("bool", .unary(toBool))
        t.global("dyn", .unary { $0 })
        t.global("type", .unary { .type($0.celType) })
        t.global("timestamp", .unary(toTimestamp))
        t.global("duration", .unary(toDuration))

        for name in ["getFullYear", "getMonth", "getDayOfYear", "getDayOfMonth", "getDate",
                     "getDayOfWeek", "getHours", "getMinutes", "getSeconds", "getMilliseconds"] {
            t.member(name, .unary { v in timeAccessor(name, v, nil) })
            t.member(name, .binary { v, z in timeAccessor(name, v, z) })
        }
    }

    static func size(_ v: Value) -> Value {
        switch v {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): return .int(Int64(b.count))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: return .error(.noOverload("size", v))
        }
    }

    static func stringPredicate(_ name: String, _ a: Value, _ b: Value,
                                _ test: (String.UTF8View, String.UTF8View) -> Bool) -> Value {
        guard case .string(let s) = a, case .string(let p) = b else { return .error(.noOverload(name, a, b)) }
        return .bool(test(s.utf8, p.utf8))
    }

    static func bytesContains(_ s: String.UTF8View, _ p: String.UTF8View) -> Bool {
        if p.isEmpty { return true }
        guard p.count <= s.count else { return false }
        // Native strings are contiguous UTF-8: search them in place, without copying.
        let fast = s.withContiguousStorageIfAvailable { hay in
            p.withContiguousStorageIfAvailable { needle in search(hay, needle) }
        }
        if let fast, let found = fast { return found }
        return search(Array(s)[...], Array(p)[...])
    }

    /// Naive search, first byte by memchr-like scanning: O(|hay|·|needle|) at worst, as charged.
    @inline(__always)
    static func search<C: RandomAccessCollection>(_ hay: C, _ needle: C) -> Bool where C.Element == UInt8, C.Index == Int {
        let first = needle[needle.startIndex]
        let n = needle.count
        var i = hay.startIndex
        let last = hay.endIndex - n
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < n, hay[i + j] == needle[needle.startIndex + j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }

    static func matches(_ a: Value, _ b: Value) -> Value {
        guard case .string(let s) = a, case .string(let p) = b else { return .error(.noOverload("matches", a, b)) }
        switch RE2Regex.compile(p) {
        case .success(let re):
            // Used for constant folding only; evaluation goes through the planner's
            // cost-bounded node.
            guard let m = re.matches(s, maxTicks: 1_000).matched else { return .error(.costExceeded) }
            return .bool(m)
        case .failure(let e): return .error(e)
        }
    }

    // MARK: Conversions

    static func toInt(_ v: Value) -> Value {
        switch v {
        case .int: return v
        case .uint(let u):
            return u > UInt64(Int64.max) ? .error("int range error: \(u)") : .int(Int64(u))
        case .double(let d):
            guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775808e18 else {
                return .error("int range error: \(formatDouble(d))")
            }
            return .int(Int64(d))
        case .string(let s):
            guard let i = Int64(s) else { return .error("cannot convert '\(s)' to int") }
            return .int(i)
        case .timestamp(let t): return .int(t.seconds)
        case .duration(let d): return .int(d.nanoseconds)
        default: return .error(.noOverload("int", v))
        }
    }

    static func toUInt(_ v: Value) -> Value {
        switch v {
        case .uint: return v
        case .int(let i): return i < 0 ? .error("uint range error: \(i)") : .uint(UInt64(i))
        case .double(let d):
            guard d.isFinite, d > -1, d < 1.8446744073709551616e19 else { return .error("uint range error: \(formatDouble(d))") }
            return .uint(UInt64(d))
        case .string(let s):
            guard let u = UInt64(s) else { return .error("cannot convert '\(s)' to uint") }
            return .uint(u)
        default: return .error(.noOverload("uint", v))
        }
    }

    static func toDouble(_ v: Value) -> Value {
        switch v {
        case .double: return v
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            switch s.lowercased() {
            case "nan": return .double(.nan)
            case "inf", "+inf", "infinity", "+infinity": return .double(.infinity)
            case "-inf", "-infinity": return .double(-.infinity)
            default: break
            }
            guard let d = parseDouble(s) else { return .error("cannot convert '\(s)' to double") }
            return .double(d)
        default: return .error(.noOverload("double", v))
        }
    }

    /// Decimal floating-point syntax only (Swift's `Double(_:)` also takes hex floats).
    static func parseDouble(_ s: String) -> Double? {
        guard !s.isEmpty, s.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 101 || $0 == 69 || $0 == 43 || $0 == 45 }) else { return nil }
        return Double(s)
    }

    static func toString(_ v: Value) -> Value {
        switch v {
        case .string: return v
        case .int, .uint, .bool, .timestamp, .duration, .opaque: return .string(v.plainString)
        case .double(let d): return .string(formatDouble(d))
        case .bytes(let b):
            guard let s = String(validating: b, as: UTF8.self) else { return .error("invalid UTF-8 in bytes, cannot convert to string") }
            return .string(s)
        case .type(let t): return .string(t.name)
        default: return .error(.noOverload("string", v))
        }
    }

    static func toBytes(_ v: Value) -> Value {
        switch v {
        case .bytes: return v
        case .string(let s): return .bytes(Array(s.utf8))
        default: return .error(.noOverload("bytes", v))
        }
    }

    static func toBool(_ v: Value) -> Value {
        switch v {
        case .bool: return v
        case .string(let s):
            switch s {
            case "1", "t", "T", "true", "TRUE", "True": return .bool(true)
            case "0", "f", "F", "false", "FALSE", "False": return .bool(false)
            default: return .error("cannot convert '\(s)' to bool")
            }
        default: return .error(.noOverload("bool", v))
        }
    }

    static func toTimestamp(_ v: Value) -> Value {
        switch v {
        case .timestamp: return v
        case .string(let s):
            guard let t = Timestamp.parse(s) else { return .error("cannot parse timestamp '\(s)' (RFC 3339, years 0001-9999)") }
            return .timestamp(t)
        case .int(let i):
            guard let t = Timestamp(seconds: i) else { return .error("timestamp out of range") }
            return .timestamp(t)
        default: return .error(.noOverload("timestamp", v))
        }
    }

    static func toDuration(_ v: Value) -> Value {
        switch v {
        case .duration: return v
        case .string(let s):
            guard let d = CELDuration.parse(s) else { return .error("cannot parse duration '\(s)' (or out of range)") }
            return .duration(d)
        case .int(let i): return .duration(CELDuration(nanoseconds: i))
        default: return .error(.noOverload("duration", v))
        }
    }

    // MARK: Timestamp and duration accessors

    static func timeAccessor(_ name: String, _ v: Value, _ zoneArg: Value?) -> Value {
        switch v {
        case .timestamp(let t):
            var zone = CELTimeZone.utc
            if let zoneArg {
                guard case .string(let z) = zoneArg else { return .error(.noOverload(name, v, zoneArg)) }
                guard let parsed = CELTimeZone.parse(z) else { return .error("unknown time zone '\(z)'") }
                zone = parsed
            }
            let c = CivilTime(t, zone)
            switch name {
            case "getFullYear": return .int(c.year)
            case "getMonth": return .int(c.month - 1)
            case "getDayOfYear": return .int(c.dayOfYear)
            case "getDayOfMonth": return .int(c.day - 1)
            case "getDate": return .int(c.day)
            case "getDayOfWeek": return .int(c.dayOfWeek)
            case "getHours": return .int(c.hour)
            case "getMinutes": return .int(c.minute)
            case "getSeconds": return .int(c.second)
            case "getMilliseconds": return .int(Int64(t.nanos) / 1_000_000)
            default: return .error(.noOverload(name, v))
            }
        case .duration(let d) where zoneArg == nil:
            let n = d.nanoseconds
            switch name {
            case "getHours": return .int(n / 3_600_000_000_000)
            case "getMinutes": return .int(n / 60_000_000_000)
            case "getSeconds": return .int(n / 1_000_000_000)
            case "getMilliseconds": return .int((n % 1_000_000_000) / 1_000_000)
            default: return .error(.noOverload(name, v))
            }
        default:
            if let zoneArg { return .error(.noOverload(name, v, zoneArg)) }
            return .error(.noOverload(name, v))
        }
    }
}
