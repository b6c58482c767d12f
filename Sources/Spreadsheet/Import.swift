import Diagnostics
import Foundation
import Inventory

/// `yunwang import`: a filled template (.xlsx) or a folder of CSV files (one per sheet,
/// named after the sheet or its key) to schema-v1 YAML, one file per sheet, rows in order.
/// Steps: read (bounded) → map cells (`SheetImporter`) → validate the YAML with the
/// inventory loader, naming each error's cell → the files, or every error at once.
public enum SheetImport {
    public struct File: Sendable {
        public var path: String
        public var text: String
    }

    /// The YAML files, or every problem found (cells named `台账.xlsx!终端!C12`).
    public static func run(_ path: String, limits: SheetLimits = SheetLimits(), loader: InventoryLoader) throws(SheetErrors) -> [File] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw SheetErrors([SheetError(path, "文件或目录不存在", "no such file or folder")])
        }
        let display = (path as NSString).lastPathComponent
        var sheets: [Sheet] = []
        var errors: [SheetError] = []
        var seen: [Kind: String] = [:]

        func take(_ name: String, _ place: String, read: (inout Collector) throws(SheetError) -> Void) {
            if name == SheetLayout.instructions.zh || name == SheetLayout.instructions.en || name.hasPrefix("x-") { return }
            guard let kind = SheetLayout.kind(forSheet: name) else {
                let names = SheetLayout.kinds.map { SheetLayout.sheetName($0).zh } + SheetLayout.kinds.map(\.key)
                let hint = Diagnostic.suggestion(for: name, among: names).map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
                errors.append(SheetError(place, "未知工作表 “\(name)”\(hint.0)；可用：\(SheetLayout.kinds.map { SheetLayout.sheetName($0).zh }.joined(separator: "、"))；以 x- 开头的工作表不读取",
                                         "unknown sheet '\(name)'\(hint.1); known: \(SheetLayout.kinds.map(\.key).joined(separator: ", ")); sheets starting with x- are not read"))
                return
            }
            if let other = seen[kind] {
                errors.append(SheetError(place, "与工作表 “\(other)” 重复（都是\(kind.name.zh)）", "repeats the sheet '\(other)' (both are \(kind.key))"))
                return
            }
            seen[kind] = name
            var c = Collector(importer: SheetImporter(kind: kind, source: place))
            do {
                try read(&c)
            } catch {
                errors.append(error)
                return
            }
            sheets.append(Sheet(place: place, importer: c.importer, problems: c.problems + c.importer.problems))
        }

        if isDir.boolValue {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                .filter { $0.lowercased().hasSuffix(".csv") }
                .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            if names.isEmpty { errors.append(SheetError(display, "目录中没有 .csv 文件", "the folder holds no .csv file")) }
            for name in names {
                let file = (path as NSString).appendingPathComponent(name)
                take((name as NSString).deletingPathExtension, name) { (c: inout Collector) throws(SheetError) in
                    try CSVReader.read(path: file, display: name, limits: limits, into: &c)
                }
            }
        } else {
            do {
                let reader = try XLSXReader(path: path, display: display, limits: limits)
                for sheet in reader.sheets {
                    take(sheet.name, "\(display)!\(sheet.name)") { (c: inout Collector) throws(SheetError) in
                        try reader.read(sheet: sheet.name, into: &c)
                    }
                }
            } catch {
                throw SheetErrors([error])
            }
        }
        if errors.isEmpty && seen[.inventory] == nil {
            errors.append(SheetError(display, "缺少“台账”工作表（台账名称、行政区划代码、台账层级）", "the inventory sheet (台账: name, region, level) is missing"))
        }
        let files = sheets.filter { $0.importer.rows > 0 }.map { File(path: "\($0.importer.kind.key).yaml", text: $0.importer.yaml) }
        // The loader checks what a cell alone cannot (formats, references, unique ids), even
        // when cells failed: a bad cell is left out of the YAML, so every error shows at once.
        var omitted = 0
        if errors.isEmpty {
            omitted = validate(files, &sheets, loader: loader)
        }
        for sheet in sheets {
            let sorted = sheet.problems.sorted { ($0.row, $0.column ?? -1) < ($1.row, $1.column ?? -1) }
            var last: SheetProblem?
            for p in sorted where p != last {
                errors.append(SheetError("\(sheet.place)!\(p.reference)", p.message))
                last = p
            }
        }
        guard errors.isEmpty else { throw SheetErrors(errors, omitted: omitted) }
        return files
    }

    struct Sheet {
        var place: String
        var importer: SheetImporter
        var problems: [SheetProblem]
    }

    /// Loads the YAML as `validate` would, adding each error to its sheet at its cell (one
    /// at a cell or row that already has a problem is that problem's consequence and is
    /// dropped). Returns how many the loader left out beyond its cap.
    static func validate(_ files: [File], _ sheets: inout [Sheet], loader: InventoryLoader) -> Int {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yunwang-import-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for f in files { try Data(f.text.utf8).write(to: dir.appendingPathComponent(f.path)) }
        } catch {
            sheets[0].problems.append(SheetProblem(row: 1, column: nil, message: Localized(zh: "无法写入临时目录", en: "cannot write a temporary folder")))
            return 0
        }
        do {
            _ = try loader.load(dir.path)
            return 0
        } catch {
            var byFile: [String: Int] = [:]
            var badRows: [Set<Int>] = []
            for (i, s) in sheets.enumerated() {
                byFile["\(s.importer.kind.key).yaml"] = i
                badRows.append(Set(s.problems.map(\.row)))
            }
            for d in error.diagnostics {
                guard let loc = d.location, let i = byFile[(loc.file as NSString).lastPathComponent],
                      let cell = sheets[i].importer.cell(ofLine: loc.line) else {
                    // Not on a line a cell wrote (the inventory header, a whole file): the first sheet's header row.
                    let i = d.location.flatMap { byFile[($0.file as NSString).lastPathComponent] } ?? 0
                    if sheets.indices.contains(i) { sheets[i].problems.append(SheetProblem(row: 1, column: nil, message: d.message)) }
                    continue
                }
                // A required key the importer already reported empty (or a cell it refused) on this row.
                if badRows[i].contains(cell.row) && (cell.column == nil || d.message.en.contains("lacks the required key")) { continue }
                sheets[i].problems.append(SheetProblem(row: cell.row, column: cell.column, message: d.message))
            }
            return error.omitted
        }
    }

    /// Feeds one sheet's rows to its importer: the first row is the header.
    struct Collector: SheetRowHandler {
        var importer: SheetImporter
        var problems: [SheetProblem] = []
        var header = false

        mutating func row(_ number: Int, _ cells: [(column: Int, cell: ReadCell)]) throws(SheetError) {
            var values: [SheetCell] = []
            values.reserveCapacity(cells.count)
            for c in cells {
                switch c.cell {
                case .value(let v): values.append(SheetCell(column: c.column, value: v))
                case .formulaWithoutValue:
                    problems.append(SheetProblem(row: number, column: c.column, message: Localized(
                        zh: "公式没有计算结果（工作簿未重新计算保存）：请在 Excel/WPS 中打开并保存，或填入值",
                        en: "a formula with no cached value (the workbook was not recalculated and saved): open and save it in Excel/WPS, or type the value")))
                case .error(let e):
                    problems.append(SheetProblem(row: number, column: c.column, message: Localized(zh: "单元格是错误值 \(e)", en: "the cell holds the error value \(e)")))
                }
            }
            if !header {
                header = true
                importer.header(row: number, values)
            } else {
                importer.row(number, values)
            }
        }
    }
}

/// Every problem of one import, capped like the loader's list.
public struct SheetErrors: Error, Sendable {
    public var errors: [SheetError]
    public var omitted: Int

    public init(_ errors: [SheetError], omitted: Int = 0, cap: Int = DiagnosticList.defaultCap) {
        self.errors = Array(errors.prefix(cap))
        self.omitted = omitted + max(0, errors.count - cap)
    }

    public func rendered(_ language: Language) -> String {
        var lines = errors.map { $0.rendered(language) }
        if omitted > 0 { lines.append(language == .zh ? "……另有 \(omitted) 个错误未列出" : "… and \(omitted) more errors") }
        return lines.joined(separator: "\n")
    }
}
