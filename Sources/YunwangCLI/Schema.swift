import ArgumentParser
import Inventory

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "输出台账的 JSON Schema（draft 2020-12）/ Print the inventory JSON Schema.",
        discussion: """
        供编辑器（yaml-language-server）校验和补全台账。For editors that validate and complete inventories.

        示例 / example:
          yunwang schema > inventory.schema.json
          # 然后在每个台账文件第一行加上 / then start each inventory file with:
          # yaml-language-server: $schema=./inventory.schema.json
        """)

    func run() {
        print(JSONSchema.document().serialized(pretty: true))
    }
}
