import Diagnostics

/// Inventory schema v1 as spreadsheet sheets (DESIGN §10): which sheet holds which kind,
/// its columns (the leaf fields of the field table at dotted paths), and the mapping of
/// cells to schema-v1 YAML. File formats (xlsx, CSV) live in the Spreadsheet module;
/// this file only knows cells, so the template, the import and `schema` read one table.
public enum SheetLayout {
    /// Sheet names of DESIGN §10 (a kind without one uses its Chinese name).
    static let names: [Kind: Localized] = [
        .inventory: Localized(zh: "台账", en: "inventory"),
        .unit: Localized(zh: "单位", en: "units"),
        .terminal: Localized(zh: "终端", en: "terminals"),
        .system: Localized(zh: "信息系统", en: "systems"),
        .cloud: Localized(zh: "政务云", en: "clouds"),
        .datacenter: Localized(zh: "数据中心", en: "datacenters"),
        .exit: Localized(zh: "互联网出口", en: "exits"),
        .event: Localized(zh: "事件", en: "events"),
        .task: Localized(zh: "计划任务", en: "tasks"),
        .waiver: Localized(zh: "豁免", en: "waivers"),
        .rectification: Localized(zh: "整改", en: "rectifications"),
    ]

    /// The instructions sheet of the template; ignored by the import.
    public static let instructions = Localized(zh: "说明", en: "instructions")

    /// The kinds with a sheet, in schema order.
    public static var kinds: [Kind] { Kind.allCases }

    public static func sheetName(_ kind: Kind) -> Localized {
        names[kind] ?? Localized(zh: kind.name.zh, en: kind.key)
    }

    /// The kind of a sheet named by its Chinese name, its English name or its top-level key.
    public static func kind(forSheet name: String) -> Kind? {
        let n = name.trimmingSpaces
        return kinds.first { k in
            let s = sheetName(k)
            return n == s.zh || n == s.en || n == k.key || n == k.rawValue
        }
    }

    /// Every leaf field of `kind` at its dotted path, in field-table order (`.any` fields,
    /// such as `inventory.params`, have no column).
    public static func columns(_ kind: Kind) -> [SheetColumn] {
        var out: [SheetColumn] = []
        func walk(_ spec: ObjectSpec, _ prefix: String, _ required: Bool) {
            for f in spec.fields {
                switch f.type {
                case .object(let inner): walk(inner, prefix + f.name + ".", false)
                case .any: continue
                default: out.append(SheetColumn(path: prefix + f.name, field: f, required: required && f.required))
                }
            }
        }
        walk(Schema.spec(for: kind), "", true)
        return out
    }
}

/// One column of a sheet: a leaf field at a dotted path (`mlps.level`).
public struct SheetColumn: Sendable {
    public var path: String
    public var field: FieldSpec
    /// Required at the top level (a nested field is required only when its object is given).
    public var required: Bool

    public var label: Localized { field.label }
}

/// A cell's value as a spreadsheet stores it (empty cells are not given).
public enum CellValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case bool(Bool)
}

/// A cell as the import sees it: 0-based column, 1-based row, and its value.
public struct SheetCell: Sendable {
    public var column: Int
    public var value: CellValue

    public init(column: Int, value: CellValue) {
        self.column = column
        self.value = value
    }
}

/// A problem at a cell (`C12`) or a whole row (`12:12`) of a sheet.
public struct SheetProblem: Sendable, Hashable {
    public var row: Int
    /// 0-based column, nil for the whole row.
    public var column: Int?
    public var message: Localized

    public init(row: Int, column: Int?, message: Localized) {
        self.row = row
        self.column = column
        self.message = message
    }

    public var reference: String {
        guard let column else { return "\(row):\(row)" }
        return SheetProblem.columnName(column) + String(row)
    }

    /// `A`, …, `Z`, `AA`, … for a 0-based column index.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var s: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            s.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(s.reversed())
    }
}

/// Turns the rows of one sheet into a schema-v1 YAML file: header matching (label or
/// key, any order, `x-` columns kept), value conversion by field type, and for every line
/// written the cell it came from, so the loader's errors on the YAML can name the cell.
public struct SheetImporter {
    public let kind: Kind
    public private(set) var yaml = ""
    public private(set) var problems: [SheetProblem] = []
    public private(set) var rows = 0
    /// For each line of `yaml` (index = line - 1): row << 16 | (column + 1); 0 = none.
    private var lineCells: [UInt64] = []
    private var columns: [Int: Target] = [:]
    private var headerSeen = false
    private let layout: [SheetColumn]

