import ArgumentParser
import Diagnostics
import Inventory
import Site
import Spreadsheet

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "生成供各单位填写的 Excel 台账模板 / Write the Excel inventory template units fill in.",
        discussion: """
        每类对象一张工作表（台账、单位、终端、信息系统……），另有“说明”工作表列出每个字段、是否必填、含义和示例；
        列名为中文字段名，批注中是字段键名；枚举和是/否列有下拉选项，日期列为日期格式，首行冻结。
        由与 `yunwang schema` 相同的字段表生成。填好后用 `yunwang import` 转成 YAML 台账。
        One sheet per kind plus an instructions sheet (说明); Chinese headers with the field key in a note,
        drop-downs for enums and yes/no, date formats, a frozen header; generated from the field table that
        `yunwang schema` reads. Fill it in, then `yunwang import` it.

        示例 / example:
          yunwang template --output 台账模板.xlsx
        """)

    @Option(help: ArgumentHelp("写入的 .xlsx 文件（原子替换）/ the .xlsx file to write (atomically)", valueName: "file.xlsx"))
    var output: String

    @Option(help: "消息语言 zh|en / language of messages")
    var lang: Language = .zh

    /// The document's created time: fixed, so every run writes the same bytes.
    static let created = Day(year: 2026, month: 1, day: 1)

    func run() throws {
        currentLanguage = lang
        do {
            try Output.writeFile(output, try Template.workbook(created: Self.created))
        } catch let e as SheetError {
            throw CommandFailure(code: 2, message: e.rendered(lang))
        }
    }
}
