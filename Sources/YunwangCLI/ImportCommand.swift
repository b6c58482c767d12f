import ArgumentParser
import Diagnostics
import Digest
import Foundation
import Inventory
import Site
import Spreadsheet

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "把填好的 Excel 模板或 CSV 文件转成 schema v1 YAML 台账 / Turn a filled template or CSV files into a schema-v1 YAML inventory.",
        discussion: """
        输入是 .xlsx 工作簿，或每张工作表一个 CSV 文件的目录（文件名为工作表名或键名，如 终端.csv 或 terminals.csv；UTF-8，可带 BOM）。
        每张工作表写成一个 YAML 文件，行序不变；列名可为中文字段名或键名（如 mlps.level），顺序不限；以 x- 开头的列原样保留。
        任何错误都指出单元格（如 台账.xlsx!终端!C12），一次列出全部，退出码 2，不写任何文件；
        写出的台账能通过 validate，check 的位置指向写出的 YAML。
        The input is an .xlsx workbook or a folder of one CSV per sheet (named after the sheet or its key; UTF-8,
        with or without BOM). Each sheet becomes one YAML file, rows in order; headers are the Chinese label or the
        key (mlps.level), in any order; x- columns are kept. Every error names its cell (台账.xlsx!终端!C12), all at
        once, exit 2, nothing written; the output validates and check's locations point into it.

        示例 / examples:
          yunwang import 台账.xlsx --output inventory/
          yunwang import sheets/ --output inventory/
        """)

    @Argument(help: ArgumentHelp("填好的 .xlsx，或 CSV 文件所在目录 / the filled .xlsx, or a folder of CSV files", valueName: "file.xlsx|dir"))
    var source: String

    @Option(help: ArgumentHelp("写入的台账目录（须不存在、为空或为上次导入的结果）/ the inventory folder to write (absent, empty, or an earlier import)", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("输入文件的大小上限（字节）/ largest input file accepted, in bytes", valueName: "bytes"))
    var maxFileSize: Int = SheetLimits().maxFileSize

    @Option(help: ArgumentHelp("xlsx 解压后的总字节上限（防 zip 炸弹）/ most bytes an .xlsx may inflate to (zip bombs)", valueName: "bytes"))
    var maxUncompressed: Int = SheetLimits().maxUncompressed

    @Option(help: ArgumentHelp("xlsx 共享字符串个数上限 / most shared strings an .xlsx may hold", valueName: "n"))
    var maxSharedStrings: Int = SheetLimits().maxSharedStrings

    @Option(help: "消息语言 zh|en / language of messages")
    var lang: Language = .zh

    func validate() throws {
        guard maxFileSize > 0, maxUncompressed > 0, maxSharedStrings > 0 else {
            throw ValidationError("--max-file-size、--max-uncompressed、--max-shared-strings 须为正整数 / must be a positive number of bytes")
        }
    }

    func run() throws {
        currentLanguage = lang
        var limits = SheetLimits()
        limits.maxFileSize = maxFileSize
        limits.maxUncompressed = maxUncompressed
        limits.maxSharedStrings = maxSharedStrings
        let files: [SheetImport.File]
        do {
            files = try SheetImport.run(source, limits: limits, loader: InventoryLoader(catalog: Builtins.catalog))
        } catch {
            throw CommandFailure(code: 2, message: error.rendered(lang))
        }
        try Output.writeDirectory(output, files: Output.addingChecksums(files.map { (path: $0.path, data: Data($0.text.utf8)) }))
        let rows = files.count
        FileHandle.standardError.write(Data((lang == .zh ? "yunwang: 已写入 \(output)（\(rows) 个文件）\n" : "yunwang: wrote \(output) (\(rows) files)\n").utf8))
    }
}
