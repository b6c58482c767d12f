import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The bad-input corpus (Tests/Corpus/bad/<case>/, described in docs/hardening.md):
/// every case runs through the built binary, and each run must end the way
/// DESIGN §5 and §8 say — the expected exit code (2 for bad input; 1 where a
/// rule's examples or an expression's evaluation report the error), the first
/// message naming `file:line:column`, within seconds, under 1 GiB, never by a
/// signal, nothing on standard output when it fails, and an `--output` file
/// neither created nor touched.
///
/// case.json:
///
///     {"about": "…",
///      "generate": [{"path": "inv/b.yaml", "parts": [["x: ", 1], ["[", 10000], ["]", 10000]],
///                    "ladder": {"line": "k:", "count": 3000, "last": " 1"}}],
///      "runs": [{"args": ["check", "inv", "--output", "@OUT"], "exit": 2,
///                "stream": "stderr", "at": "b.yaml:3", "first": "literal prefix",
///                "stdoutTo": "/dev/full"}]}
///
/// `generate` writes big inputs at test time (each part repeated, `{n}` in it
/// numbered from 0; a ladder is lines indented one more space each; `nameHex`
/// names the file inside `path` by raw bytes, for names that are not UTF-8). In `args`, `@OUT` is an output file
/// outside the case folder (`@OUT:report.html`, or `@OUT:site` for a folder) and `@file:NAME` the
/// text of a file of the case.
/// `at` is `file:line` (a column must follow); `first` a literal prefix.
@Suite("bad-input corpus")
struct BadInputCorpusTests {
    static let corpus = CLI.repository.appendingPathComponent("Tests/Corpus/bad")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: corpus.appendingPathComponent($0).appendingPathComponent("case.json").path) }.sorted()
    }()

    struct Spec: Decodable {
        struct Generate: Decodable {
            struct Ladder: Decodable {
                var line: String
                var count: Int
                var last: String?
            }
            var path: String
            /// The file's name under `path` (a folder) as hex bytes, for names that are not UTF-8.
            var nameHex: String?
            var parts: [Part]?
            var ladder: Ladder?
        }
        /// ["text", count]
        struct Part: Decodable {
            var text: String
            var count: Int
            init(from decoder: any Decoder) throws {
                var c = try decoder.unkeyedContainer()
                text = try c.decode(String.self)
                count = try c.decode(Int.self)
            }
        }
        struct Run: Decodable {
            var args: [String]
            var exit: Int32
            var stream: String?
            var at: String?
            var first: String?
            /// Standard output goes here instead of a file (`/dev/full`: a full disk).
            var stdoutTo: String?
        }
        var about: String
        var generate: [Generate]?
        var runs: [Run]
    }

    static let limitSeconds = 10.0
    static let limitKiB = 1 << 20  // 1 GiB

    @Test("a bad input is handled", arguments: cases)
    func badInput(_ name: String) throws {
        let source = Self.corpus.appendingPathComponent(name)
        let spec = try JSONDecoder().decode(Spec.self, from: Data(contentsOf: source.appendingPathComponent("case.json")))
        let scratch = try Scratch()
        let work = scratch.url.appendingPathComponent("case")
        try FileManager.default.copyItem(at: source, to: work)
        for g in spec.generate ?? [] {
            try Self.generate(g, in: work)
        }
        #expect(!spec.runs.isEmpty, "\(name): no runs")
        for (i, run) in spec.runs.enumerated() {
            let label = "\(name)[\(i)] \(run.args.prefix(2).joined(separator: " "))"
            let outDir = scratch.url.appendingPathComponent("out-\(i)")
            try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
            // `@OUT` or `@OUT:NAME` (NAME without an extension is a folder, as for `site`).
            let outArg = run.args.first { $0 == "@OUT" || $0.hasPrefix("@OUT:") }
            let outName = outArg.map { $0 == "@OUT" ? "findings.json" : String($0.dropFirst(5)) } ?? "findings.json"
            let out = outDir.appendingPathComponent(outName)
            let outIsFolder = !outName.contains(".")
            let args = try run.args.map { a -> String in
                if a == outArg { return out.path }
                if a.hasPrefix("@file:") { return try String(contentsOf: work.appendingPathComponent(String(a.dropFirst(6))), encoding: .utf8) }
                return a
            }
            let usesOutput = outArg != nil
            // Once without an output, once over an existing one (it must stay as it was).
            for existing in usesOutput ? [false, true] : [false] {
                let sentinel = Data("earlier output, not to be touched\n".utf8)
                let sentinelFile = outIsFolder ? out.appendingPathComponent("index.html") : out
                if existing {
                    if outIsFolder { try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true) }
                    try sentinel.write(to: sentinelFile)
                }
                let r = try Self.spawn(CLI.binary.path, args, in: work, stdoutTo: run.stdoutTo)
                let tag = existing ? "\(label) (over an existing --output)" : label
                #expect(r.signal == nil, "\(tag): killed by signal \(r.signal ?? 0)\(r.timedOut ? " (timed out)" : ""); stderr: \(r.err.prefix(400))")
                #expect(r.code == run.exit, "\(tag): exit \(r.code), want \(run.exit); stderr: \(r.err.prefix(400)); stdout: \(r.out.prefix(200))")
                #expect(r.seconds < Self.limitSeconds, "\(tag): took \(r.seconds) s")
                #expect(r.maxRSSKiB < Self.limitKiB, "\(tag): peak RSS \(r.maxRSSKiB / 1024) MiB")
                let stream = (run.stream ?? "stderr") == "stdout" ? r.out : r.err
                let firstLine = stream.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                if let at = run.at {
                    #expect(Self.startsWith(firstLine, place: at), "\(tag): first line \(firstLine.prefix(300).debugDescription), want \(at):COLUMN:")
                }
                if let first = run.first {
                    #expect(firstLine.hasPrefix(first), "\(tag): first line \(firstLine.prefix(300).debugDescription), want prefix \(first.debugDescription)")
                }
                if run.exit == 2 {
                    #expect(r.out.isEmpty, "\(tag): wrote to standard output: \(r.out.prefix(200))")
                }
                if usesOutput, run.exit == 2 {
                    let left = try FileManager.default.contentsOfDirectory(atPath: outDir.path)
                    if existing {
                        #expect(left == [outName], "\(tag): files beside the output: \(left)")
                        #expect((try? Data(contentsOf: sentinelFile)) == sentinel, "\(tag): the existing output was changed")
                        if outIsFolder {
                            let inside = try FileManager.default.contentsOfDirectory(atPath: out.path)
                            #expect(inside == ["index.html"], "\(tag): the existing output folder now holds \(inside)")
                        }
                    } else {
                        #expect(left.isEmpty, "\(tag): wrote \(left)")
                    }
                }
                try? FileManager.default.removeItem(at: out)
            }
        }
    }

    @Test func theCorpusCoversDesignsList() {
        // DESIGN §8 and issue #8: the kinds of bad input the corpus must hold.
        let needed = ["yaml-", "billion-laughs", "deep-", "file-over-", "mlps-level-", "utf8-", "duplicate-key", "wrong-type-",
                      "dangling-", "unknown-key", "policy-yaml-syntax-error", "policy-missing-", "policy-unknown-key",
                      "policy-cel-syntax-error", "policy-cel-type-error", "policy-cel-undeclared-variable", "policy-citation-",
                      "policy-duplicate-id", "policy-examples-that-fail", "cel-nested-all-8-deep", "cel-string-doubling",
                      "cel-list-doubling", "cel-huge-map", "cel-deep-parentheses", "cel-int-overflow", "eval-"]
        for prefix in needed {
            #expect(Self.cases.contains { $0.hasPrefix(prefix) }, "no case named \(prefix)…")
        }
        #expect(Self.cases.count >= 100)
    }

    /// `line` starts with `file:line:` followed by a column and a colon.
    static func startsWith(_ line: String, place: String) -> Bool {
        guard line.hasPrefix(place + ":") else { return false }
        let rest = line.dropFirst(place.count + 1)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && rest.dropFirst(digits.count).hasPrefix(":")
    }

    static func generate(_ g: Spec.Generate, in dir: URL) throws {
        let url = dir.appendingPathComponent(g.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var data = Data()
        for p in g.parts ?? [] {
            let unit = Data(p.text.utf8)
            if p.text.contains("{n}") {
                for n in 0..<p.count { data.append(Data(p.text.replacingOccurrences(of: "{n}", with: String(n)).utf8)) }
            } else if unit.count == 1 {
                data.append(Data(repeating: unit[unit.startIndex], count: p.count))
            } else {
                for _ in 0..<p.count { data.append(unit) }
            }
        }
        if let l = g.ladder {
            for i in 1...l.count {
                data.append(Data(repeating: 0x20, count: i))
                data.append(Data((l.line + (i == l.count ? l.last ?? "" : "") + "\n").utf8))
            }
        }
        guard let hex = g.nameHex else {
            try data.write(to: url)
            return
        }
        // open(2) with the raw bytes: Foundation's paths are Strings and would repair them.
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var bytes = Array(url.path.utf8) + [UInt8(ascii: "/")]
        var i = hex.startIndex
        while i < hex.endIndex, let j = hex.index(i, offsetBy: 2, limitedBy: hex.endIndex), let b = UInt8(hex[i..<j], radix: 16) {
            bytes.append(b)
            i = j
        }
        bytes.append(0)
        let fd = bytes.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    struct Outcome {
        var code: Int32
        var signal: Int32?
        var timedOut: Bool
        var out: String
        var err: String
        var seconds: Double
        var maxRSSKiB: Int
    }

    /// posix_spawn + wait4, so the child's peak RSS and any signal are known
    /// (Foundation's Process reports neither). The child runs in `directory`
    /// through `sh -c 'cd "$0" && exec "$@"'`, which keeps the same process.
    static func spawn(_ binary: String, _ arguments: [String], in directory: URL, stdoutTo: String? = nil, timeout: Double = 60) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("yw-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("out").path, errPath = scratch.appendingPathComponent("err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutTo ?? outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path, binary] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cArgs.append(nil)
        defer { for p in cArgs { free(p) } }

        var pid: pid_t = 0
        let start = Date()
        let rc = posix_spawn(&pid, "/bin/sh", &actions, nil, cArgs, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0, errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if !timedOut, Date().timeIntervalSince(start) > timeout {
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(start)
        // WIFEXITED / WTERMSIG by hand: the C macros are not imported.
        let termSignal = status & 0x7f
        let exited = termSignal == 0
        return Outcome(
            code: exited ? (status >> 8) & 0xff : -1,
            signal: exited ? nil : termSignal,
            timedOut: timedOut,
            out: String(decoding: (FileManager.default.contents(atPath: outPath)) ?? Data(), as: UTF8.self),
            err: String(decoding: (FileManager.default.contents(atPath: errPath)) ?? Data(), as: UTF8.self),
            seconds: seconds,
            maxRSSKiB: usage.ru_maxrss)
    }
}