    enum Target {
        case field(Int)
        case extra(String)
        case ignored
    }

    public init(kind: Kind, source: String) {
        self.kind = kind
        layout = SheetLayout.columns(kind)
        emit("# 由 yunwang import 自 \(source) 生成，请在表格中修改后重新导入 / generated by yunwang import from \(source)", cell: 0)
        emit(kind == .inventory ? "inventory:" : "\(kind.key):", cell: 0)
    }

    /// The cell a line of the YAML came from: (row, 0-based column or nil for the row).
    public func cell(ofLine n: Int) -> (row: Int, column: Int?)? {
        guard n >= 1, n <= lineCells.count, lineCells[n - 1] != 0 else { return nil }
        let v = lineCells[n - 1]
        let col = Int(v & 0xFFFF)
        return (Int(v >> 16), col == 0 ? nil : col - 1)
    }

    /// Reads the header row: each cell the Chinese or English label or the dotted key.
    public mutating func header(row: Int, _ cells: [SheetCell]) {
        headerSeen = true
        var seen: [Int: Int] = [:]
        for cell in cells {
            guard case .text(let raw) = cell.value else {
                problem(row, cell.column, "列标题应为文字（字段名称或键名）", "a column header must be text (a field label or key)")
                continue
            }
            let text = raw.trimmingSpaces
            if text.isEmpty { continue }
            if text.hasPrefix("x-") {
                columns[cell.column] = .extra(text)
                continue
            }
            guard let index = layout.firstIndex(where: { $0.path == text || $0.label.zh == text || $0.label.en == text }) else {
                let candidates = layout.map(\.label.zh) + layout.map(\.path)
                let hint = Diagnostic.suggestion(for: text, among: candidates).map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
                problem(row, cell.column, "未知列 “\(text)”\(hint.0)；以 x- 开头的列会原样保留", "unknown column '\(text)'\(hint.1); columns starting with x- are kept as they are")
                columns[cell.column] = .ignored
                continue
            }
            if let other = seen[index] {
                problem(row, cell.column, "列 “\(text)” 与 \(SheetProblem.columnName(other)) 列重复（\(layout[index].path)）", "column '\(text)' repeats column \(SheetProblem.columnName(other)) (\(layout[index].path))")
                columns[cell.column] = .ignored
                continue
            }
            seen[index] = cell.column
            columns[cell.column] = .field(index)
        }
        for (i, c) in layout.enumerated() where c.required && seen[i] == nil {
            problem(row, nil, "缺少必填列 “\(c.label.zh)”（\(c.path)）", "the required column '\(c.label.en)' (\(c.path)) is missing")
        }
    }

    /// One data row; a row with no value at all is skipped.
    public mutating func row(_ number: Int, _ cells: [SheetCell]) {
        var values: [(index: Int, column: Int, text: String)] = []
        var extras: [(key: String, column: Int, text: String)] = []
        var given = Set<Int>()
        for cell in cells {
            if case .text(let t) = cell.value, t.trimmingSpaces.isEmpty { continue }
            switch columns[cell.column] {
            case .field(let index)?:
                given.insert(index)
                switch Self.convert(cell.value, layout[index].field) {
                case .success(let text): values.append((index, cell.column, text))
                case .failure(let failure): problems.append(SheetProblem(row: number, column: cell.column, message: failure.message))
                }
            case .extra(let key)?:
                extras.append((key, cell.column, Self.quoted(Self.plainText(cell.value))))
            case .ignored?:
                continue
            case nil:
                problem(number, cell.column, "此列没有列标题", "this column has no header")
            }
        }
        if values.isEmpty && extras.isEmpty && given.isEmpty { return }
        rows += 1
        if kind == .inventory && rows > 1 {
            problem(number, nil, "“台账”表只能有一行数据", "the inventory sheet holds one row only")
            return
        }
        for (i, c) in layout.enumerated() where c.required && !given.contains(i) {
            let col = columns.first { if case .field(i) = $0.value { return true } else { return false } }?.key
            problem(number, col, "缺少必填字段 “\(c.label.zh)”（\(c.path)）", "the required field '\(c.label.en)' (\(c.path)) is empty")
        }
        values.sort { $0.index < $1.index }
        write(number, values, extras)
    }

