import ArgumentParser
import Foundation
import Inventory

/// `--as-of DATE | --quarter YYYYQn` (DESIGN §4): the evaluation date.
struct DateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("评估日期，today 为 --tz 时区的今天（默认取台账的 as_of）/ evaluation date; today is the date in --tz (default: the inventory's as_of)", valueName: "YYYY-MM-DD|today"))
    var asOf: String?

    @Option(help: ArgumentHelp("--as-of today 所用时区：+08:00、UTC-5 或 Asia/Shanghai（默认 UTC+8）/ the time zone of --as-of today (default UTC+8)", valueName: "zone"))
    var tz: String?

    @Option(help: ArgumentHelp("按季度评估，日期为季度末，如 2026Q3 = 2026-09-30 / evaluate as of a quarter's last day", valueName: "YYYYQn"))
    var quarter: String?

    func validate() throws {
        if asOf != nil && quarter != nil {
            throw ValidationError("--as-of 与 --quarter 只能用一个 / use either --as-of or --quarter")
        }
        if let tz, ZoneOffset(tz) == nil {
            throw ValidationError("--tz 须为 +08:00、UTC-5 或 Asia/Shanghai 这样的时区 / --tz must be a zone such as +08:00, UTC-5 or Asia/Shanghai: \(tz)")
        }
        if tz != nil && asOf != "today" {
            throw ValidationError("--tz 只用于 --as-of today / --tz only applies to --as-of today")
        }
        if let asOf, asOf != "today", Day(asOf) == nil {
            throw ValidationError("--as-of 须为有效日期 YYYY-MM-DD / --as-of must be a valid date YYYY-MM-DD: \(asOf)")
        }
        if let quarter, Self.quarterEnd(quarter) == nil {
            throw ValidationError("--quarter 须写成 2026Q3 这样 / --quarter must look like 2026Q3: \(quarter)")
        }
        if let day = asOfDay ?? quarter.flatMap(Self.quarterEnd), !Day.supportedYears.contains(day.year) {
            throw ValidationError("评估日期须在 1900 至 2999 年之间 / the evaluation date must be within the years 1900–2999: \(asOf ?? quarter ?? "")")
        }
    }

    static func quarterEnd(_ text: String) -> Day? {
        let parts = text.uppercased().split(separator: "Q")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let q = Int(parts[1]), (1...4).contains(q) else { return nil }
        let month = q * 3
        return Day(year: year, month: month, day: Day.daysIn(year: year, month: month))
    }

    /// `--as-of` as a date: `today` is the current date in `--tz` (UTC+8 by default).
    var asOfDay: Day? {
        guard let asOf else { return nil }
        if asOf == "today" { return Day.of(Date(), offset: tz.flatMap { ZoneOffset($0) } ?? .beijing) }
        return Day(asOf)
    }

    /// The date to evaluate at: the flag, else the inventory's `as_of`.
    func resolve(_ inventory: Inventory) throws -> Day {
        if let d = asOfDay { return d }
        if let quarter, let d = Self.quarterEnd(quarter) { return d }
        if let d = inventory.asOf { return d }
        throw CommandFailure(code: 2, message: "\(inventory.location(of: inventory.header).description): 错误: 没有评估日期：请在 inventory: 中写 as_of，或用 --as-of / --quarter / error: no evaluation date: set inventory.as_of or pass --as-of / --quarter")
    }
}
