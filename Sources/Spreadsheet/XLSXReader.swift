import Diagnostics
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Inventory
import ZIPFoundation

/// Bounds on reading a spreadsheet, like the YAML loader's: a zip bomb, a huge
/// shared-string table or a hostile XML part is refused at its entry, never read whole.
public struct SheetLimits: Sendable {
    /// The file itself (xlsx or CSV), in bytes.
    public var maxFileSize = 64 << 20
    /// Entries in the zip archive.
    public var maxEntries = 1_000
    /// Uncompressed bytes of all the parts read, counted as they are inflated (the sizes
    /// an archive declares are not trusted).
    public var maxUncompressed = 1 << 30
    /// Strings in the shared-string table, and their total UTF-8 bytes.
    public var maxSharedStrings = 4_000_000
    public var maxSharedStringBytes = 256 << 20
    /// Rows and columns of one sheet.
    public var maxRows = 1_100_000
    public var maxColumns = 1_000
    /// Characters of one cell (Excel's own limit is 32,767).
    public var maxCellLength = 32_767

    public init() {}
}

/// A problem reading a workbook or a CSV file: where (`台账.xlsx!终端!C12`, or an entry of
/// the archive) and what.
public struct SheetError: Error, Sendable, Hashable {
    public var place: String
    public var message: Localized

    public init(_ place: String, _ zh: String, _ en: String) {
        self.place = place
        self.message = Localized(zh: zh, en: en)
    }

    public init(_ place: String, _ message: Localized) {
        self.place = place
        self.message = message
    }

    /// `台账.xlsx!终端!C12: 错误: …`, the form of a YAML error's `file:line:column: 错误: …`.
    public func rendered(_ language: Language) -> String {
        "\(place): \(language == .zh ? "错误" : "error"): \(message.text(language))"
    }
}

/// A cell as read, before it is given to the import: a value, or a cell the import must refuse.
public enum ReadCell: Sendable {
    case value(CellValue)
    /// A formula without a cached value (the workbook was never recalculated and saved).
    case formulaWithoutValue
    /// An error value such as `#N/A` or `#DIV/0!`.
    case error(String)
}

/// One sheet's rows, streamed: `row(number, cells)` for every row with a cell, in order.
public protocol SheetRowHandler {
    mutating func row(_ number: Int, _ cells: [(column: Int, cell: ReadCell)]) throws(SheetError)
}

/// Reads an .xlsx workbook (Office Open XML) with ZIPFoundation and Foundation's streaming
/// XMLParser: the workbook's sheet list, the shared strings, then one sheet at a time,
/// row by row, never a sheet's whole DOM. Formulas are never evaluated: their cached
/// value is read. Macro-enabled workbooks are refused.
public final class XLSXReader {
    public let display: String
    let archive: Archive
    let entries: [String: Entry]
    let limits: SheetLimits
    private var budget: Int
    public private(set) var sheets: [(name: String, part: String)] = []
    private var shared: [String] = []
    private var tempDir: URL?

