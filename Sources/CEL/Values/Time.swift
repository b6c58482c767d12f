// Timestamps (second + nanosecond, 0001-01-01..9999-12-31 UTC) and durations (int64 nanoseconds).
import Foundation

/// A point in time with nanosecond precision, in the range the spec allows.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// Nanoseconds within the second, 0..<1_000_000_000.
    public let nanos: Int32

    static let minSeconds: Int64 = -62_135_596_800  // 0001-01-01T00:00:00Z
    static let maxSeconds: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z

    /// Nil when outside 0001-01-01T00:00:00Z ... 9999-12-31T23:59:59.999999999Z.
    public init?(seconds: Int64, nanos: Int32 = 0) {
        var s = seconds, n = Int64(nanos)
        if n < 0 || n >= 1_000_000_000 {
            let (q, r) = floorDivMod(n, 1_000_000_000)
            let (sum, o) = s.addingReportingOverflow(q)
            if o { return nil }
            s = sum; n = r
        }
        guard s >= Timestamp.minSeconds, s <= Timestamp.maxSeconds else { return nil }
        self.seconds = s
        self.nanos = Int32(n)
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool {
        a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos
    }

    /// RFC 3339 in UTC, fractional seconds without trailing zeros.
    public var description: String { rfc3339 }

    public var rfc3339: String {
        let days = floorDivMod(seconds, 86_400)
        let (y, m, d) = civilFromDays(days.0)
        let sod = days.1
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T"
        out += pad(sod / 3600, 2) + ":" + pad(sod / 60 % 60, 2) + ":" + pad(sod % 60, 2)
        if nanos != 0 { out += "." + trimmedFraction(Int64(nanos)) }
        return out + "Z"
    }

    /// Parses RFC 3339 (`2006-01-02T15:04:05.999999999Z07:00`).
    public static func parse(_ text: String) -> Timestamp? {
        let b = Array(text.utf8)
        var i = 0
        func num(_ width: Int) -> Int64? {
            guard i + width <= b.count else { return nil }
            var v: Int64 = 0
            for k in 0..<width {
                let c = b[i + k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            i += width
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = num(4), expect(45), let mo = num(2), expect(45), let d = num(2) else { return nil }
        guard i < b.count, b[i] == 84 || b[i] == 116 else { return nil }  // T or t
        i += 1
        guard let h = num(2), expect(58), let mi = num(2), expect(58), let s = num(2) else { return nil }
        var nanos: Int64 = 0
        if i < b.count, b[i] == 46 {  // '.'
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int64(b[i] - 48) }
                digits += 1; i += 1
            }
            guard digits > 0 else { return nil }
            // More than nine digits are truncated to nanoseconds (`digits..<9` would trap).
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        var offset: Int64 = 0
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 {  // Z or z
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let neg = b[i] == 45
            i += 1
            guard let oh = num(2), expect(58), let om = num(2), oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (neg ? -1 : 1)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        guard mo >= 1, mo <= 12, d >= 1, d <= daysInMonth(y, mo), h < 24, mi < 60, s < 60 else { return nil }
        let secs = daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset
        return Timestamp(seconds: secs, nanos: Int32(nanos))
    }
}

/// A signed span of time in nanoseconds (the spec limits durations to int64 nanoseconds).
public struct CELDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let nanoseconds: Int64
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64) { self.nanoseconds = seconds * 1_000_000_000 }

    public static func < (a: CELDuration, b: CELDuration) -> Bool { a.nanoseconds < b.nanoseconds }

    /// Seconds with a decimal fraction and an `s` suffix: `1.5s`, `-0.000000001s`, `3600s`.
    public var description: String {
        let neg = nanoseconds < 0
        let mag = nanoseconds.magnitude
        let secs = mag / 1_000_000_000, frac = mag % 1_000_000_000
        var out = (neg ? "-" : "") + String(secs)
        if frac != 0 { out += "." + trimmedFraction(Int64(frac)) }
        return out + "s"
    }

    /// Parses Go-style durations: `1h2m3.5s`, `-1.5s`, `100ms`, `1us`, `1µs`, `1ns`, `0`.
    public static func parse(_ text: String) -> CELDuration? {
        var b = Array(text.utf8)[...]
        var neg = false
        if let f = b.first, f == 45 || f == 43 { neg = f == 45; b = b.dropFirst() }
        if b.count == 1, b.first == 48 { return CELDuration(nanoseconds: 0) }
        guard !b.isEmpty else { return nil }
        var total: UInt64 = 0
        while !b.isEmpty {
            var intPart: UInt64 = 0
            var sawDigit = false
            while let c = b.first, c >= 48, c <= 57 {
                let (m, o1) = intPart.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
                guard !o1, !o2 else { return nil }
                intPart = a; sawDigit = true; b = b.dropFirst()
            }
            var fracDigits: [UInt8] = []
            if b.first == 46 {
                b = b.dropFirst()
                while let c = b.first, c >= 48, c <= 57 { fracDigits.append(c - 48); b = b.dropFirst() }
                sawDigit = sawDigit || !fracDigits.isEmpty
            }
            guard sawDigit else { return nil }
            var unitBytes: [UInt8] = []
            while let c = b.first, !(c >= 48 && c <= 57), c != 46 { unitBytes.append(c); b = b.dropFirst() }
            let unit: UInt64
            switch String(decoding: unitBytes, as: UTF8.self) {
            case "ns": unit = 1
            case "us", "µs", "μs": unit = 1_000
            case "ms": unit = 1_000_000
            case "s": unit = 1_000_000_000
            case "m": unit = 60_000_000_000
            case "h": unit = 3_600_000_000_000
            default: return nil
            }
            let (whole, o1) = intPart.multipliedReportingOverflow(by: unit)
            guard !o1 else { return nil }
            // Fraction: exact while the digits fit, truncated past nanosecond precision.
            var fracNanos: UInt64 = 0
            var scale: UInt64 = 1
            for dgt in fracDigits.prefix(18) {
                fracNanos = fracNanos * 10 + UInt64(dgt)
                scale *= 10
            }
            let fracPart = UInt64((Double(fracNanos) / Double(scale)) * Double(unit))
            let (t1, o2) = total.addingReportingOverflow(whole)
            let (t2, o3) = t1.addingReportingOverflow(fracPart)
            guard !o2, !o3 else { return nil }
            total = t2
        }
        if neg {
            guard total <= UInt64(Int64.max) + 1 else { return nil }
            return CELDuration(nanoseconds: total == UInt64(Int64.max) + 1 ? Int64.min : -Int64(total))
        }
        guard total <= UInt64(Int64.max) else { return nil }
        return CELDuration(nanoseconds: Int64(total))
    }
}

// MARK: - Arithmetic with range checks

extension Timestamp {
    func adding(_ d: CELDuration) -> Timestamp? {
        let (ds, dn) = floorDivMod(d.nanoseconds, 1_000_000_000)
        let (s, o) = seconds.addingReportingOverflow(ds)
        if o { return nil }
        return Timestamp(seconds: s, nanos: Int32(Int64(nanos) + dn))  // init carries nanos >= 1e9
    }

    func subtracting(_ d: CELDuration) -> Timestamp? {
        if d.nanoseconds == Int64.min { return nil }
        return adding(CELDuration(nanoseconds: -d.nanoseconds))
    }

    func difference(_ other: Timestamp) -> CELDuration? {
        let ds = seconds - other.seconds  // cannot overflow within the timestamp range
        let (a, o1) = ds.multipliedReportingOverflow(by: 1_000_000_000)
        let (b, o2) = a.addingReportingOverflow(Int64(nanos) - Int64(other.nanos))
        if o1 || o2 { return nil }
        return CELDuration(nanoseconds: b)
    }
}

// MARK: - Time zones and civil fields

/// A time zone for timestamp accessors: a fixed offset or an IANA zone.
public enum CELTimeZone: Sendable {
    case fixed(seconds: Int)
    case named(TimeZone)

    public static let utc = CELTimeZone.fixed(seconds: 0)
    /// UTC+8, yunwang's default local zone.
    public static let chinaStandard = CELTimeZone.fixed(seconds: 8 * 3600)

    /// Parses `UTC`, `+08:00`, `-02:30`, `02:00` or an IANA name such as `Asia/Shanghai`.
    public static func parse(_ s: String) -> CELTimeZone? {
        if s == "UTC" || s == "Z" { return .utc }
        let b = Array(s.utf8)
        var i = 0
        var sign = 1
        if let f = b.first, f == 43 || f == 45 { sign = f == 45 ? -1 : 1; i = 1 }
        if b.count - i == 5, b[i + 2] == 58,
           let h = Int(String(decoding: b[i..<i + 2], as: UTF8.self)),
           let m = Int(String(decoding: b[i + 3..<i + 5], as: UTF8.self)),
           b[i..<i + 2].allSatisfy({ $0 >= 48 && $0 <= 57 }), b[i + 3..<i + 5].allSatisfy({ $0 >= 48 && $0 <= 57 }),
           h < 24, m < 60 {
            return .fixed(seconds: sign * (h * 3600 + m * 60))
        }
        if let tz = TimeZone(identifier: s) { return .named(tz) }
        return nil
    }

    func offset(at seconds: Int64) -> Int64 {
        switch self {
        case .fixed(let s): return Int64(s)
        case .named(let tz): return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        }
    }

    /// Unix seconds for a local civil time in this zone.
    func unixSeconds(localSeconds: Int64) -> Int64 {
        switch self {
        case .fixed(let s): return localSeconds - Int64(s)
        case .named:
            let guess = localSeconds - offset(at: localSeconds)
            return localSeconds - offset(at: guess)
        }
    }
}

/// Calendar fields of a timestamp in a zone.
struct CivilTime {
    var year: Int64, month: Int64, day: Int64  // month 1...12, day 1...31
    var hour: Int64, minute: Int64, second: Int64
    var dayOfWeek: Int64  // 0 = Sunday
    var dayOfYear: Int64  // 0-based
    var secondOfDay: Int64

    init(_ t: Timestamp, _ zone: CELTimeZone) {
        let local = t.seconds + zone.offset(at: t.seconds)
        let (days, sod) = floorDivMod(local, 86_400)
        (year, month, day) = civilFromDays(days)
        secondOfDay = sod
        hour = sod / 3600; minute = sod / 60 % 60; second = sod % 60
        dayOfWeek = floorDivMod(days + 4, 7).1
        dayOfYear = days - daysFromCivil(year, 1, 1)
    }
}

@inline(__always)
func floorDivMod(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    var q = a / b, r = a % b
    if r != 0, (r < 0) != (b < 0) { q -= 1; r += b }
    return (q, r)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
func daysFromCivil(_ y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
}

func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
    switch m {
    case 2: return isLeap(y) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Nine-digit nanosecond fraction without trailing zeros.
func trimmedFraction(_ nanos: Int64) -> String {
    var s = pad(nanos, 9)
    while s.hasSuffix("0") { s.removeLast() }
    return s
}
