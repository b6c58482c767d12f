import Foundation
import Testing
@testable import CEL

/// Runs every example in docs/cel.md: each line of a ```cel block has the form
/// `expr  // => expected`, where `expected` is a CEL expression the result must equal
/// or `error: text` for an error containing `text`. A line without `// =>` continues
/// the expression on the next line.
@Suite struct DocExamplesTests {
    static let bindings: [String: Value] = {
        let setup = [
            "self": "{'id': 'bt-0001', 'ip': '10.1.2.3', 'software': ['WPS Office', 'ToDesk']}",
            "params": "{'remote_software': ['向日葵', 'ToDesk', 'TeamViewer', 'AnyDesk']}",
            "asOf": "date('2026-09-30')",
        ]
        return setup.mapValues { eval($0) }
    }()

    static func examples() throws -> [(line: Int, expr: String, expected: String)] {
        let url = testsDirectory().appendingPathComponent("../../docs/cel.md").standardizedFileURL
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [(Int, String, String)] = []
        var inBlock = false
        var pending = ""
        for (n, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                inBlock = line == "```cel"
                pending = ""
                continue
            }
            guard inBlock else { continue }
            if let r = line.range(of: "  // => ") {
                out.append((n + 1, pending + String(line[..<r.lowerBound]), String(line[r.upperBound...])))
                pending = ""
            } else {
                pending += line + "\n"
            }
        }
        return out
    }

    @Test func everyDocExampleHolds() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 60)
        for (line, expr, expected) in examples {
            let got = eval(expr, Self.bindings)
            if expected.hasPrefix("error: ") {
                let fragment = String(expected.dropFirst("error: ".count))
                if case .error(let e) = got, e.message.contains(fragment), !e.message.hasPrefix("PARSE") { continue }
                Issue.record("docs/cel.md:\(line): \(expr) => \(TypedJSON.encode(got)), want error containing '\(fragment)'")
            } else {
                let want = eval(expected, Self.bindings)
                #expect(!want.isError, "docs/cel.md:\(line): expected side does not evaluate: \(expected)")
                #expect(strictEqual(got, want), "docs/cel.md:\(line): \(expr) => \(TypedJSON.encode(got)), want \(TypedJSON.encode(want))")
            }
        }
    }
}
