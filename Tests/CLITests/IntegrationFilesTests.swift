import Foundation
import Testing

/// The files that plug yunwang into other tools: shell completions (and
/// `make install`), `.pre-commit-hooks.yaml`, and the pipelines in docs/ci.md,
/// whose every `yunwang` command line must use flags the command really has.
@Suite("CI integration files")
struct IntegrationFilesTests {
    // MARK: - Flags from --help

    /// What `yunwang <command> --help` lists: its flags and, per option, the values it names.
    struct Help {
        var flags: Set<String>
        var values: [String: Set<String>]
    }

    nonisolated(unsafe) static var helpCache: [String: Help] = [:]
    static let helpLock = NSLock()

    /// Built-in options of the root command that its help does not list.
    static let rootBuiltins: Set<String> = ["--generate-completion-script", "--version", "--help", "-h"]

    static func help(_ command: [String]) throws -> Help {
        let key = command.joined(separator: " ")
        helpLock.lock()
        if let cached = helpCache[key] { helpLock.unlock(); return cached }
        helpLock.unlock()
        let r = try CLI.run(command + ["--help"])
        #expect(r.code == 0, "yunwang \(key) --help: \(r.err)")
        let text = r.out
        var flags: Set<String> = command.isEmpty ? rootBuiltins : []
        var values: [String: Set<String>] = [:]
        let flagLine = try NSRegularExpression(pattern: #"^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)"#, options: [.anchorsMatchLines])
        for m in flagLine.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            if let range = Range(m.range(at: 1), in: text) { flags.insert(String(text[range])) }
        }
        // "(values: text, json, sarif; default: text)", possibly wrapped over lines.
        let flat = text.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        // A description never runs into the next option: stop at " --name".
        let valueList = try NSRegularExpression(pattern: #"(--[a-z][a-z0-9-]*) <[^>]+> (?:(?! --[a-z])[^(])*\(values: ([^;)]*)"#)
        for m in valueList.matches(in: flat, range: NSRange(flat.startIndex..., in: flat)) {
            guard let f = Range(m.range(at: 1), in: flat), let v = Range(m.range(at: 2), in: flat) else { continue }
            values[String(flat[f])] = Set(flat[v].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        let help = Help(flags: flags, values: values)
        helpLock.lock()
        helpCache[key] = help
        helpLock.unlock()
        return help
    }

    // MARK: - yunwang command lines in text

    struct Invocation: CustomStringConvertible {
        var command: [String]
        var arguments: [String]
        var line: String
        var description: String { line }
    }

    static let subcommands: [String: Set<String>] = [
        "": ["validate", "check", "report", "site", "diff", "policy", "plan", "schema", "init", "help"],
        "policy": ["list", "show", "test", "eval"],
        "plan": ["list"],
    ]

    /// Every `yunwang …` command in shell-like text: continuation lines joined,
    /// quotes dropped, up to a pipe, redirection, `;`, `&&` or comment.
    static func invocations(in text: String) -> [Invocation] {
        let joined = text.replacingOccurrences(of: "\\\n", with: " ")
        var out: [Invocation] = []
        for line in joined.split(separator: "\n").map(String.init) {
            let cleaned = line.map { "'\"`()".contains($0) ? " " : $0 }
            let tokens = String(cleaned).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            var i = 0
            while i < tokens.count {
                // `--workflow yunwang`, `--name yunwang`: a value of another tool's flag, not a call.
                guard tokens[i] == "yunwang", i == 0 || !tokens[i - 1].hasPrefix("-") else { i += 1; continue }
                i += 1
                var command: [String] = []
                while i < tokens.count, let next = subcommands[command.last ?? ""], next.contains(tokens[i]) {
                    command.append(tokens[i])
                    i += 1
                    if subcommands[command.last ?? ""] == nil { break }
                }
                var arguments: [String] = []
                while i < tokens.count, !["|", "||", "&&", ";", ">", ">>", "2>", "<"].contains(tokens[i]), !tokens[i].hasPrefix("#") {
                    arguments.append(tokens[i])
                    i += 1
                }
                out.append(Invocation(command: command, arguments: arguments, line: line.trimmingCharacters(in: .whitespaces)))
            }
        }
        return out
    }

    /// Flags an invocation uses that its command's help does not list, and
    /// values it gives an option that the help does not name.
    static func unknownFlags(_ invocation: Invocation) throws -> [String] {
        let help = try help(invocation.command)
        var problems: [String] = []
        let args = invocation.arguments
        for (i, arg) in args.enumerated() where arg.hasPrefix("-") && arg != "-" && arg != "--" {
            let flag = String(arg.split(separator: "=", maxSplits: 1)[0])
            guard flag.hasPrefix("--") || flag == "-h" else { continue }
            if !help.flags.contains(flag) {
                problems.append(flag)
                continue
            }
            let value = arg.contains("=") ? String(arg.split(separator: "=", maxSplits: 1)[1]) : (i + 1 < args.count ? args[i + 1] : "")
            if let allowed = help.values[flag], !value.hasPrefix("$"), !value.isEmpty, !allowed.contains(value) {
                problems.append("\(flag) \(value)")
            }
        }
        return problems
    }

    /// Fenced code blocks of the given languages in a Markdown file.
    static func codeBlocks(_ markdown: String, languages: Set<String>) -> [(String, String)] {
        var blocks: [(String, String)] = []
        var current: (String, [String])?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if let (lang, body) = current {
                    if languages.contains(lang) { blocks.append((lang, body.joined(separator: "\n"))) }
                    current = nil
                } else {
                    current = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), [])
                }
            } else if current != nil {
                current!.1.append(line)
            }
        }
        return blocks
    }

    // MARK: - Tests

    @Test func theFlagCheckerCatchesMistakes() throws {
        let found = Self.invocations(in: """
        yunwang check inventory/ --format sarif --output x.sarif --fail-on never | tee log
        run: yunwang diff "$A" b.json --format markdown >> "$GITHUB_STEP_SUMMARY" --not-a-flag
        sh 'yunwang policy eval --data f.yaml -- data'
        yunwang check inv/ \\
          --fail-on high --no-such-flag
        yunwang check --format=xml
        yunwang-check is a hook id, not a command
        """)
        #expect(found.map(\.command) == [["check"], ["diff"], ["policy", "eval"], ["check"], ["check"]])
        #expect(try Self.unknownFlags(found[0]).isEmpty)
        #expect(try Self.unknownFlags(found[1]).isEmpty)
        #expect(try Self.unknownFlags(found[2]).isEmpty)
        #expect(try Self.unknownFlags(found[3]) == ["--no-such-flag"])
        #expect(try Self.unknownFlags(found[4]) == ["--format xml"])
    }

    @Test func everyYunwangCommandInCIDocsUsesRealFlags() throws {
        let doc = try String(contentsOf: CLI.repository.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let blocks = Self.codeBlocks(doc, languages: ["sh", "yaml", "groovy", "dockerfile"])
        #expect(blocks.filter { $0.0 == "sh" }.count >= 3)
        #expect(blocks.filter { $0.0 == "yaml" }.count >= 4)
        let invocations = blocks.flatMap { Self.invocations(in: $0.1) }
        #expect(invocations.count >= 25)
        for invocation in invocations {
            let problems = try Self.unknownFlags(invocation)
            #expect(problems.isEmpty, "docs/ci.md: `\(invocation)` uses \(problems)")
        }
        // The pipelines do what the page promises.
        let used = Set(invocations.flatMap { inv in inv.arguments.filter { $0.hasPrefix("--") }.map { "\(inv.command.joined(separator: " ")) \($0)" } })
        for expected in ["check --baseline", "check --fail-on", "check --output", "check --format", "check --quarter", "diff --format"] {
            #expect(used.contains(expected), "\(expected)")
        }
        let formats = Set(invocations.flatMap { inv in zip(inv.arguments, inv.arguments.dropFirst()).filter { $0.0 == "--format" }.map(\.1) })
        #expect(formats.isSuperset(of: ["sarif", "junit", "json", "markdown"]))
        for marker in ["artifacts:", "junit: yunwang-junit.xml", "codequality:", "github/codeql-action/upload-sarif", "mikepenz/action-junit-report",
                       "junit testResults:", "archiveArtifacts", "yaml-language-server: $schema=", "yunwang init", "--generate-completion-script"] {
            #expect(doc.contains(marker), "\(marker)")
        }
    }

    @Test func preCommitHooksParseAndNameTheTwoHooks() throws {
        let r = try CLI.run(["policy", "eval", "--format", "json", "--data", ".pre-commit-hooks.yaml", "--", "data"])
        try #require(r.code == 0, "\(r.err)")
        let hooks = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        #expect(hooks.compactMap { $0["id"] as? String } == ["yunwang-validate", "yunwang-check"])
        let entries = hooks.compactMap { $0["entry"] as? String }
        #expect(entries == ["yunwang validate", "yunwang check --fail-on high"])
        for hook in hooks {
            #expect(hook["language"] as? String == "system")
            #expect(hook["pass_filenames"] as? Bool == false)
            #expect(!(hook["name"] as? String ?? "").isEmpty)
            let pattern = try #require(hook["files"] as? String)
            let regex = try NSRegularExpression(pattern: pattern)
            func matches(_ s: String) -> Bool { regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }
            #expect(matches("units.yaml") && matches("terminals/bt-sjj.yml"))
            #expect(!matches("README.md") && !matches("findings.json") && !matches("notes.yaml.bak"))
        }
        for invocation in Self.invocations(in: entries.joined(separator: "\n")) {
            #expect(try Self.unknownFlags(invocation).isEmpty, "\(invocation)")
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsGenerate(_ shell: String) throws {
        let r = try CLI.run(["--generate-completion-script", shell])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.count > 500)
        for word in ["validate", "check", "diff", "fail-on", "baseline"] {
            #expect(r.out.contains(word), "\(shell): \(word)")
        }
    }

    @Test func completionsInstallIntoTheStandardPlaces() throws {
        let dir = try Scratch()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", CLI.repository.appendingPathComponent("scripts/install-completions.sh").path, CLI.binary.path, dir.path("stage/usr")]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for path in ["share/bash-completion/completions/yunwang", "share/zsh/site-functions/_yunwang", "share/fish/vendor_completions.d/yunwang.fish"] {
            let text = try String(contentsOfFile: dir.path("stage/usr/\(path)"), encoding: .utf8)
            #expect(text.contains("validate"), "\(path)")
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: dir.path("stage")).filter { $0.contains(".yunwang-completion") }
        #expect(leftovers.isEmpty)
    }

    /// `make -n install` (nothing is built or copied) shows PREFIX and DESTDIR in every target path.
    @Test func makeInstallHonoursPrefixAndDestdir() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["make", "-n", "-C", CLI.repository.path, "install", "PREFIX=/opt/yw", "DESTDIR=/tmp/stage"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(out)")
        #expect(out.contains("swift build -c release --product yunwang"))
        #expect(out.contains("\"/tmp/stage/opt/yw/bin/yunwang\""))
        #expect(out.contains("scripts/install-completions.sh .build/release/yunwang \"/tmp/stage/opt/yw\""))
        let defaults = Process()
        defaults.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        defaults.arguments = ["make", "-n", "-C", CLI.repository.path, "install"]
        let pipe2 = Pipe()
        defaults.standardOutput = pipe2
        defaults.standardError = pipe2
        try defaults.run()
        let out2 = String(decoding: pipe2.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        defaults.waitUntilExit()
        #expect(out2.contains("\"/usr/local/bin/yunwang\""))
    }
}
