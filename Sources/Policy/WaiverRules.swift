import Diagnostics
import Inventory

/// Waivers (DESIGN §2, issue #5): a matching, unexpired waiver turns its
/// finding to `waived`; an expired waiver waives nothing and is reported;
/// a waiver that matches nothing is reported (info); one expiring within
/// 30 days is reported (low).
public struct WaiverRules: Sendable {
    public static let expired = "WAIVER-EXPIRED"
    public static let unused = "WAIVER-UNUSED"
    public static let expiring = "WAIVER-EXPIRING"

    static let citation = Citation(
        document: "云网豁免规则 / yunwang waiver rules", title: "docs/decisions.md", article: "waivers",
        quote: "豁免须注明规则、对象、理由、批准人、批准文号和到期日；到期后不再豁免。")

    public init() {}

    public func apply(to findings: [Finding], inventory: Inventory, options: CheckOptions) -> [Finding] {
        var result = findings
        var index: [String: [Int]] = [:]
        for (i, f) in findings.enumerated() { index["\(f.rule) \(f.target)", default: []].append(i) }
        for waiver in inventory.objects(.waiver) {
            guard let rule = waiver["rule"]?.string, let target = waiver["target"]?.string,
                  let expires = waiver["expires"]?.date else { continue }
            let info = WaiverInfo(reason: waiver["reason"]?.string ?? "", approvedBy: waiver["approved_by"]?.string ?? "",
                                  approval: waiver["approval"]?.string ?? "", expires: expires, location: inventory.location(of: waiver))
            let matches = index["\(rule) \(target)"] ?? []
            let id = "\(rule)@\(target)"
            func report(_ ruleID: String, _ severity: Severity, _ title: Localized, _ message: Localized) {
                result.append(Finding(rule: ruleID, title: title, severity: severity, status: .open, targetKind: "waiver", targetID: id,
                                      message: message, remediation: Localized(zh: "续批、修正或删除该豁免", en: "Renew, correct or remove the waiver"),
                                      location: inventory.location(of: waiver, field: "expires"), citation: Self.citation,
                                      due: expires, waiver: info, unit: nil))
            }
            if expires < options.asOf {
                for i in matches { result[i].waiver = info }
                report(Self.expired, .medium, Localized(zh: "豁免已过期", en: "Expired waiver"),
                       Localized(zh: "\(target) 对规则 \(rule) 的豁免已于 \(expires) 到期，不再豁免", en: "the waiver of \(rule) for \(target) expired on \(expires) and no longer waives"))
                continue
            }
            if matches.isEmpty {
                report(Self.unused, .info, Localized(zh: "豁免未匹配任何问题", en: "Waiver matches no finding"),
                       Localized(zh: "\(target) 对规则 \(rule) 的豁免没有匹配到任何问题，可以删除", en: "the waiver of \(rule) for \(target) matches no finding and can be removed"))
            }
            for i in matches where result[i].status != .waived {
                result[i].status = .waived
                result[i].waiver = info
            }
            let daysLeft = expires.daysSinceEpoch - options.asOf.daysSinceEpoch
            if daysLeft <= options.waiverWarningDays {
                report(Self.expiring, .low, Localized(zh: "豁免即将到期", en: "Waiver expiring soon"),
                       Localized(zh: "\(target) 对规则 \(rule) 的豁免将于 \(expires) 到期（还剩 \(daysLeft) 天）", en: "the waiver of \(rule) for \(target) expires on \(expires), in \(daysLeft) days"))
            }
        }
        return result
    }
}
