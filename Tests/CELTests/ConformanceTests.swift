import Foundation
import Testing
@testable import CEL

/// Runs every non-excluded case of the cel-spec "simple" conformance fixture
/// (Conformance/simple.json, converted by tools/cel-conformance/convert.py).
/// Every failing case must be listed in Conformance/known-failures.txt with a reason,
/// and the pass rate must stay at or above 97%.
@Suite struct ConformanceTests {
    struct Case {
        let id: String
        let file: String
        let expr: String
        let bindings: [String: Value]
        let expected: JSONValue
        let disableCheck: Bool
    }

    static func loadCases() throws -> (cases: [Case], excluded: Int) {
        let url = testsDirectory().appendingPathComponent("Conformance/simple.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        guard case .object(let top) = try JSONText.parse(text),
              case .array(let items)? = top.first(where: { $0.key == "cases" })?.value else {
            throw TypedJSONError(message: "bad fixture")
        }
        var out: [Case] = []
        var excluded = 0
        for item in items {
            guard case .object(let m) = item else { continue }
            func field(_ k: String) -> JSONValue? { m.first(where: { $0.key == k })?.value }
            func str(_ k: String) -> String { if case .string(let s)? = field(k) { return s }; return "" }
            if case .string? = field("excluded") { excluded += 1; continue }
            var bindings: [String: Value] = [:]
            if case .object(let bs)? = field("bindings") {
                for b in bs { bindings[b.key] = try TypedJSON.decode(b.value) }
            }
            out.append(Case(id: "\(str("file"))/\(str("section"))/\(str("name"))", file: str("file"), expr: str("expr"),
                            bindings: bindings, expected: field("expected") ?? .null,
                            disableCheck: field("disable_check") == .bool(true)))
        }
        return (out, excluded)
    }

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
    static func run(_ c: Case) -> String? {
        let program: Program
        do {
            // Plan-time function resolution plays the type-checker's part; cases run
            // with disable_check expect unknown functions to fail at evaluation.
            var options = CELOptions()
            options.strictFunctions = !c.disableCheck
            program = try Program(parsing: c.expr, options: options)
        } catch {
            return "parse error: \(error.message)"
        }
        let result = program.evaluate(Activation(c.bindings))
        if case .object(let m) = c.expected, m.first?.key == "error" {
            if case .error = result { return nil }
            return "expected an error, got \(TypedJSON.encode(result))"
        }
        do {
            let want = try TypedJSON.decode(c.expected)
            return strictEqual(result, want) ? nil : "expected \(TypedJSON.encode(want)), got \(TypedJSON.encode(result))"
        } catch {
            return "bad expectation: \(error)"
        }
    }

    @Test func simpleConformance() throws {
        let (cases, excluded) = try Self.loadCases()
        let known = try Self.knownFailures()
        var perFile: [String: (pass: Int, total: Int)] = [:]
        var failures: [(String, String)] = []
        for c in cases {
            let failure = Self.run(c)
            perFile[c.file, default: (0, 0)].total += 1
            if let failure { failures.append((c.id, failure)) } else { perFile[c.file, default: (0, 0)].pass += 1 }
        }
        let passed = cases.count - failures.count
        var report = "cel-spec simple conformance: \(passed)/\(cases.count) passed (\(excluded) excluded)\n"
        for (file, s) in perFile.sorted(by: { $0.key < $1.key }) {
            report += "  \(file): \(s.pass)/\(s.total)\n"
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
        #expect(Double(passed) / Double(cases.count) >= 0.97, "pass rate below 97%")
    }
}
