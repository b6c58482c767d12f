import ArgumentParser
import CEL
import Diagnostics
import Foundation
import Policy
import YAML

struct PolicyEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "计算一个 CEL 表达式 / Evaluate one CEL expression.",
        discussion: """
        --data 把 YAML 文件的内容绑定为变量 data；--var 用带类型的 JSON 绑定变量。
        --data binds a YAML file's content as `data`; --var binds a variable from typed JSON:
          {"int":"5"} {"uint":"5"} {"double":1.5} {"string":"…"} {"bytes":"<base64>"} {"bool":true}
          {"null":null} {"list":[…]} {"map":[{"key":…,"value":…}]} {"timestamp":"RFC3339"} {"duration":"1.5s"}

        退出码 / exit: 0 有结果 result, 1 求值错误（输出 {"error":"…"}）evaluation error, 2 语法或输入错误 parse or input error.

        示例 / examples:
          yunwang policy eval -- "date('2024-01-31').addMonths(1)"
          yunwang policy eval --var x='{"int":"41"}' --format typed -- "x + 1"
          yunwang policy eval --format json --data inventory.yaml -- data
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, typed }

    @Option(help: ArgumentHelp("把 YAML 文件绑定为 data / bind a YAML file as `data`", valueName: "file.yaml"))
    var data: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("NAME=TYPED_JSON，可重复 / bind a variable (repeatable)", valueName: "name=typed-json"))
    var variables: [String] = []

    @Option(help: "输出格式 json|typed / output format")
    var format: Format = .json

    @Option(help: ArgumentHelp("单个文件的大小上限（字节）/ largest --data file, in bytes", valueName: "bytes"))
    var maxFileSize: Int = LoadLimits().maxFileSize

    @Argument(help: ArgumentHelp("CEL 表达式（放在 -- 之后）/ the CEL expression (after --)", valueName: "expr"))
    var expression: String

    func validate() throws {
        for v in variables where !v.contains("=") {
            throw ValidationError("--var 需写成 NAME=TYPED_JSON / --var takes NAME=TYPED_JSON: \(v)")
        }
    }

    func run() throws {
        var bindings: [String: Value] = [:]
        for v in variables {
            guard let eq = v.firstIndex(of: "=") else { continue }
            let name = String(v[..<eq]), json = String(v[v.index(after: eq)...])
            do {
                bindings[name] = try TypedJSON.decode(json)
            } catch {
                throw CommandFailure(code: 2, message: "--var \(name): 错误 / error: \(error.message)")
            }
        }
        if let data {
            let node = try YAMLLoader(limits: LoadLimits(maxFileSize: maxFileSize), tagPolicy: .lenient).load(contentsOf: data)
            bindings["data"] = node?.celValue ?? .null
        }
        let program: Program
        do {
            program = try Program(parsing: expression)
        } catch {
            throw CommandFailure(code: 2, message: "ERROR: <input>:\(error.line):\(error.column): \(error.message)\n\(error.excerpt)")
        }
        let result = program.evaluate(Activation(bindings))
        if case .error(let e) = result {
            print("{\"error\":\(JSONText.quoted(e.message))}")
            throw ExitCode(1)
        }
        print(format == .typed ? TypedJSON.encode(result) : PlainJSON.encode(result))
    }
}
