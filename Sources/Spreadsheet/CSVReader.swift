import Diagnostics
import Foundation
import Inventory

/// One CSV file per sheet (as Excel's and WPS's "CSV UTF-8" saves them): UTF-8 with or
/// without a byte-order mark, RFC 4180 quoting, CRLF or LF. A file in GB18030/GBK (what
/// "CSV" means on Chinese Windows) is refused with the way to fix it, never guessed.
public enum CSVReader {
    public static func read<H: SheetRowHandler>(path: String, display: String, limits: SheetLimits = SheetLimits(), into handler: inout H) throws(SheetError) {
        let data: Data
        do {
            let size = ((try FileManager.default.attributesOfItem(atPath: path))[.size] as? NSNumber)?.intValue ?? 0
            guard size <= limits.maxFileSize else {
                throw SheetError(display, "文件有 \(size) 字节，超过上限 \(limits.maxFileSize)", "the file has \(size) bytes, over the limit of \(limits.maxFileSize)")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let e as SheetError {
            throw e
        } catch {
            throw SheetError(display, "无法读取文件", "cannot read the file")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw SheetError(display, "文件是 UTF-16 编码：请另存为“CSV UTF-8（逗号分隔）”", "the file is UTF-16: save it as 'CSV UTF-8 (Comma delimited)'")
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            let (line, looksGB) = firstBadLine(bytes)
            if looksGB {
                throw SheetError("\(display):\(line)", "文件不是 UTF-8，看起来是 GB18030/GBK 编码（中文 Windows 上 Excel 另存的“CSV”）：请另存为“CSV UTF-8（逗号分隔）”，或转换：iconv -f GB18030 -t UTF-8 原文件 > 新文件",
                                 "the file is not UTF-8 and looks like GB18030/GBK (Excel's plain 'CSV' on Chinese Windows): save it as 'CSV UTF-8 (Comma delimited)', or convert it: iconv -f GB18030 -t UTF-8 in.csv > out.csv")
            }
            throw SheetError("\(display):\(line)", "文件不是有效的 UTF-8", "the file is not valid UTF-8")
        }
        try parse(text, display: display, limits: limits, into: &handler)
    }

    /// RFC 4180 fields; a row is passed on at its line break outside quotes.
    static func parse<H: SheetRowHandler>(_ text: String, display: String, limits: SheetLimits, into handler: inout H) throws(SheetError) {
        var row = 1
        var startRow = 1
        var cells: [(column: Int, cell: ReadCell)] = []
        var field = ""
        var column = 0
        var quoted = false
        var wasQuoted = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endField() throws(SheetError) {
            if !field.isEmpty || wasQuoted {
                guard column < limits.maxColumns else {
                    throw SheetError("\(display)!\(SheetProblem.columnName(column))\(startRow)", "列数超过 \(limits.maxColumns)", "more than \(limits.maxColumns) columns")
                }
                if !field.isEmpty { cells.append((column, .value(.text(field)))) }
            }
            field = ""
            wasQuoted = false
            column += 1
        }
        func endRow() throws(SheetError) {
            try endField()
            if !cells.isEmpty { try handler.row(startRow, cells) }
            cells.removeAll(keepingCapacity: true)
            column = 0
            row += 1
            startRow = row
            guard row <= limits.maxRows + 1 else {
                throw SheetError("\(display):\(row)", "行数超过 \(limits.maxRows)", "more than \(limits.maxRows) rows")
            }
        }
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = it.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    if c == "\n" { row += 1 }
                    field.unicodeScalars.append(c)
                }
                if field.utf8.count > limits.maxCellLength * 4 {
                    throw SheetError("\(display)!\(SheetProblem.columnName(column))\(startRow)", "单元格内容超过 \(limits.maxCellLength) 个字符", "the cell holds more than \(limits.maxCellLength) characters")
                }
                continue
            }
            switch c {
            case ",": try endField()
            case "\"" where field.isEmpty && !wasQuoted:
                quoted = true
                wasQuoted = true
            case "\r":
                if let next = it.next(), next != "\n" { pending = next }
                try endRow()
            case "\n": try endRow()
            default: field.unicodeScalars.append(c)
            }
        }
        if quoted {
            throw SheetError("\(display)!\(SheetProblem.columnName(column))\(startRow)", "引号没有闭合", "an unclosed quote")
        }
        if !field.isEmpty || !cells.isEmpty || column > 0 { try endRow() }
    }

    /// The line of the first byte that is not UTF-8, and whether the bytes read as
    /// GB18030 double-byte characters (lead 0x81–0xFE, trail 0x40–0xFE except 0x7F).
    static func firstBadLine(_ bytes: [UInt8]) -> (Int, Bool) {
        var line = 1
        var i = 0
        var badLine = 0
        var pairs = 0
        var invalid = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1 }
            if b < 0x80 { i += 1; continue }
            let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
            var utf8 = len > 0 && i + len <= bytes.count
            if utf8 { for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { utf8 = false } }
            if !utf8 && badLine == 0 { badLine = line }
            if b >= 0x81, b <= 0xFE, i + 1 < bytes.count, bytes[i + 1] >= 0x40, bytes[i + 1] <= 0xFE, bytes[i + 1] != 0x7F {
                pairs += 1
                // GB18030 four-byte sequences: lead, 0x30–0x39, lead, 0x30–0x39.
                i += (bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) ? 4 : 2
                continue
            }
            if b >= 0x81, b <= 0xFE, i + 3 < bytes.count, bytes[i + 1] >= 0x30, bytes[i + 1] <= 0x39 {
                pairs += 1
                i += 4
                continue
            }
            invalid += 1
            i += 1
        }
        return (max(badLine, 1), pairs > 0 && invalid == 0)
    }
}
