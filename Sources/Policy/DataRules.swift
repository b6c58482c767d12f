import Diagnostics
import Inventory

/// `DATA-FUTURE-DATE` (issue #16 A4): an object recording a fact dated after the as-of day.
/// Rules read such a date as absent (see `Bridge.isFuture`), so a later-dated scan does not
/// count as done; this finding says why, so that the date is corrected or the run's as-of is.
public struct DataRules: Sendable {
    public static let futureDate = "DATA-FUTURE-DATE"
    public static let title = Localized(zh: "日期晚于评估日期", en: "Date after the as-of day")

    static let citation = Citation(
        document: "云网数据规则 / yunwang data rules", title: "docs/check.md", article: "DATA-FUTURE-DATE",
        quote: "晚于评估日期的日期尚未发生：规则不把它视为已完成。")

    public init() {}

    public func findings(_ inventory: Inventory, options: CheckOptions) -> [Finding] {
        FutureDates.scan(inventory, asOf: options.asOf).map { kind, index, hits in
            let object = inventory.objects(kind)[index]
            let (targetKind, id) = Evaluation.target(of: object, in: inventory)
            // Fields by their labels (最后使用日期 2026-10-01), so a zh message has no field keys.
            func named(_ zh: Bool) -> String {
                hits.map { hit in
                    let label = Schema.label(kind: kind, path: hit.path).map { zh ? $0.zh : $0.en } ?? hit.path
                    return "\(label) \(hit.date)"
                }.joined(separator: zh ? "、" : ", ")
            }
            let list = hits.map { "\($0.path)=\($0.date)" }.joined(separator: "、")
            let kindName = kind.name
            var f = Finding(
                rule: Self.futureDate, title: Self.title, severity: .info, status: .open,
                targetKind: targetKind, targetID: id,
                message: Localized(zh: "\(kindName.zh) \(id) 的\(named(true)) 晚于评估日期 \(options.asOf)：截至该日尚未发生，规则不把它视为已完成",
                                   en: "\(kindName.en) \(id) has \(named(false)), after the as-of day \(options.asOf): not yet happened as of that day, so no rule counts it as done"),
                remediation: Localized(zh: "核对并更正该日期（录入错误），或以 --as-of 选择该日期之后的评估日期。",
                                       en: "Check and correct the date (a typing error), or run with an --as-of on or after it."),
                location: inventory.location(of: object, field: hits[0].path), citation: Self.citation,
                due: nil, waiver: nil, unit: object.kind == .unit ? object.id : object["unit"]?.string)
            f.detail = list
            return f
        }
    }
}
