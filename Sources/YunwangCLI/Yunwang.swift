import ArgumentParser
import Diagnostics
import Foundation

/// `yunwang`: checks inventories of government extranets against policy rules.
public struct Yunwang: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "yunwang",
        abstract: "云网：按政策文件检查电子政务外网、信息系统和政务云台账。Check extranet, system and cloud inventories against policy documents.",
        discussion: """
        台账（inventory）是一个目录（或一个文件），其中每个 .yaml/.yml 文件都按 schema v1 书写。
        An inventory is a directory (or one file) of YAML files in schema v1.

        退出码 / exit codes:
          0  运行成功，没有达到 --fail-on 的问题 / ran, nothing at or above --fail-on is open
          1  运行成功，有达到 --fail-on 的问题 / ran, such findings are open
          2  输入或命令行有误（消息给出 文件:行:列）/ the input or command line is wrong (file:line:column)

        示例 / examples:
          yunwang init my-inventory --region 150200
          yunwang validate examples/baotou
          yunwang schema > inventory.schema.json
        """,
        version: version,
        subcommands: [Validate.self, Check.self, Report.self, SiteCommand.self, NoticeCommand.self, Diff.self, PolicyCommand.self, PlanCommand.self, Schema.self, Init.self]
    )

    public init() {}

    /// Parse, run, and exit with 0/1/2 as DESIGN §5 says (argument errors are 2, not 64).
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            // print() goes through stdio: a full disk or /dev/full shows only in its error flag.
            if standardOutputFailed() {
                throw CommandFailure(code: 2, message: "<stdout>: 错误: 无法写入标准输出 / error: cannot write to standard output")
            }
            Foundation.exit(0)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            Foundation.exit(failure.code)
        } catch let list as DiagnosticList {
            FileHandle.standardError.write(Data((list.rendered(currentLanguage) + "\n").utf8))
            Foundation.exit(2)
        } catch let diagnostic as Diagnostic {
            FileHandle.standardError.write(Data((diagnostic.rendered(currentLanguage) + "\n").utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == ExitCode(1) ? 1 : 2)
        }
    }
}

/// A failure with a chosen exit code and a message already in the user's language.
struct CommandFailure: Error {
    var code: Int32
    var message: String
}

/// Whether C's `stdout` (where print() writes) failed to write, after flushing it.
/// Swift 6 does not let code read the `stdout` global, so it is looked up by name.
func standardOutputFailed() -> Bool {
    guard let symbol = dlsym(nil, "stdout") else { return fflush(nil) != 0 }
    let file = symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
    return fflush(file) != 0 || ferror(file) != 0
}

/// Standard output, written with an error instead of a trap when it cannot be
/// written (a full disk, /dev/full, a closed pipe): exit 2 with a message.
func writeStandardOutput(_ data: Data) throws {
    do {
        try FileHandle.standardOutput.write(contentsOf: data)
    } catch {
        throw CommandFailure(code: 2, message: "<stdout>: 错误: 无法写入标准输出 / error: cannot write to standard output: \(error.localizedDescription)")
    }
}

/// Large values kept until the process exits: a one-shot command need not
/// spend a second freeing a million objects just before `exit`.
nonisolated(unsafe) var keptUntilExit: [Any] = []

/// The language chosen with `--lang` (Chinese unless asked otherwise), read
/// when errors escape a command.
nonisolated(unsafe) var currentLanguage: Language = .zh
