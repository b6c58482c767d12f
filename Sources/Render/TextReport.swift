import Diagnostics
import Policy

/// `check --format text`: findings grouped by severity with file:line, for a
/// person at a terminal (colour only when asked, i.e. on a terminal).
public enum TextReport {
    public static func render(_ result: CheckResult, language: Language, color: Bool) -> String {
        let zh = language == .zh
        func paint(_ s: String, _ code: String) -> String { color ? Printable.paint(s, code) : s }
        let colors: [Severity: String] = [.high: "1;31", .medium: "33", .low: "36", .info: "2"]
        var out: [String] = []
        out.append(zh ? "\(result.inventoryName)（区划 \(result.region)，\(Vocabulary.value(result.level, .zh))）评估日期 \(result.asOf)"
                      : "\(result.inventoryName) (region \(result.region), \(result.level)) as of \(result.asOf)")
        // With --baseline, open findings outside it come first, in their own group (DESIGN §9).
        let isNew: (Finding) -> Bool = { $0.status == .open && $0.baseline == .new }
        let fresh = result.findings.filter(isNew)
        let newGroup: [(String, [Finding])] = result.baselineApplied
            ? [(paint(zh ? "基线外新增" : "new (not in the baseline)", "1;31"), fresh)] : []
        let groups: [(String, [Finding])] = newGroup + Severity.allCases.map { s in
            (paint(zh ? "\(s.label.zh)风险" : "\(s.label.en) severity", colors[s] ?? "0"), result.findings.filter { $0.status == .open && $0.severity == s && !isNew($0) })
        } + [
            (paint(zh ? "即将到期" : "due soon", "35"), result.findings.filter { $0.status == .dueSoon }),
            (paint(zh ? "已豁免" : "waived", "2"), result.findings.filter { $0.status == .waived }),
        ]
        for (label, findings) in groups where !findings.isEmpty {
            out.append("")
            out.append("\(label) (\(findings.count))")
            for f in findings {
                let mark = isNew(f) ? (zh ? " [新增·\(f.severity.label.zh)]" : " [new, \(f.severity.rawValue)]") : ""
                out.append("  \(f.location.description): \(paint(f.rule, "1")) \(f.target)\(mark)")
                out.append("    \(Printable.escape(f.message.text(language), keepingLines: false))")
                let cite = "\(f.citation.document) \(f.citation.article)"
                out.append(zh ? "    依据：\(cite)" : "    source: \(cite)")
                for line in AuditFacts.lines(f, asOf: result.asOf, language: language, remediation: false) {
                    out.append("    " + AuditFacts.join(line, language: language))
                }
                if f.status == .waived, let w = f.waiver {
                    out.append(zh ? "    豁免：\(w.reason)（\(w.approvedBy)，\(w.approval)，至 \(w.expires)）" : "    waived: \(w.reason) (\(w.approvedBy), \(w.approval), until \(w.expires))")
                }
            }
        }
        let s = result.summary
        let counts = Severity.allCases.map { zh ? "\($0.label.zh) \(s.bySeverity[$0] ?? 0)" : "\($0.rawValue) \(s.bySeverity[$0] ?? 0)" }
        out.append("")
        if let n = result.newCount {
            out.append(zh ? "基线外新增 \(n) 条，基线内 \(s.open - n) 条" : "\(n) open not in the baseline, \(s.open - n) in it")
        }
        out.append(zh ? "合计：未整改 \(s.open)（\(counts.joined(separator: "，"))），已逾期 \(s.overdue)，即将到期 \(s.dueSoon)，已豁免 \(s.waived)；检查规则 \(result.rules.count) 条"
                      : "total: \(s.open) open (\(counts.joined(separator: ", "))), \(s.overdue) overdue, \(s.dueSoon) due soon, \(s.waived) waived; \(result.rules.count) rules checked")
        // Values from the inventory reach a terminal or a CI log: control characters
        // are escaped here, once, for every line (the colours of `paint` are kept).
        return Printable.escape(out.joined(separator: "\n"), colors: color)
    }
}
