import ArgumentParser
import Diagnostics
import Inventory
import YAML

extension Language: ExpressibleByArgument {}

/// Options every command that reads an inventory shares.
struct InputOptions: ParsableArguments {
    // Optional, so that the help says the default once, in words.
    @Argument(help: ArgumentHelp("台账目录或文件（默认当前目录）/ inventory directory or file (default: the current directory)", valueName: "path"))
    var pathArgument: String?

    var path: String { pathArgument ?? "." }

    @Option(help: ArgumentHelp("单个文件的大小上限（字节）/ largest file accepted, in bytes", valueName: "bytes"))
    var maxFileSize: Int = LoadLimits().maxFileSize

    @Option(name: .customLong("lang"), help: "消息语言 zh|en（缺省看 LC_ALL/LANG）/ language of messages (default: from LC_ALL/LANG)")
    var langOption: Language?

    /// `--lang`, else the environment (`LC_ALL`, then `LANG`).
    var lang: Language { langOption ?? Language.fromEnvironment() }

    func validate() throws {
        guard maxFileSize > 0 else {
            throw ValidationError("--max-file-size 须为正整数 / must be a positive number of bytes")
        }
    }

    var limits: LoadLimits { LoadLimits(maxFileSize: maxFileSize) }

    /// Load and validate the inventory with the built-in catalogue.
    func load() throws(DiagnosticList) -> Inventory {
        currentLanguage = lang
        let loader = InventoryLoader(limits: limits, catalog: Builtins.catalog)
        return try loader.load(path)
    }
}
