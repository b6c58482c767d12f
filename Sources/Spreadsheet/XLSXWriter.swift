import CXLSXWriter
import Diagnostics
import Foundation
import Inventory

/// A workbook written by libxlsxwriter in constant-memory mode: each sheet is written
/// row by row to a temporary file and freed, so a ledger of any size takes the memory
/// of one row. Rows must therefore be written in order, top to bottom.
/// The document's created time is fixed by the caller (the as-of date), so the same
/// cells give the same bytes.
public final class XLSXWorkbook {
    let book: UnsafeMutablePointer<lxw_workbook>
    let path: String
    let tmpdir: String
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var closed = false

    /// A workbook written to a temporary file, moved to its target by `finish`.
    public init(created: Day) throws(SheetError) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yunwang-xlsxw-\(getpid())-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            throw SheetError("xlsx", "无法创建临时目录", "cannot create a temporary folder")
        }
        let tmp = dir.path
        let file = dir.appendingPathComponent("book.xlsx").path
        tmpdir = tmp
        path = file
        var options = lxw_workbook_options()
        options.constant_memory = UInt8(LXW_TRUE.rawValue)
        let made: UnsafeMutablePointer<lxw_workbook>? = tmp.withCString { t in
            options.tmpdir = UnsafeMutablePointer(mutating: t)
            return file.withCString { workbook_new_opt($0, &options) }
        }
        guard let made else { throw SheetError("xlsx", "libxlsxwriter 无法创建工作簿", "libxlsxwriter cannot create the workbook") }
        book = made
        var props = lxw_doc_properties()
        props.created = time_t(created.daysSinceEpoch) * 86_400
        "yunwang".withCString { author in
            props.author = UnsafeMutablePointer(mutating: author)
            _ = workbook_set_properties(book, &props)
        }
    }

    deinit {
        if !closed { _ = workbook_close(book) }
        try? FileManager.default.removeItem(atPath: tmpdir)
    }

    public func addSheet(_ name: String) -> XLSXSheet {
        let sheet = name.withCString { workbook_add_worksheet(book, $0) }
        return XLSXSheet(sheet, workbook: self)
    }

    func format(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        if style == .plain { return nil }
        if let f = formats[style] { return f }
        guard let f = workbook_add_format(book) else { return nil }
        if style.bold { format_set_bold(f) }
        if style.wrap { format_set_text_wrap(f) }
        format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        if let fill = style.fill { format_set_bg_color(f, fill) }
        if let font = style.font { format_set_font_color(f, font) }
        if let numberFormat = style.numberFormat { numberFormat.withCString { format_set_num_format(f, $0) } }
        formats[style] = f
        return f
    }

    /// Closes the workbook and returns its bytes.
    public func finish() throws(SheetError) -> Data {
        closed = true
        let error = workbook_close(book)
        guard error == LXW_NO_ERROR else {
            throw SheetError("xlsx", "libxlsxwriter 写入失败：\(String(cString: lxw_strerror(error)))", "libxlsxwriter failed: \(String(cString: lxw_strerror(error)))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SheetError("xlsx", "无法读回写好的工作簿", "cannot read the written workbook back")
        }
        return data
    }
}

/// The look of a cell; formats are made once per distinct style.
public struct CellStyle: Hashable, Sendable {
    public var bold = false
    public var wrap = false
    public var fill: UInt32?
    public var font: UInt32?
    public var numberFormat: String?

    public init(bold: Bool = false, wrap: Bool = false, fill: UInt32? = nil, font: UInt32? = nil, numberFormat: String? = nil) {
        self.bold = bold
        self.wrap = wrap
        self.fill = fill
        self.font = font
        self.numberFormat = numberFormat
    }

    public static let plain = CellStyle()
    public static let header = CellStyle(bold: true, wrap: true, fill: 0xDDEBF7)
    public static let date = CellStyle(numberFormat: "yyyy-mm-dd")
    public static let dateTime = CellStyle(numberFormat: "yyyy-mm-dd hh:mm")
    public static let text = CellStyle(numberFormat: "@")
    public static let wrapped = CellStyle(wrap: true)
}

/// One worksheet of an `XLSXWorkbook`.
public final class XLSXSheet {
    let sheet: UnsafeMutablePointer<lxw_worksheet>?
    unowned let workbook: XLSXWorkbook