    public init(path: String, display: String, limits: SheetLimits = SheetLimits()) throws(SheetError) {
        self.display = display
        self.limits = limits
        budget = limits.maxUncompressed
        let lower = path.lowercased()
        if lower.hasSuffix(".xlsm") || lower.hasSuffix(".xltm") || lower.hasSuffix(".xlsb") || lower.hasSuffix(".xls") {
            throw SheetError(display, "不接受含宏或非 Open XML 的工作簿（.xlsm/.xlsb/.xls）：请另存为 .xlsx（Excel 工作簿）",
                             "macro-enabled or non-Open-XML workbooks (.xlsm/.xlsb/.xls) are not accepted: save it as .xlsx (Excel Workbook)")
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limits.maxFileSize else {
            throw SheetError(display, "文件有 \(size) 字节，超过上限 \(limits.maxFileSize)", "the file has \(size) bytes, over the limit of \(limits.maxFileSize)")
        }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw SheetError(display, "不是有效的 .xlsx 文件（无法作为 zip 打开）", "not a valid .xlsx file (it does not open as a zip archive)")
        }
        var map: [String: Entry] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maxEntries else {
                throw SheetError(display, "压缩包条目超过 \(limits.maxEntries) 个（疑似 zip 炸弹）", "the archive has more than \(limits.maxEntries) entries (a zip bomb?)")
            }
            map[entry.path] = entry
        }
        entries = map
        if map["xl/vbaProject.bin"] != nil || map.keys.contains(where: { $0.lowercased().hasSuffix("vbaproject.bin") }) {
            throw SheetError("\(display)!xl/vbaProject.bin", "工作簿含宏，不予读取：请另存为不含宏的 .xlsx", "the workbook holds macros and is not read: save it as a macro-free .xlsx")
        }
        guard map["xl/workbook.xml"] != nil || map["[Content_Types].xml"] != nil else {
            throw SheetError(display, "不是 Excel 工作簿（缺少 xl/workbook.xml）", "not an Excel workbook (no xl/workbook.xml)")
        }
        try readWorkbook()
        try readSharedStrings()
    }

    deinit {
        if let tempDir { try? FileManager.default.removeItem(at: tempDir) }
    }

    /// Inflates one part into a temporary file, counting its bytes against the budget,
    /// and checks it has no DTD (OOXML parts never do; a DTD is how entity bombs come).
    private func extract(_ path: String) throws(SheetError) -> URL? {
        guard let entry = entries[path] else { return nil }
        let place = "\(display)!\(path)"
        if tempDir == nil {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yunwang-xlsx-\(getpid())-\(UUID().uuidString)")
            do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                throw SheetError(place, "无法创建临时目录", "cannot create a temporary folder")
            }
            tempDir = dir
        }
        guard let dir = tempDir else { return nil }
        let url = dir.appendingPathComponent(String(entries.count) + "-" + path.replacingOccurrences(of: "/", with: "_"))
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
            throw SheetError(place, "无法写入临时文件", "cannot write a temporary file")
        }
        defer { try? handle.close() }
        var head = Data()
        var over = false
        var remaining = budget
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                remaining -= chunk.count
                if remaining < 0 {
                    over = true
                    throw CocoaError(.fileReadTooLarge)
                }
                if head.count < 65_536 { head.append(chunk.prefix(65_536 - head.count)) }
                try handle.write(contentsOf: chunk)
            }
        } catch {
            if over {
                throw SheetError(place, "解压后超过 \(limits.maxUncompressed) 字节（疑似 zip 炸弹）", "more than \(limits.maxUncompressed) bytes uncompressed (a zip bomb?)")
            }
            throw SheetError(place, "压缩数据损坏，无法解压", "the compressed data is damaged and cannot be read")
        }
        budget = remaining
        if Self.hasDTD(head) {
            throw SheetError(place, "XML 含 DOCTYPE/实体声明，不予读取", "the XML has a DOCTYPE or entity declaration and is not read")
        }
        return url
    }

    /// A `<!DOCTYPE` or `<!ENTITY` before the root element (or no root within the first 64 KiB).
    static func hasDTD(_ head: Data) -> Bool {
        let bytes = [UInt8](head)
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x3C {
                let next = bytes[i + 1]
                if (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) { return false }
                if next == 0x21, i + 2 < bytes.count, bytes[i + 2] != 0x2D { return true }
            }
            i += 1
        }
        return bytes.count >= 65_536
    }

    private func parse(_ path: String, _ delegate: some PartParser) throws(SheetError) {
        guard let url = try extract(path) else {
            throw SheetError("\(display)!\(path)", "工作簿缺少此部件", "the workbook lacks this part")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        guard let stream = InputStream(url: url) else { throw SheetError("\(display)!\(path)", "无法读取", "cannot read") }
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        let ok = parser.parse()
        if let error = delegate.failure { throw error }
        if !ok {
            throw SheetError("\(display)!\(path)", "XML 格式错误（第 \(parser.lineNumber) 行）", "malformed XML (line \(parser.lineNumber))")
        }
    }

    private func readWorkbook() throws(SheetError) {
        let book = WorkbookParser()
        try parse("xl/workbook.xml", book)
        var targets: [String: String] = [:]
        if entries["xl/_rels/workbook.xml.rels"] != nil {
            let rels = RelationshipsParser()
            try parse("xl/_rels/workbook.xml.rels", rels)
            targets = rels.targets
        }
        for (name, rid) in book.sheets {
            guard let target = targets[rid] else { continue }
            let part = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            sheets.append((name, part))
        }
    }

    private func readSharedStrings() throws(SheetError) {
        guard entries["xl/sharedStrings.xml"] != nil else { return }
        let p = SharedStringsParser(limits: limits, place: "\(display)!xl/sharedStrings.xml")
        try parse("xl/sharedStrings.xml", p)
        shared = p.strings
    }

    /// Streams the rows of the sheet `name` to `handler`.
    public func read<H: SheetRowHandler>(sheet name: String, into handler: inout H) throws(SheetError) {
        guard let part = sheets.first(where: { $0.name == name })?.part else {
            throw SheetError("\(display)!\(name)", "没有这张工作表", "no such sheet")
        }
        let p = SheetParser<H>(handler: handler, shared: shared, limits: limits, place: "\(display)!\(name)")
        try parse(part, p)
        handler = p.handler
    }
}