    private mutating func write(_ row: Int, _ values: [(index: Int, column: Int, text: String)], _ extras: [(key: String, column: Int, text: String)]) {
        let base = kind == .inventory ? 2 : 4
        var first = kind != .inventory
        if first { emit("  # \(SheetLayout.sheetName(kind).zh)!\(row)", cell: UInt64(row) << 16) }
        var open: [Substring] = []
        func indent(_ depth: Int) -> String {
            if first {
                first = false
                return String(repeating: " ", count: base - 2) + "- " + String(repeating: " ", count: depth * 2)
            }
            return String(repeating: " ", count: base + depth * 2)
        }
        for v in values {
            let parts = layout[v.index].path.split(separator: ".")
            let parents = parts.dropLast()
            var common = 0
            while common < open.count, common < parents.count, open[common] == parents[parents.startIndex + common] { common += 1 }
            open.removeLast(open.count - common)
            let cell = UInt64(row) << 16 | UInt64(v.column + 1)
            while open.count < parents.count {
                let name = parents[parents.startIndex + open.count]
                emit(indent(open.count) + name + ":", cell: cell)
                open.append(name)
            }
            emit(indent(open.count) + String(parts[parts.count - 1]) + ": " + v.text, cell: cell)
        }
        for e in extras {
            emit(indent(0) + Self.quoted(e.key) + ": " + e.text, cell: UInt64(row) << 16 | UInt64(e.column + 1))
        }
    }

    private mutating func emit(_ text: String, cell: UInt64) {
        yaml += text
        yaml += "\n"
        lineCells.append(cell)
    }

    private mutating func problem(_ row: Int, _ column: Int?, _ zh: String, _ en: String) {
        problems.append(SheetProblem(row: row, column: column, message: Localized(zh: zh, en: en)))
    }

    /// The YAML text of a cell for a field, or why it cannot be one.
    static func convert(_ value: CellValue, _ field: FieldSpec) -> Result<String, CellFailure> {
        switch field.type {
        case .list(let element):
            let text = plainText(value)
            var items: [String] = []
            for part in text.split(whereSeparator: { $0 == "、" || $0 == "," || $0 == "，" || $0 == ";" || $0 == "；" || $0 == "\n" }) {
                let item = String(part).trimmingSpaces
                if item.isEmpty { continue }
                switch scalar(.text(item), element, field) {
                case .success(let t): items.append(t)
                case .failure(let e): return .failure(e)
                }
            }
            return .success("[" + items.joined(separator: ", ") + "]")
        default:
            return scalar(value, field.type, field)
        }
    }

