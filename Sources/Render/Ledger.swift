import Diagnostics
import Foundation
import Inventory
import Policy
import Spreadsheet

/// `check --format xlsx`: the rectification ledger (整改台账, DESIGN §10) auditors read and
/// send on to units: 汇总 (by unit and severity, the rows of the report's per-unit table),
/// 问题清单 (every finding with its owner, first seen, deadline and overdue mark of the audit
/// cycle), 豁免 (waivers), 计划任务 (plan deadlines), 整改 (rectification orders and where each
/// stands). Every table has a
/// frozen header and an autofilter; dates are date cells; severities are coloured and
/// overdue deadlines highlighted. The created time is the as-of date: same input, same bytes.
public enum Ledger {
    static let fills: [Severity: UInt32] = [.high: 0xF8CBAD, .medium: 0xFFE699, .low: 0xDDEBF7, .info: 0xEDEDED]
    static let overdue = CellStyle(bold: true, fill: 0xFFC7CE, font: 0x9C0006, numberFormat: "yyyy-mm-dd")
    static let overdueText = CellStyle(bold: true, fill: 0xFFC7CE, font: 0x9C0006)

    public static let sheetNames: [Localized] = [
        Localized(zh: "汇总", en: "summary"), Localized(zh: "问题清单", en: "findings"),
        Localized(zh: "豁免", en: "waivers"), Localized(zh: "计划任务", en: "plan tasks"),
        Localized(zh: "整改", en: "rectifications"),
    ]

    public static func workbook(_ result: CheckResult, inventory: Inventory, language: Language) throws(SheetError) -> Data {
        let book = try XLSXWorkbook(created: result.asOf)
        let l = { (zh: String, en: String) in language == .zh ? zh : en }
        summary(book.addSheet(sheetNames[0].text(language)), result, inventory, language, l)
        findings(book.addSheet(sheetNames[1].text(language)), result, inventory, language, l)
        waivers(book.addSheet(sheetNames[2].text(language)), result, inventory, language, l)
        tasks(book.addSheet(sheetNames[3].text(language)), result, inventory, language, l)
        rectifications(book.addSheet(sheetNames[4].text(language)), result, inventory, language, l)
        return try book.finish()
    }

    /// Columns: a header, a width in characters (a Chinese character is two), and how to write a cell.
    struct Column<Row> {
        var header: String
        var width: Double
        var write: (XLSXSheet, Int, Int, Row) -> Void
    }

    static func table<Row>(_ s: XLSXSheet, _ columns: [Column<Row>], _ rows: [Row]) {
        for (i, c) in columns.enumerated() { s.width(i, i, c.width) }
        s.freezeHeader()
        for (i, c) in columns.enumerated() { s.write(0, i, c.header, .header) }
        for (r, row) in rows.enumerated() {
            for (i, c) in columns.enumerated() { c.write(s, r + 1, i, row) }
        }
        s.autofilter(lastRow: max(rows.count, 1), lastColumn: columns.count - 1)
    }

    static func text<Row>(_ header: String, _ width: Double, wrap: Bool = false, _ value: @escaping (Row) -> String) -> Column<Row> {
        Column(header: header, width: width) { s, r, c, row in s.write(r, c, value(row), wrap ? .wrapped : .plain) }
    }

    static func number<Row>(_ header: String, _ width: Double, _ value: @escaping (Row) -> Int) -> Column<Row> {
        Column(header: header, width: width) { s, r, c, row in s.write(r, c, number: Double(value(row))) }
    }

    // MARK: 汇总

    struct UnitCount {
        var id = "", name = ""
        var open = 0, high = 0, medium = 0, low = 0, info = 0, dueSoon = 0, waived = 0, overdue = 0
    }

    /// Per unit as the report's table counts them, then the findings of no unit, then the total.
    static func unitCounts(_ result: CheckResult, _ inventory: Inventory, _ l: (String, String) -> String) -> [UnitCount] {
        var byUnit: [String: UnitCount] = [:]
        var none = UnitCount(id: "", name: l("（无所属单位）", "(no unit)"))
        var total = UnitCount(id: "", name: l("合计", "total"))
        func add(_ f: Finding, _ c: inout UnitCount) {
            if f.overdue { c.overdue += 1 }
            switch f.status {
            case .open:
                c.open += 1
                switch f.severity {
                case .high: c.high += 1
                case .medium: c.medium += 1
                case .low: c.low += 1
                case .info: c.info += 1
                }
            case .dueSoon: c.dueSoon += 1
            case .waived: c.waived += 1
            }
        }
        for f in result.findings {
            add(f, &total)
            if let u = ReportContext.unitID(of: f, inventory: inventory) {
                add(f, &byUnit[u, default: UnitCount(id: u, name: inventory.object(.unit, id: u)?.name ?? u)])
            } else {
                add(f, &none)
            }
        }
        var rows: [UnitCount] = []
        var listed = Set<String>()
        for unit in inventory.objects(.unit) {
            guard let id = unit.id, let c = byUnit[id] else { continue }
            rows.append(c)
            listed.insert(id)
        }
        // A finding's unit that is not in `units:` (cannot happen after validation, but kept).
        for (id, c) in byUnit.sorted(by: { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }) where !listed.contains(id) {
            rows.append(c)
        }
        if none.open + none.dueSoon + none.waived > 0 { rows.append(none) }
        rows.append(total)
        return rows
    }

