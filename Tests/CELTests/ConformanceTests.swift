import Foundation
import Testing
@testable import CEL

/// Where cel-spec's simple tests are: `../shared/reference/cel-spec` beside the repository
/// (google/cel-spec `tests/simple/testdata`, Apache-2.0, LICENSE beside them). A bare clone
/// has no `../shared`: the test is skipped with one line; `YUNWANG_REQUIRE_SOURCES=1` (CI)
/// makes a missing folder a failure.
enum CELSpecSource {
    static let folder = testsDirectory().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/reference/cel-spec").standardizedFileURL
    static var required: Bool { ProcessInfo.processInfo.environment["YUNWANG_REQUIRE_SOURCES"] == "1" }
    static var present: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
    static var runs: Bool { present || required }
    static var skipped: Comment {
        Comment(rawValue: "skipped the cel-spec conformance cases: \(folder.path) is absent (a bare clone); YUNWANG_REQUIRE_SOURCES=1 makes it a failure")
    }

    /// The 13 core files and the extension files, as cel-spec names them.
    static let core = ["basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists", "logic",
                       "macros", "parse", "plumbing", "string", "timestamps"]
    static let extensions = ["bindings_ext", "encoders_ext", "macros2", "math_ext", "network_ext", "optionals", "string_ext"]
}

/// Runs every non-excluded case of cel-spec's simple conformance files, converted at test time
/// by `ConformanceConverter`. Every failing case must be listed in
/// Conformance/known-failures.txt with a reason; the core files must pass ≥ 99% and the
/// extension files ≥ 95% of their cases.
@Suite struct ConformanceTests {
    static func knownFailures() throws -> [String: String] {
        let url = testsDirectory().appendingPathComponent("Conformance/known-failures.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = line.split(separator: ":", maxSplits: 1)
            out[parts[0].trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        return out
    }

    /// Nil when the case passes, else a description of the difference.
    static func run(_ c: ConformanceConverter.Case) -> String? {
        let program: Program
        do {
            // Plan-time function resolution plays the type-checker's part; cases run
            // with disable_check expect unknown functions to fail at evaluation.
            var options = CELOptions()
            options.strictFunctions = !c.disableCheck
            program = try Program(parsing: c.expr, options: options)
        } catch {
            // A call that no overload matches is refused when planned, as a checker would
            // refuse it; that is the error an unchecked evaluation expects.
            if c.expected == nil, error.message.contains("no matching overload") || error.message.contains("undeclared reference") {
                return nil
            }
            return "parse error: \(error.message)"
        }
        let result = program.evaluate(Activation(c.bindings))
        guard let want = c.expected else {
            if case .error = result { return nil }
            return "expected an error, got \(TypedJSON.encode(result))"
        }
        return strictEqual(result, want) ? nil : "expected \(TypedJSON.encode(want)), got \(TypedJSON.encode(result))"
    }

    @Test(.enabled(if: CELSpecSource.runs, CELSpecSource.skipped))
    func celSpecConformance() throws {
        guard CELSpecSource.present else {
            Issue.record("YUNWANG_REQUIRE_SOURCES=1 but \(CELSpecSource.folder.path) is absent (needed for the cel-spec conformance cases)")
            return
        }
        let known = try Self.knownFailures()
        var report = "cel-spec simple conformance (\(CELSpecSource.folder.path)):\n"
        report += "| file | passed | run | excluded |\n|---|---:|---:|---:|\n"
        var failures: [(String, String)] = []
        var totals: [Bool: (pass: Int, run: Int)] = [:]
        var measured: [String: String] = [:]
        for file in CELSpecSource.core + CELSpecSource.extensions {
            let url = CELSpecSource.folder.appendingPathComponent(file + ".textproto")
            let cases = try ConformanceConverter.cases(fileAt: url)
            var pass = 0, run = 0, excluded = 0
            for c in cases {
                if c.excluded != nil { excluded += 1; continue }
                run += 1
                if let why = Self.run(c) { failures.append((c.id, why)) } else { pass += 1 }
            }
            #expect(run > 0, "no runnable case in \(file).textproto")
            let isCore = CELSpecSource.core.contains(file)
            totals[isCore, default: (0, 0)].pass += pass
            totals[isCore, default: (0, 0)].run += run
            report += "| \(file) | \(pass) | \(run) | \(excluded) |\n"
            measured[file] = "\(pass)/\(run) | \(excluded)"
        }
        // docs/cel.md's table ("| file | passed/run | before | excluded |") must say what was measured.
        let doc = try String(contentsOf: testsDirectory().appendingPathComponent("../../docs/cel.md").standardizedFileURL, encoding: .utf8)
        var documented: [String: String] = [:]
        for line in doc.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 4, measured[cells[0]] != nil else { continue }
            documented[cells[0]] = "\(cells[1]) | \(cells[3])"
        }
        for (file, counts) in measured where documented[file] != counts {
            Issue.record("docs/cel.md's conformance table says \(file): \(documented[file] ?? "nothing"), measured \(counts) (passed/run | excluded)")
        }
        for (isCore, t) in totals.sorted(by: { $0.key && !$1.key }) {
            report += String(format: "%@: %d/%d (%.1f%%)\n", isCore ? "core" : "extensions", t.pass, t.run, 100 * Double(t.pass) / Double(max(1, t.run)))
        }
        for (id, why) in failures { report += "  FAIL \(id): \(why)\n" }
        print(report)
        for (id, why) in failures where known[id] == nil {
            Issue.record("unlisted conformance failure \(id): \(why)")
        }
        let failing = Set(failures.map(\.0))
        for id in known.keys where !failing.contains(id) {
            Issue.record("known failure now passes, remove it from known-failures.txt: \(id)")
        }
        let core = totals[true] ?? (0, 0), ext = totals[false] ?? (0, 0)
        #expect(Double(core.pass) >= 0.99 * Double(core.run), "core files below 99%")
        #expect(Double(ext.pass) >= 0.95 * Double(ext.run), "extension files below 95%")
    }
}