    static func scalar(_ value: CellValue, _ type: FieldType, _ field: FieldSpec) -> Result<String, CellFailure> {
        let label = field.label
        switch type {
        case .bool:
            switch value {
            case .bool(let b): return .success(b ? "true" : "false")
            case .number(let n) where n == 0 || n == 1: return .success(n == 1 ? "true" : "false")
            default:
                switch plainText(value).trimmingSpaces.lowercased() {
                case "是", "true", "yes", "y", "1", "√", "✓": return .success("true")
                case "否", "false", "no", "n", "0", "×", "✗": return .success("false")
                default:
                    return .failure(CellFailure(zh: "“\(label.zh)” 应为 是/否，实际是 “\(plainText(value))”", en: "'\(label.en)' must be yes/no (是/否, true/false), found '\(plainText(value))'"))
                }
            }
        case .integer:
            if case .number(let n) = value {
                guard n == n.rounded(), abs(n) < 1e15 else {
                    return .failure(CellFailure(zh: "“\(label.zh)” 应为整数，实际是 \(number(n))", en: "'\(label.en)' must be a whole number, found \(number(n))"))
                }
                return .success(String(Int64(n)))
            }
            let t = plainText(value).trimmingSpaces
            guard let i = Int64(t) else {
                return .failure(CellFailure(zh: "“\(label.zh)” 应为整数，实际是 “\(t)”", en: "'\(label.en)' must be a whole number, found '\(t)'"))
            }
            return .success(String(i))
        case .number:
            if case .number(let n) = value, n.isFinite { return .success(number(n)) }
            let t = plainText(value).trimmingSpaces
            guard let d = Double(t), d.isFinite else {
                return .failure(CellFailure(zh: "“\(label.zh)” 应为数字，实际是 “\(t)”", en: "'\(label.en)' must be a number, found '\(t)'"))
            }
            return .success(number(d))
        case .date:
            if case .number(let n) = value {
                guard let day = serialDay(n) else { return .failure(outOfYears(label, number(n))) }
                return .success(day.description)
            }
            let t = plainText(value).trimmingSpaces
            guard let day = textDay(t) else {
                return .failure(CellFailure(zh: "“\(label.zh)” 应为日期（YYYY-MM-DD，如 2026-09-30），实际是 “\(t)”", en: "'\(label.en)' must be a date (YYYY-MM-DD, such as 2026-09-30), found '\(t)'"))
            }
            guard Day.supportedYears.contains(day.year) else { return .failure(outOfYears(label, t)) }
            return .success(day.description)
        case .instant:
            if case .number(let n) = value {
                guard let day = serialDay(n) else { return .failure(outOfYears(label, number(n))) }
                // A spreadsheet time has no zone: it is read as UTC+8 (the tool's default zone).
                let seconds = Int(((n - n.rounded(.down)) * 86400).rounded())
                let (h, m, s) = (min(seconds / 3600, 23), seconds / 60 % 60, seconds % 60)
                return .success(quoted("\(day)T\(two(h)):\(two(m)):\(two(s))+08:00"))
            }
            var t = plainText(value).trimmingSpaces
            // "2026-09-21 10:00[:00]" (as typed or as WPS shows it) is read as UTC+8 too.
            if t.count == 16 || t.count == 19, let space = t.firstIndex(of: " "), t.distance(from: t.startIndex, to: space) == 10 {
                t.replaceSubrange(space...space, with: "T")
                if t.count == 16 { t += ":00" }
                t += "+08:00"
            }
            if let year = Int(t.prefix(4)), !Day.supportedYears.contains(year) { return .failure(outOfYears(label, t)) }
            return .success(quoted(t))
        case .choice(let options):
            let t = plainText(value).trimmingSpaces
            if options.contains(t) { return .success(quoted(t)) }
            if let v = options.first(where: { field.valueLabel($0).zh == t || field.valueLabel($0).en == t }) { return .success(quoted(v)) }
            let shown = options.map { "\(field.valueLabel($0).zh)(\($0))" }.joined(separator: " / ")
            let hint = Diagnostic.suggestion(for: t, among: options + options.map { field.valueLabel($0).zh })
                .map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
            return .failure(CellFailure(zh: "“\(label.zh)” 的值 “\(t)” 不在可选范围内：\(shown)\(hint.0)", en: "'\(label.en)' value '\(t)' is not one of \(options.joined(separator: " | "))\(hint.1)"))
        case .region:
            if case .number(let n) = value, n == n.rounded(), n >= 0, n < 1e6 { return .success(quoted(String(Int(n)))) }
            return .success(quoted(plainText(value).trimmingSpaces))
        default:
            let t = plainText(value)
            return .success(quoted(type.isFreeText ? t : t.trimmingSpaces))
        }
    }

    static func outOfYears(_ label: Localized, _ shown: String) -> CellFailure {
        CellFailure(zh: "“\(label.zh)” 的值 \(shown) 超出支持的范围（1900 至 2999 年）", en: "'\(label.en)' value \(shown) is outside the supported years 1900–2999")
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// An Excel serial day (1 = 1900-01-01; Excel's phantom 1900-02-29 is serial 60) in 1900–2999.
    public static func serialDay(_ serial: Double) -> Day? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        if whole == 60 { return nil }
        // Serials from 61 count from 1899-12-30; before Excel's phantom leap day, from 1899-12-31.
        let day = Day(daysSinceEpoch: whole - (whole > 60 ? 25569 : 25568))
        return Day.supportedYears.contains(day.year) ? day : nil
    }

    /// The Excel serial of a day (the inverse of `serialDay` from 1900-03-01 on).
    public static func serial(of day: Day) -> Double { Double(day.daysSinceEpoch + 25569) }

    /// `YYYY-MM-DD`, `YYYY/M/D` or `YYYY.M.D`.
    static func textDay(_ t: String) -> Day? {
        if let d = Day(t) { return d }
        let parts = t.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= Day.daysIn(year: y, month: m) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// A cell as text: numbers without a needless `.0`.
    static func plainText(_ value: CellValue) -> String {
        switch value {
        case .text(let t): return t
        case .number(let n): return number(n)
        case .bool(let b): return b ? "true" : "false"
        }
    }

    static func number(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    /// A YAML double-quoted scalar (JSON's escapes, which YAML 1.2 reads the same).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x85 || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xFEFF {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// Why a cell cannot be a field's value.
struct CellFailure: Error {
    var message: Localized

    init(zh: String, en: String) { message = Localized(zh: zh, en: en) }
}

extension FieldType {
    /// Free text keeps its spaces; ids, codes and addresses are trimmed.
    var isFreeText: Bool {
        if case .string = self { return true }
        return false
    }
}

extension String {
    /// Without leading and trailing spaces, tabs, line breaks and ideographic spaces.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{3000}" || $0 == "\u{A0}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