    static func summary(_ s: XLSXSheet, _ result: CheckResult, _ inventory: Inventory, _ language: Language, _ l: @escaping (String, String) -> String) {
        let columns: [Column<UnitCount>] = [
            text(l("单位编号", "unit id"), 16) { $0.id },
            text(l("单位名称", "unit name"), 36) { $0.name },
            number(l("未整改", "open"), 9) { $0.open },
            number(l("高", "high"), 7) { $0.high },
            number(l("中", "medium"), 7) { $0.medium },
            number(l("低", "low"), 7) { $0.low },
            number(l("提示", "info"), 7) { $0.info },
            number(l("即将到期", "due soon"), 10) { $0.dueSoon },
            number(l("已豁免", "waived"), 9) { $0.waived },
            Column(header: l("逾期", "overdue"), width: 7) { s, r, c, row in
                s.write(r, c, number: Double(row.overdue), row.overdue > 0 ? overdueText : .plain)
            },
        ]
        table(s, columns, unitCounts(result, inventory, l))
    }

    // MARK: 问题清单

    static func findings(_ s: XLSXSheet, _ result: CheckResult, _ inventory: Inventory, _ language: Language, _ l: @escaping (String, String) -> String) {
        let unitNames = Dictionary(inventory.objects(.unit).compactMap { u in u.id.map { ($0, u.name ?? $0) } }, uniquingKeysWith: { a, _ in a })
        typealias Row = (finding: Finding, unit: String?)
        let columns: [Column<Row>] = [
            text(l("单位编号", "unit id"), 14) { $0.unit ?? "" },
            text(l("单位名称", "unit name"), 30) { $0.unit.flatMap { unitNames[$0] } ?? "" },
            text(l("对象类型", "object kind"), 10) { Kind(rawValue: $0.finding.targetKind).map { k in l(k.name.zh, k.name.en) } ?? $0.finding.targetKind },
            text(l("对象编号", "object id"), 20) { $0.finding.targetID },
            text(l("规则", "rule"), 16) { $0.finding.rule },
            text(l("规则标题", "rule title"), 30, wrap: true) { $0.finding.title.text(language) },
            Column(header: l("严重程度", "severity"), width: 9) { s, r, c, row in
                s.write(r, c, row.finding.severity.label.text(language), CellStyle(fill: fills[row.finding.severity]))
            },
            text(l("状态", "status"), 9) { CSV.status($0.finding.status).text(language) },
            text(l("问题描述", "message"), 50, wrap: true) { $0.finding.message.text(language) },
            text(l("整改建议", "remediation"), 40, wrap: true) { $0.finding.remediation?.text(language) ?? "" },
            text(l("依据文件", "document"), 24) { $0.finding.citation.document },
            text(l("条款", "article"), 16) { $0.finding.citation.article },
            text(l("责任单位", "owner unit"), 30) { $0.finding.owner?.unitName ?? "" },
            text(l("责任人", "owner"), 10) { $0.finding.rectification?.owner ?? $0.finding.owner?.opsLead ?? "" },
            Column(header: l("首次发现", "first seen"), width: 12) { s, r, c, row in
                if let d = row.finding.firstSeen { s.write(r, c, date: d) }
            },
            Column(header: l("整改期限", "rectify by"), width: 12) { s, r, c, row in
                if let d = row.finding.rectifyBy { s.write(r, c, date: d, row.finding.overdue ? overdue : .date) }
            },
            Column(header: l("逾期", "overdue"), width: 7) { s, r, c, row in
                if row.finding.overdue { s.write(r, c, l("是", "yes"), overdueText) }
            },
            text(l("整改通知", "rectification order"), 22) { $0.finding.rectification?.order ?? "" },
            text(l("豁免理由", "waiver reason"), 24, wrap: true) { $0.finding.waiver?.reason ?? "" },
            text(l("位置", "location"), 28) { $0.finding.location.description },
            text(l("指纹", "fingerprint"), 20) { $0.finding.fingerprint },
        ]
        table(s, columns, result.findings.map { ($0, ReportContext.unitID(of: $0, inventory: inventory)) })
    }

    // MARK: 豁免

