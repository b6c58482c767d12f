import ArgumentParser
import Diagnostics
import Foundation
import Inventory
import Site

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "新建一个可用的小台账 / Write a small valid inventory to start from.",
        discussion: """
        DIR 须不存在或为空；不会覆盖任何文件。写入 inventory.yaml、units.yaml、systems.yaml 和 inventory.schema.json。
        DIR must be absent or empty; nothing is overwritten.

        示例 / example:
          yunwang init my-inventory --region 150200 && yunwang validate my-inventory
        """)

    @Argument(help: ArgumentHelp("新台账目录 / directory for the new inventory", valueName: "dir"))
    var dir: String

    @Option(help: ArgumentHelp("GB/T 2260 行政区划代码（6 位）/ six-digit GB/T 2260 region code", valueName: "code"))
    var region: String = "150200"

    @Option(help: "台账名称 / inventory name")
    var name: String?

    func validate() throws {
        guard region.utf8.count == 6, region.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw ValidationError("--region 须为 6 位数字行政区划代码，如 150200 / --region must be a six-digit code such as 150200")
        }
    }

    func run() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: dir, isDirectory: &isDir) {
            let contents = isDir.boolValue ? ((try? fm.contentsOfDirectory(atPath: dir)) ?? ["?"]) : ["?"]
            guard isDir.boolValue, contents.isEmpty else {
                throw CommandFailure(code: 2, message: "\(dir): 错误: 目标已存在且不是空目录，init 不会覆盖 / error: the target exists and is not an empty directory; init never overwrites")
            }
        }
        var files: [(path: String, data: Data)] = Starter.files(region: region, name: name).map { ($0.path, Data($0.contents.utf8)) }
        files.append(("inventory.schema.json", Data((JSONSchema.document().serialized(pretty: true) + "\n").utf8)))
        try Output.writeDirectory(dir, files: files)
        print("已创建 \(dir)：\(files.map(\.path).joined(separator: "、")) / created \(dir)")
        print("下一步 / next: yunwang validate \(dir)")
    }
}
