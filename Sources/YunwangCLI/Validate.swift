import Foundation
import ArgumentParser
import Diagnostics
import Inventory
import JSON

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "只检查台账的格式和引用（schema v1）/ Check an inventory's schema and cross-references only.",
        discussion: """
        读取目录下所有 .yaml/.yml 文件，检查字段、类型、取值、编号唯一和交叉引用，报告全部错误（按文件和行排序）。
        Reads every .yaml/.yml file, checks keys, types, values, unique ids and references, and reports every problem sorted by file and line.

        退出码 / exit: 0 有效 valid, 2 无效 invalid.

        示例 / examples:
          yunwang validate examples/baotou
          yunwang validate inventory/ --format json --lang en
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions

    @Option(help: "输出格式 text|json / output format")
    var format: Format = .text

    func run() throws {
        do {
            let inventory = try input.load()
            keptUntilExit.append(inventory)
            let warnings = Self.futureDates(inventory, language: input.lang)
            switch format {
            case .text:
                print(Printable.escape(Summary.text(inventory, language: input.lang)))
                for w in warnings { FileHandle.standardError.write(Data((Printable.escape(w) + "\n").utf8)) }
            case .json:
                var doc = Summary.json(inventory)
                if case .object(var fields) = doc, !warnings.isEmpty {
                    fields.append(("warnings", .array(warnings.map(JSON.string))))
                    doc = .object(fields)
                }
                print(doc.serialized(pretty: true))
            }
        } catch {
            if format == .json {
                print(Summary.json(errors: error).serialized(pretty: true))
                throw CommandFailure(code: 2, message: error.rendered(input.lang))
            }
            throw error
        }
    }
}

extension Validate {
    /// Warnings (issue #16 A4): date fields after the inventory's `as_of` (facts not yet
    /// happened; `check` reports them as DATA-FUTURE-DATE and no rule counts them as done).
    static func futureDates(_ inventory: Inventory, language: Language) -> [String] {
        guard let asOf = inventory.asOf else { return [] }
        return FutureDates.scan(inventory, asOf: asOf).flatMap { kind, index, hits in
            let object = inventory.objects(kind)[index]
            return hits.map { hit in
                let at = inventory.location(of: object, field: hit.path).description
                return language == .zh
                    ? "警告：\(at): \(hit.path) 的日期 \(hit.date) 晚于台账评估日期 as_of \(asOf)（check 报告 DATA-FUTURE-DATE，规则不视为已完成）"
                    : "warning: \(at): \(hit.path) \(hit.date) is after the inventory's as_of \(asOf) (check reports DATA-FUTURE-DATE; no rule counts it as done)"
            }
        }
    }
}

/// What `validate` (and, until checking exists, `make demo`) prints.
enum Summary {
    static func text(_ inv: Inventory, language: Language) -> String {
        let counts = inv.counts.map { kind, n in
            language == .zh ? "\(kind.name.zh) \(n)" : "\(n) \(kind.name.en)\(n == 1 ? "" : "s")"
        }
        if language == .zh {
            return """
            ✓ 台账有效：\(inv.name)（区划 \(inv.region)，\(inv.level)）
              文件 \(inv.files.count) 个：\(counts.joined(separator: "，"))
            """ + skipped(inv, language: language)
        }
        return """
        ✓ valid inventory: \(inv.name) (region \(inv.region), \(inv.level))
          \(inv.files.count) files: \(counts.joined(separator: ", "))
        """ + skipped(inv, language: language)
    }

    /// One line per reason for what the walk left out (issue #19 item 9), a few names each.
    static func skipped(_ inv: Inventory, language: Language) -> String {
        let zh = language == .zh
        var out = ""
        let reasons: [(InventoryFiles.Skipped.Reason, String, String)] = [
            (.hidden, "隐藏（以 . 开头）", "hidden (the name starts with a dot)"),
            (.extensionCase, "扩展名大小写不符（只读 .yaml 和 .yml）", "the extension's case differs (only .yaml and .yml are read)"),
            (.alreadyRead, "经链接重复，已从另一路径读取", "a link to what was already read by another path"),
        ]
        for (reason, whyZh, whyEn) in reasons {
            let paths = inv.skipped.filter { $0.reason == reason }.map(\.path)
            guard !paths.isEmpty else { continue }
            var shown = paths.prefix(5).joined(separator: ", ")
            if paths.count > 5 { shown += zh ? " 等" : ", …" }
            out += zh ? "\n  跳过 \(paths.count) 项，\(whyZh)：\(shown)" : "\n  skipped \(paths.count): \(whyEn): \(shown)"
        }
        return out
    }

    static func json(_ inv: Inventory) -> JSON {
        .object([
            ("valid", .bool(true)),
            ("inventory", .object([("name", .string(inv.name)), ("region", .string(inv.region)), ("level", .string(inv.level))])),
            ("files", .array(inv.files.map(JSON.string))),
            ("counts", .object(inv.counts.map { ($0.0.key, .int(Int64($0.1))) })),
        ])
    }

    static func json(errors: DiagnosticList) -> JSON {
        .object([
            ("valid", .bool(false)),
            ("errors", .array(errors.diagnostics.map { d in
                .object([
                    ("file", d.location.map { .string($0.file) } ?? .null),
                    ("line", d.location.map { .int(Int64($0.line)) } ?? .null),
                    ("column", d.location.map { .int(Int64($0.column)) } ?? .null),
                    ("message", .string(d.message.zh)),
                    ("message_en", .string(d.message.en)),
                ])
            })),
            ("omitted", .int(Int64(errors.omitted))),
        ])
    }
}