    static func waivers(_ s: XLSXSheet, _ result: CheckResult, _ inventory: Inventory, _ language: Language, _ l: @escaping (String, String) -> String) {
        typealias Row = [String: Any]
        func field(_ key: String) -> (Row) -> String { { $0[key] as? String ?? "" } }
        let columns: [Column<Row>] = [
            text(l("规则", "rule"), 16, field("rule")),
            text(l("豁免对象", "target"), 26, field("target")),
            text(l("豁免理由", "reason"), 36, wrap: true, field("reason")),
            text(l("批准人", "approved by"), 12, field("approvedBy")),
            text(l("批准文号", "approval"), 22, field("approval")),
            Column(header: l("到期日期", "expires"), width: 12) { s, r, c, row in
                guard let day = (row["expires"] as? String).flatMap(Day.init) else { return }
                s.write(r, c, date: day, (row["state"] as? String) == "expired" ? overdue : .date)
            },
            text(l("状态", "state"), 10, field("stateLabel")),
            number(l("豁免问题数", "findings waived"), 11) { $0["waived"] as? Int ?? 0 },
            text(l("位置", "location"), 28, field("location")),
        ]
        table(s, columns, ReportContext.waivers(result, inventory: inventory, language: language))
    }

    // MARK: 计划任务

    static func tasks(_ s: XLSXSheet, _ result: CheckResult, _ inventory: Inventory, _ language: Language, _ l: @escaping (String, String) -> String) {
        let asOf = result.asOf
        let columns: [Column<Finding>] = [
            text(l("计划", "plan"), 14) { String($0.targetID.split(separator: "/").first ?? "") },
            number(l("序号", "no"), 7) { Int($0.targetID.split(separator: "/").last ?? "") ?? 0 },
            text(l("任务", "task"), 60, wrap: true) { $0.message.text(language) },
            Column(header: l("严重程度", "severity"), width: 9) { s, r, c, f in
                s.write(r, c, f.severity.label.text(language), CellStyle(fill: fills[f.severity]))
            },
            text(l("状态", "status"), 9) { CSV.status($0.status).text(language) },
            Column(header: l("期限", "deadline"), width: 12) { s, r, c, f in
                guard let due = f.due else { return }
                s.write(r, c, date: due, f.status == .open && due < asOf ? overdue : .date)
            },
            text(l("依据", "citation"), 30) { "\($0.citation.document) \($0.citation.article)" },
            text(l("位置", "location"), 28) { $0.location.description },
        ]
        table(s, columns, result.findings.filter { $0.rule == PlanRules.deadline })
    }

    // MARK: 整改

    /// Every rectification order and where it stands on the as-of date.
    static func rectifications(_ s: XLSXSheet, _ result: CheckResult, _ inventory: Inventory, _ language: Language, _ l: @escaping (String, String) -> String) {
        let asOf = result.asOf
        // Findings by "rule@kind/id": one pass, not one per order.
        var open: [String: Finding] = [:]
        for f in result.findings where f.status != .waived && f.rule != AuditCycle.notFixed && f.rule != AuditCycle.unused {
            open["\(f.rule)@\(f.target)"] = open["\(f.rule)@\(f.target)"] ?? f
        }
        struct Row {
            var object: Object
            var state: String
            var late: Bool
        }
        let rows = inventory.objects(.rectification).map { o -> Row in
            let key = "\(o["rule"]?.string ?? "")@\(o["target"]?.string ?? "")"
            let due = o["due"]?.date
            let closed = o["closed"]?.date.flatMap { $0 <= asOf ? $0 : nil }
            let late = closed == nil && (due.map { $0 < asOf } ?? false)
            let state: String
            switch (open[key] != nil, closed != nil) {
            case (true, true): state = l("报告已整改但问题仍在", "reported fixed, still found")
            case (true, false): state = late ? l("逾期未整改", "overdue") : l("整改中", "in progress")
            case (false, true): state = l("已整改", "fixed")
            case (false, false): state = l("无对应问题，可关闭", "no finding, can be closed")
            }
            return Row(object: o, state: state, late: late && open[key] != nil)
        }
        func date(_ header: String, _ key: String, late: Bool = false) -> Column<Row> {
            Column(header: header, width: 12) { s, r, c, row in
                if let d = row.object[key]?.date { s.write(r, c, date: d, late && row.late ? overdue : .date) }
            }
        }
        let columns: [Column<Row>] = [
            text(l("规则", "rule"), 16) { $0.object["rule"]?.string ?? "" },
            text(l("整改对象", "target"), 26) { $0.object["target"]?.string ?? "" },
            text(l("整改通知文号", "order"), 22) { $0.object["order"]?.string ?? "" },
            date(l("下发日期", "issued"), "issued"),
            date(l("整改时限", "due"), "due", late: true),
            text(l("整改责任人", "owner"), 12) { $0.object["owner"]?.string ?? "" },
            date(l("整改完成日期", "closed"), "closed"),
            Column(header: l("状态", "state"), width: 20) { s, r, c, row in
                s.write(r, c, row.state, row.late ? overdueText : .plain)
            },
            text(l("备注", "note"), 30, wrap: true) { $0.object["note"]?.string ?? "" },
            text(l("位置", "location"), 28) { inventory.location(of: $0.object).description },
        ]
        table(s, columns, rows)
    }
}
