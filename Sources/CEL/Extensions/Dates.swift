// yunwang date extensions: `date('YYYY-MM-DD')` and `t.addMonths(n)`, both in a
// configurable default zone (UTC+8 unless the options say otherwise).

enum Dates {
    static func register(into t: inout FunctionTable, zone: CELTimeZone) {
        t.global("date", .unary { v in date(v, zone) })
        t.global("date", .binary { v, z in
            guard case .string(let name) = z else { return .error(.noOverload("date", v, z)) }
            guard let zone = CELTimeZone.parse(name) else { return .error("unknown time zone '\(name)'") }
            return date(v, zone)
        })
        t.member("addMonths", .binary { v, n in addMonths(v, n, zone) })
    }

    /// `date('2026-09-30')` → the timestamp of 00:00 that day in `zone`.
    static func date(_ v: Value, _ zone: CELTimeZone) -> Value {
        guard case .string(let s) = v else { return .error(.noOverload("date", v)) }
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == 45, b[7] == 45,
              let y = Int64(String(decoding: b[0..<4], as: UTF8.self)),
              let m = Int64(String(decoding: b[5..<7], as: UTF8.self)),
              let d = Int64(String(decoding: b[8..<10], as: UTF8.self)),
              b[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }),
              y >= 1, m >= 1, m <= 12, d >= 1, d <= daysInMonth(y, m)
        else { return .error("invalid date '\(s)': expected a real calendar date YYYY-MM-DD") }
        let local = daysFromCivil(y, m, d) * 86_400
        guard let t = Timestamp(seconds: zone.unixSeconds(localSeconds: local)) else {
            return .error("date '\(s)' out of range")
        }
        return .timestamp(t)
    }

    /// Calendar months in `zone`, the day clamped to the end of the target month:
    /// 2024-01-31 + 1 month = 2024-02-29.
    static func addMonths(_ v: Value, _ n: Value, _ zone: CELTimeZone) -> Value {
        guard case .timestamp(let t) = v, case .int(let months) = n else { return .error(.noOverload("addMonths", v, n)) }
        guard months > -120_000, months < 120_000 else { return .error("timestamp out of range") }
        let c = CivilTime(t, zone)
        let total = c.year * 12 + (c.month - 1) + months
        let (y, m0) = floorDivMod(total, 12)
        let m = m0 + 1
        guard y >= 1, y <= 9999 else { return .error("timestamp out of range") }
        let d = min(c.day, daysInMonth(y, m))
        let local = daysFromCivil(y, m, d) * 86_400 + c.secondOfDay
        guard let r = Timestamp(seconds: zone.unixSeconds(localSeconds: local), nanos: t.nanos) else {
            return .error("timestamp out of range")
        }
        return .timestamp(r)
    }
}
