import Diagnostics
import Foundation
import Inventory
import Testing
@testable import Spreadsheet

/// The cell → YAML mapping of Inventory/Sheets.swift and the CSV reader, without files.
@Suite("Sheet mapping")
struct SheetMappingTests {
    struct Rows: SheetRowHandler {
        var rows: [(Int, [(Int, String)])] = []
        mutating func row(_ number: Int, _ cells: [(column: Int, cell: ReadCell)]) throws(SheetError) {
            rows.append((number, cells.map { c in
                if case .value(.text(let t)) = c.cell { return (c.column, t) }
                return (c.column, "?")
            }))
        }
    }

    @Test func excelSerialDaysIncludingThe1900Quirk() {
        #expect(SheetImporter.serialDay(1)?.description == "1900-01-01")
        #expect(SheetImporter.serialDay(59)?.description == "1900-02-28")
        #expect(SheetImporter.serialDay(60) == nil)   // Excel's 1900-02-29, a day that never was
        #expect(SheetImporter.serialDay(61)?.description == "1900-03-01")
        #expect(SheetImporter.serialDay(46295)?.description == "2026-09-30")
        #expect(SheetImporter.serialDay(46295.75)?.description == "2026-09-30")
        #expect(SheetImporter.serialDay(0) == nil)
        #expect(SheetImporter.serialDay(.infinity) == nil)
        #expect(SheetImporter.serial(of: Day(year: 2026, month: 9, day: 30)) == 46295)
    }

    @Test func columnNamesAndReferences() {
        #expect(SheetProblem.columnName(0) == "A")
        #expect(SheetProblem.columnName(25) == "Z")
        #expect(SheetProblem.columnName(26) == "AA")
        #expect(SheetProblem.columnName(701) == "ZZ")
        #expect(SheetProblem.columnName(702) == "AAA")
        #expect(SheetParser<Rows>.column(of: "C12") == 2)
        #expect(SheetParser<Rows>.column(of: "AA3") == 26)
        #expect(SheetParser<Rows>.column(of: "12") == nil)
        #expect(SheetProblem(row: 12, column: nil, message: Localized(zh: "", en: "")).reference == "12:12")
    }

    @Test func headersByLabelOrKeyAndValuesByType() {
        var s = SheetImporter(kind: .system, source: "a.xlsx!信息系统")
        s.header(row: 1, [
            SheetCell(column: 0, value: .text("系统编号")), SheetCell(column: 1, value: .text("name")),
            SheetCell(column: 2, value: .text(" 主管单位 ")), SheetCell(column: 3, value: .text("等保级别")),
            SheetCell(column: 4, value: .text("crypto.required")), SheetCell(column: 5, value: .text("数据级别")),
            SheetCell(column: 6, value: .text("上线日期")),
        ])
        #expect(s.problems.isEmpty)
        s.row(2, [
            SheetCell(column: 0, value: .text("s1")), SheetCell(column: 1, value: .text("平台")),
            SheetCell(column: 2, value: .text("u1")), SheetCell(column: 3, value: .number(3)),
            SheetCell(column: 4, value: .text("是")), SheetCell(column: 5, value: .text("重要数据")),
            SheetCell(column: 6, value: .number(46295)),
        ])
        #expect(s.problems.isEmpty)
        #expect(s.yaml.contains("""
          - id: "s1"
            name: "平台"
            unit: "u1"
            data_grade: "important"
            launched: 2026-09-30
            mlps:
              level: 3
            crypto:
              required: true
        """))
        #expect(s.cell(ofLine: 4)?.row == 2)
        #expect(s.cell(ofLine: 4)?.column == 0)   // `- id:` is the id cell
        #expect(s.cell(ofLine: 5)?.column == 1)
        #expect(s.cell(ofLine: 3)?.column == nil) // the row's comment line
    }

    @Test func wrongCellsAreNamedAndMissingRequiredColumnsReported() {
        var s = SheetImporter(kind: .terminal, source: "a.xlsx!终端")
        s.header(row: 1, [SheetCell(column: 0, value: .text("终端编号")), SheetCell(column: 1, value: .text("实名")),
                          SheetCell(column: 2, value: .text("防火强")), SheetCell(column: 3, value: .number(5))])
        let refs = s.problems.map(\.reference)
        #expect(refs.contains("C1"))   // unknown column, did you mean 防火墙
        #expect(refs.contains("D1"))   // a number as a header
        #expect(refs.contains("1:1"))  // the required column 所属单位 (unit) is missing
        #expect(s.problems.first { $0.reference == "C1" }?.message.zh.contains("防火墙") == true)
        s.row(2, [SheetCell(column: 0, value: .text("t1")), SheetCell(column: 1, value: .text("maybe"))])
        #expect(s.problems.contains { $0.reference == "B2" && $0.message.en.contains("must be yes/no") })
    }

    @Test func csvQuotingBOMAndLineBreaks() throws {
        var rows = Rows()
        try CSVReader.parse("a,\"b,\"\"c\"\"\",\r\n\"多\n行\",,x\n\n", display: "t.csv", limits: SheetLimits(), into: &rows)
        #expect(rows.rows.count == 2)
        #expect(rows.rows[0].0 == 1)
        #expect(rows.rows[0].1.map(\.1) == ["a", "b,\"c\""])
        #expect(rows.rows[1].0 == 2)
        #expect(rows.rows[1].1.map(\.0) == [0, 2])
        #expect(rows.rows[1].1.map(\.1) == ["多\n行", "x"])
        #expect(throws: SheetError.self) { try CSVReader.parse("a,\"open", display: "t.csv", limits: SheetLimits(), into: &rows) }
    }

    @Test func gb18030IsRecognised() {
        let gb: [UInt8] = Array("a,b\n".utf8) + [0xB2, 0xE2, 0xCA, 0xD4]
        let (line, looks) = CSVReader.firstBadLine(gb)
        #expect(line == 2)
        #expect(looks)
        let (_, latin) = CSVReader.firstBadLine([0x61, 0xFF, 0x0A])
        #expect(!latin)
    }

    @Test func aDTDBeforeTheRootIsFound() {
        #expect(XLSXReader.hasDTD(Data("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x/>".utf8)))
        #expect(!XLSXReader.hasDTD(Data("<?xml version=\"1.0\"?><!-- c --><worksheet><!DOCTYPE></worksheet>".utf8)))
    }

    @Test func quotedScalarsEscapeWhatYAMLWouldRead() {
        #expect(SheetImporter.quoted("a\"b\\c\nd\u{7}") == "\"a\\\"b\\\\c\\nd\\u0007\"")
        #expect(SheetImporter.quoted("中文") == "\"中文\"")
    }
}
