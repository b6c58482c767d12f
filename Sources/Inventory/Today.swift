import Foundation

/// `--as-of today` and `--tz`: the date of an instant in a time zone. Chinese government
/// work runs on Beijing time, so the default zone is UTC+8 whatever the machine's TZ is
/// (CI runners are usually on UTC, where "today" starts 8 hours late).
public struct ZoneOffset: Sendable, Equatable, CustomStringConvertible {
    /// Seconds east of UTC.
    public var seconds: Int

    public static let beijing = ZoneOffset(seconds: 8 * 3600)

    public init(seconds: Int) {
        self.seconds = seconds
    }

    /// `+08:00`, `+8`, `-05:30`, `UTC+8`, `UTC`, `Z`, or an IANA name such as
    /// `Asia/Shanghai` (its offset at `instant`); nil when it is none of these.
    public init?(_ text: String, at instant: Date = Date()) {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t == "Z" || t.uppercased() == "UTC" || t.uppercased() == "GMT" {
            self.init(seconds: 0)
            return
        }
        for prefix in ["UTC", "GMT", "utc", "gmt"] where t.hasPrefix(prefix) {
            t.removeFirst(prefix.count)
        }
        if let sign = t.first, sign == "+" || sign == "-" {
            let parts = t.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let h = Int(parts[0]), (0...14).contains(h), parts[0].count <= 2 else { return nil }
            var m = 0
            if parts.count == 2 {
                guard parts[1].count == 2, let mm = Int(parts[1]), (0..<60).contains(mm) else { return nil }
                m = mm
            }
            self.init(seconds: (sign == "-" ? -1 : 1) * (h * 3600 + m * 60))
            return
        }
        guard text.contains("/"), let zone = TimeZone(identifier: text) else { return nil }
        self.init(seconds: zone.secondsFromGMT(for: instant))
    }

    public var description: String {
        let sign = seconds < 0 ? "-" : "+"
        let s = abs(seconds)
        let h = s / 3600, m = (s % 3600) / 60
        return "UTC\(sign)\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }
}

extension Day {
    /// The calendar date of `instant` at `offset` east of UTC.
    public static func of(_ instant: Date, offset: ZoneOffset) -> Day {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + offset.seconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return Day(daysSinceEpoch: days)
    }
}