/// The delegate of one part; `failure` stops the parse with an error at a cell or entry.
protocol PartParser: XMLParserDelegate {
    var failure: SheetError? { get }
}

final class WorkbookParser: NSObject, PartParser {
    var sheets: [(String, String)] = []
    var failure: SheetError?

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard local(element) == "sheet", let name = attributes["name"] else { return }
        let rid = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value ?? ""
        sheets.append((name, rid))
    }
}

final class RelationshipsParser: NSObject, PartParser {
    var targets: [String: String] = [:]
    var failure: SheetError?

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard local(element) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = target
    }
}

final class SharedStringsParser: NSObject, PartParser {
    var strings: [String] = []
    var failure: SheetError?
    let limits: SheetLimits
    let place: String
    private var bytes = 0
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    init(limits: SheetLimits, place: String) {
        self.limits = limits
        self.place = place
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch local(element) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        current += string
        bytes += string.utf8.count
        if bytes > limits.maxSharedStringBytes {
            stop(parser, "共享字符串总量超过 \(limits.maxSharedStringBytes) 字节", "the shared strings exceed \(limits.maxSharedStringBytes) bytes")
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(element) {
        case "t": inText = false
        case "rPh": inPhonetic = false
        case "si":
            strings.append(current)
            if strings.count > limits.maxSharedStrings {
                stop(parser, "共享字符串超过 \(limits.maxSharedStrings) 个", "more than \(limits.maxSharedStrings) shared strings")
            }
        default: break
        }
    }

    private func stop(_ parser: XMLParser, _ zh: String, _ en: String) {
        guard failure == nil else { return }
        failure = SheetError(place, zh, en)
        parser.abortParsing()
    }
}

/// Streams `<row>`s of a worksheet part: `<c r="C12" t="s"><v>3</v></c>`, inline strings,
/// booleans, errors, and formulas (`<f>`) with their cached `<v>`.
final class SheetParser<H: SheetRowHandler>: NSObject, PartParser {
    var handler: H
    var failure: SheetError?
    let shared: [String]
    let limits: SheetLimits
    let place: String
    private var rowNumber = 0
    private var cells: [(column: Int, cell: ReadCell)] = []
    private var cellRef: (column: Int, row: Int)?
    private var cellType = ""
    private var hasFormula = false
    private var value: String?
    private var text = ""
    private var collecting = false
    private var inInline = false
    private var inPhonetic = false
    private var nextColumn = 0