    init(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, workbook: XLSXWorkbook) {
        self.sheet = sheet
        self.workbook = workbook
    }

    public func write(_ row: Int, _ column: Int, _ text: String, _ style: CellStyle = .plain) {
        guard !text.isEmpty else { return }
        _ = text.withCString { worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), $0, workbook.format(style)) }
    }

    public func write(_ row: Int, _ column: Int, number: Double, _ style: CellStyle = .plain) {
        _ = worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), number, workbook.format(style))
    }

    /// A real date cell: the Excel serial number with a date format.
    public func write(_ row: Int, _ column: Int, date: Day, _ style: CellStyle = .date) {
        write(row, column, number: SheetImporter.serial(of: date), style)
    }

    public func write(_ row: Int, _ column: Int, bool: Bool, _ style: CellStyle = .plain) {
        _ = worksheet_write_boolean(sheet, lxw_row_t(row), lxw_col_t(column), bool ? 1 : 0, workbook.format(style))
    }

    /// A note on a cell (the field key on a template header).
    public func comment(_ row: Int, _ column: Int, _ text: String) {
        _ = text.withCString { worksheet_write_comment(sheet, lxw_row_t(row), lxw_col_t(column), $0) }
    }

    /// Width in characters of the default font (a Chinese character counts two).
    public func width(_ first: Int, _ last: Int, _ chars: Double, _ style: CellStyle = .plain) {
        _ = worksheet_set_column(sheet, lxw_col_t(first), lxw_col_t(last), chars, workbook.format(style))
    }

    public func freezeHeader(rows: Int = 1) {
        worksheet_freeze_panes(sheet, lxw_row_t(rows), 0)
    }

    public func autofilter(lastRow: Int, lastColumn: Int) {
        _ = worksheet_autofilter(sheet, 0, 0, lxw_row_t(lastRow), lxw_col_t(lastColumn))
    }

    /// What a column's cells may hold; a wrong entry warns (it can still be typed, and the
    /// import checks it), so a value typed as the key (`leased-line`) is not blocked.
    public enum Validation {
        case list([String])
        case wholeNumber(min: Int64?, max: Int64?)
        case decimal(min: Double?)
        case date
    }

    public func validate(rows: ClosedRange<Int>, column: Int, _ rule: Validation, title: String, message: String) {
        var v = lxw_data_validation()
        v.error_type = UInt8(LXW_VALIDATION_ERROR_TYPE_WARNING.rawValue)
        v.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
        var keep: [UnsafeMutablePointer<CChar>?] = []
        defer { for p in keep { free(p) } }
        func c(_ s: String) -> UnsafeMutablePointer<CChar>? {
            let p = strdup(s)
            keep.append(p)
            return p
        }
        switch rule {
        case .list(let values):
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            var list = values.map { c($0) }
            list.append(nil)
            v.input_title = c(String(title.prefix(32)))
            v.input_message = c(String(message.prefix(255)))
            list.withUnsafeMutableBufferPointer { buffer in
                v.value_list = buffer.baseAddress
                _ = worksheet_data_validation_range(sheet, lxw_row_t(rows.lowerBound), lxw_col_t(column), lxw_row_t(rows.upperBound), lxw_col_t(column), &v)
            }
            return
        case .wholeNumber(let lo, let hi):
            v.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_number = Double(lo ?? -2_147_483_647)
            v.maximum_number = Double(hi ?? 2_147_483_647)
        case .decimal(let lo):
            v.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            v.value_number = lo ?? 0
        case .date:
            v.validate = UInt8(LXW_VALIDATION_TYPE_DATE_NUMBER.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_number = SheetImporter.serial(of: Day(year: 1900, month: 3, day: 1))
            v.maximum_number = SheetImporter.serial(of: Day(year: 2999, month: 12, day: 31))
        }
        v.input_title = c(String(title.prefix(32)))
        v.input_message = c(String(message.prefix(255)))
        _ = worksheet_data_validation_range(sheet, lxw_row_t(rows.lowerBound), lxw_col_t(column), lxw_row_t(rows.upperBound), lxw_col_t(column), &v)
    }
}
