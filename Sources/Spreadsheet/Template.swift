import Diagnostics
import Foundation
import Inventory

/// `yunwang template`: the workbook units fill in (DESIGN §10), generated from the field
/// table (`SheetLayout.columns`, the same rows `yunwang schema` reads): an instructions
/// sheet (说明), then one sheet per kind with the Chinese labels as headers, the field key
/// in each header's note, drop-downs for enums and booleans, date formats, a frozen header.
public enum Template {
    /// Rows a drop-down or a format covers (all of Excel's rows below the header).
    static let lastRow = 1_048_575

    public static func workbook(created: Day) throws(SheetError) -> Data {
        let book = try XLSXWorkbook(created: created)
        writeInstructions(book.addSheet(SheetLayout.instructions.zh))
        for kind in SheetLayout.kinds { writeSheet(book.addSheet(SheetLayout.sheetName(kind).zh), kind) }
        return try book.finish()
    }

    static func writeInstructions(_ s: XLSXSheet) {
        let headers = ["工作表 sheet", "列名 column", "键 key", "必填 required", "含义 meaning", "可选值 values", "示例 example"]
        let widths: [Double] = [12, 18, 26, 10, 60, 48, 28]
        for (i, w) in widths.enumerated() { s.width(i, i, w, .wrapped) }
        s.freezeHeader()
        var row = 0
        for (i, h) in headers.enumerated() { s.write(row, i, h, .header) }
        row += 1
        let notes = [
            "每张工作表对应台账的一类对象，第一行是列名（也可写键名，如 mlps.level），列的顺序不限；以 x- 开头的列原样保留。",
            "Each sheet holds one kind of object; row 1 holds the column names (the key, such as mlps.level, works too), in any order; columns starting with x- are kept as they are.",
            "日期写成 2026-09-30 或设为日期格式；是/否 列填 是 或 否；多个值用 、 或 , 分隔；留空表示没有。",
            "Dates as 2026-09-30 or date cells; yes/no columns take 是 or 否; several values are separated by 、 or a comma; an empty cell means none.",
            "填好后：yunwang import 本文件.xlsx --output 台账目录/，再 yunwang check 台账目录/。",
            "Then: yunwang import this.xlsx --output inventory/, and yunwang check inventory/.",
        ]
        for n in notes {
            s.write(row, 0, n)
            row += 1
        }
        row += 1
        for kind in SheetLayout.kinds {
            let sheet = SheetLayout.sheetName(kind)
            for c in SheetLayout.columns(kind) {
                s.write(row, 0, sheet.zh)
                s.write(row, 1, "\(c.label.zh)\n\(c.label.en)", .wrapped)
                s.write(row, 2, c.path)
                s.write(row, 3, c.required ? "是 yes" : "")
                s.write(row, 4, "\(c.field.doc.zh)\n\(c.field.doc.en)", .wrapped)
                if let choices = c.field.choices {
                    s.write(row, 5, choices.map { "\(c.field.valueLabel($0).zh) (\($0))" }.joined(separator: "、"), .wrapped)
                } else if case .bool = c.field.type {
                    s.write(row, 5, "是、否")
                }
                s.write(row, 6, example(c))
                row += 1
            }
        }
    }

    static func writeSheet(_ s: XLSXSheet, _ kind: Kind) {
        let columns = SheetLayout.columns(kind)
        s.freezeHeader()
        for (i, c) in columns.enumerated() {
            s.width(i, i, width(c), style(c.field))
        }
        for (i, c) in columns.enumerated() {
            s.write(0, i, c.label.zh, .header)
            var note = "\(c.path)\(c.required ? "（必填 required）" : "")\n\(c.field.doc.zh)"
            if let choices = c.field.choices {
                note += "\n" + choices.map { "\(c.field.valueLabel($0).zh) = \($0)" }.joined(separator: "\n")
            }
            s.comment(0, i, note)
            if let v = validation(c.field) {
                s.validate(rows: 1...lastRow, column: i, v, title: c.label.zh, message: c.field.doc.zh)
            }
        }
    }

    static func validation(_ f: FieldSpec) -> XLSXSheet.Validation? {
        switch f.type {
        case .choice(let values): return .list(values.map { f.valueLabel($0).zh })
        case .bool: return .list([Labels.yes.zh, Labels.no.zh])
        case .date: return .date
        case .integer(let lo, let hi): return .wholeNumber(min: lo, max: hi)
        case .number(let lo, _): return .decimal(min: lo)
        default: return nil
        }
    }

    /// Dates as dates; codes, ids and addresses as text (so 150200 stays "150200").
    static func style(_ f: FieldSpec) -> CellStyle {
        switch f.type {
        case .date: return .date
        case .instant: return .dateTime
        case .string, .identifier, .region, .ip, .cidr, .mac, .reference, .target, .list: return .text
        default: return .plain
        }
    }

    /// A width that fits the label (a Chinese character is two wide) and a typical value.
    static func width(_ c: SheetColumn) -> Double {
        let label = c.label.zh.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
        let value: Int
        switch c.field.type {
        case .date: value = 12
        case .instant: value = 18
        case .bool: value = 6
        case .string: value = c.path.hasSuffix("name") ? 30 : 16
        case .list: value = 24
        default: value = 14
        }
        return Double(max(label + 2, value))
    }

    /// An example value by type.
    static func example(_ c: SheetColumn) -> String {
        switch c.field.type {
        case .identifier: return "bt-sjj"
        case .reference(let k): return k == .unit ? "bt-sjj" : "bt-\(k.rawValue.prefix(3))"
        case .region: return "150200"
        case .date: return "2026-09-30"
        case .instant: return "2026-09-21 10:00"
        case .bool: return "是"
        case .integer(let lo, _): return String(max(lo ?? 0, 1))
        case .number(let lo, _): return String(format: "%.2f", (lo ?? 0) + 0.42)
        case .choice(let values): return values.first.map { c.field.valueLabel($0).zh } ?? ""
        case .list(.choice(let values)): return values.prefix(2).map { c.field.valueLabel($0).zh }.joined(separator: "、")
        case .list(.cidr): return "10.15.2.0/24"
        case .list: return "甲、乙"
        case .ip: return "10.15.2.11"
        case .cidr: return "10.15.2.0/24"
        case .mac: return "00:1a:2b:3c:4d:5e"
        case .target: return "terminal/bt-sjj-0001"
        default: return ""
        }
    }
}
