import Foundation
import Testing

/// docs/performance.md: the benchmark generator writes an inventory that
/// validates, the check over it finds its planted violations, and
/// `check --timings` names the steps the page describes.
@Suite("docs/performance.md")
struct PerformanceDocsTests {
    @Test func theGeneratedProvinceValidatesAndTimingsNameTheSteps() throws {
        let dir = try Scratch()
        let out = dir.path("inv")
        let generator = CLI.repository.appendingPathComponent("bench/generate.py").path
        let gen = try CLI.python("""
            import subprocess, sys
            sys.exit(subprocess.call([sys.executable, sys.argv[1], "--scale", "0.005", "--out", sys.argv[2], "--quiet"]))
            """, [generator, out])
        #expect(gen.code == 0, "\(gen.out)")

        let validate = try CLI.run(["validate", out, "--lang", "en"])
        #expect(validate.code == 0, "\(validate.err)")

        let check = try CLI.run(["check", out, "--format", "json", "--output", dir.path("findings.json"), "--timings", "--lang", "en"])
        #expect(check.code == 1, "violations are planted: \(check.err)")
        let lines = check.err.split(separator: "\n").map(String.init)
        let steps = lines.filter { $0.contains("step: ") }.map { $0.components(separatedBy: "step: ").last ?? "" }
        let ruleCount = try CLI.run(["policy", "list"]).out.split(separator: "\n").count
        #expect(steps == ["load policies", "load + validate inventory", "evaluate \(ruleCount) rules", "render json", "write"], "\(steps)")
        // Then one line per rule, slowest first.
        let rules = lines.filter { !$0.contains("step: ") && $0.contains(" s  ") }
        let seconds = rules.compactMap { Double($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") }
        #expect(rules.count >= 56, "\(rules.count) rule lines")
        #expect(seconds.count == rules.count)
        #expect(seconds == seconds.sorted(by: >))

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("findings.json")))) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        #expect(findings.count > 10)
    }
}