    init(handler: H, shared: [String], limits: SheetLimits, place: String) {
        self.handler = handler
        self.shared = shared
        self.limits = limits
        self.place = place
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch local(element) {
        case "row":
            let n = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            guard n > rowNumber, n <= limits.maxRows else {
                return stop(parser, "\(place)", "行号 \(n) 无效或超过 \(limits.maxRows)", "row number \(n) is out of order or over \(limits.maxRows)")
            }
            rowNumber = n
            cells.removeAll(keepingCapacity: true)
            nextColumn = 0
        case "c":
            var column = nextColumn
            if let r = attributes["r"] {
                guard let parsed = Self.column(of: r) else {
                    return stop(parser, "\(place)!\(r)", "单元格引用无效", "invalid cell reference")
                }
                column = parsed
            }
            guard column < limits.maxColumns else {
                return stop(parser, "\(place)!\(SheetProblem.columnName(min(column, 16383)))\(rowNumber)", "列数超过 \(limits.maxColumns)", "more than \(limits.maxColumns) columns")
            }
            cellRef = (column, rowNumber)
            nextColumn = column + 1
            cellType = attributes["t"] ?? "n"
            hasFormula = false
            value = nil
            text = ""
        case "v":
            collecting = true
            text = ""
        case "f":
            hasFormula = true
        case "is":
            inInline = true
            value = ""
        case "rPh":
            inPhonetic = true
        case "t":
            if inInline && !inPhonetic { collecting = true }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard collecting else { return }
        text += string
        if text.utf8.count > limits.maxCellLength * 4 {
            stop(parser, cellPlace, "单元格内容超过 \(limits.maxCellLength) 个字符", "the cell holds more than \(limits.maxCellLength) characters")
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch local(element) {
        case "v":
            collecting = false
            value = text
        case "t":
            if inInline && collecting {
                value = (value ?? "") + text
                text = ""
                collecting = false
            }
        case "rPh": inPhonetic = false
        case "is": inInline = false
        case "c":
            guard let ref = cellRef else { return }
            let cell = makeCell(parser)
            cellRef = nil
            if let cell { cells.append((ref.column, cell)) }
        case "row":
            guard !cells.isEmpty else { return }
            do {
                try handler.row(rowNumber, cells)
            } catch {
                failure = error
                parser.abortParsing()
            }
        default: break
        }
    }

    private var cellPlace: String {
        guard let ref = cellRef else { return place }
        return "\(place)!\(SheetProblem.columnName(ref.column))\(ref.row)"
    }

    private func makeCell(_ parser: XMLParser) -> ReadCell? {
        guard let v = value else { return hasFormula ? .formulaWithoutValue : nil }
        switch cellType {
        case "s":
            guard let i = Int(v.trimmingCharacters(in: .whitespaces)), i >= 0, i < shared.count else {
                stop(parser, cellPlace, "共享字符串编号 \(v) 不存在", "shared string \(v) does not exist")
                return nil
            }
            return .value(.text(shared[i]))
        case "str", "inlineStr": return .value(.text(v))
        case "b": return .value(.bool(v == "1" || v == "true"))
        case "e": return .error(v)
        case "d": return .value(.text(v))
        default:
            if v.isEmpty { return hasFormula ? .formulaWithoutValue : nil }
            guard let d = Double(v.trimmingCharacters(in: .whitespaces)) else {
                stop(parser, cellPlace, "数值 “\(v)” 无效", "invalid number '\(v)'")
                return nil
            }
            return .value(.number(d))
        }
    }

    private func stop(_ parser: XMLParser, _ place: String, _ zh: String, _ en: String) {
        guard failure == nil else { return }
        failure = SheetError(place, zh, en)
        parser.abortParsing()
    }

    /// The 0-based column of a reference such as `C12` (nil when it has no letters).
    static func column(of ref: String) -> Int? {
        var n = 0
        var letters = 0
        for u in ref.utf8 {
            if u >= 0x41 && u <= 0x5A { n = n * 26 + Int(u - 0x40) } else if u >= 0x61 && u <= 0x7A { n = n * 26 + Int(u - 0x60) } else { break }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }
}

/// The local part of a qualified XML name (`x:row` → `row`).
func local(_ name: String) -> Substring {
    guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: colon)...]
}
