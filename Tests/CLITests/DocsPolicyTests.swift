import Foundation
import Testing

/// docs/writing-policies.md and docs/rules.md are tested: every ```yaml block
/// starting with `id:` is a complete policy file whose examples pass, every
/// ```cel block evaluates to the JSON after `// =>`, and docs/rules.md is the
/// current output of `yunwang policy list --format markdown`.
@Suite("docs/writing-policies.md and docs/rules.md")
struct DocsPolicyTests {
    static let guide = "docs/writing-policies.md"

    /// (first line number, text) of every fenced block in `language`.
    static func blocks(_ language: String, in file: String) throws -> [(line: Int, text: String)] {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent(file), encoding: .utf8)
        var out: [(Int, String)] = []
        var current: [Substring]?
        var start = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```" + language {
                current = []
                start = i + 2
            } else if current != nil, trimmed == "```" {
                out.append((start, (current ?? []).joined(separator: "\n") + "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return out
    }

    /// Plain JSON normalised (sorted keys, no spaces) so `1` and `1.0` agree and spacing does not matter.
    static func normalized(_ json: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func policyBlocksAreCompleteFilesWhoseExamplesPass() throws {
        let policies = try Self.blocks("yaml", in: Self.guide).filter { $0.text.hasPrefix("id:") }
        #expect(policies.count >= 3, "docs/writing-policies.md should show complete policy files")
        let dir = try Scratch()
        var ids: Set<String> = []
        for block in policies {
            let firstLine = block.text.split(separator: "\n").first ?? ""
            let id = firstLine.dropFirst(3).trimmingCharacters(in: .whitespaces)
            #expect(!ids.contains(id), "\(Self.guide):\(block.line): rule id \(id) is used by two blocks")
            ids.insert(id)
            try dir.write("\(id).yaml", block.text)
        }
        let r = try CLI.run(["policy", "test", dir.url.path])
        #expect(r.code == 0, "policy test of the docs' policy blocks failed:\n\(r.out)\(r.err)")
        #expect(r.out.contains("\(policies.count) rules:"), "\(r.out)")
        #expect(r.out.contains(" 0 failed"), "\(r.out)")
    }

    @Test func celBlocksEvaluateToTheirResults() throws {
        let blocks = try Self.blocks("cel", in: Self.guide)
        #expect(blocks.count >= 5)
        for block in blocks {
            var expression: [String] = []
            var expected: String?
            for line in block.text.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("// =>") {
                    #expect(expected == nil, "\(Self.guide):\(block.line): one `// =>` line per block")
                    expected = String(trimmed.dropFirst(5)).trimmingCharacters(in: .whitespaces)
                } else {
                    expression.append(String(line))
                }
            }
            guard let expected else {
                Issue.record("\(Self.guide):\(block.line): a cel block needs a `// => RESULT` line")
                continue
            }
            let source = expression.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            let r = try CLI.run(["policy", "eval", "--format", "json", "--", source])
            let want = Self.normalized(expected)
            #expect(want != nil, "\(Self.guide):\(block.line): `// => \(expected)` is not JSON")
            let isError = expected.contains("\"error\"")
            #expect(r.code == (isError ? 1 : 0), "\(Self.guide):\(block.line): exit \(r.code)\n\(r.out)\(r.err)")
            #expect(Self.normalized(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) == want,
                    "\(Self.guide):\(block.line): \(source)\n=> \(r.out) want \(expected)")
        }
    }

    @Test func guideShowsCheckingWithOwnPolicies() throws {
        let sh = try Self.blocks("sh", in: Self.guide).map(\.text).joined()
        #expect(sh.contains("yunwang check examples/baotou --policies my-rules/"))
    }

    @Test func rulesReferenceIsCurrent() throws {
        let r = try CLI.run(["policy", "list", "--format", "markdown"])
        #expect(r.code == 0, "\(r.err)")
        let file = CLI.repository.appendingPathComponent("docs/rules.md")
        let onDisk = (try? Data(contentsOf: file)) ?? Data()
        let generated = Data(r.out.utf8)
        guard onDisk != generated else { return }
        let old = String(decoding: onDisk, as: UTF8.self).components(separatedBy: "\n")
        let new = r.out.components(separatedBy: "\n")
        let first = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
        let was = first < old.count ? old[first] : "<end of file>"
        let now = first < new.count ? new[first] : "<end of output>"
        Issue.record("""
            docs/rules.md is not the current output of `yunwang policy list --format markdown` \
            (first difference at line \(first + 1): file has "\(was)", output has "\(now)").
            Regenerate it with:  swift build && .build/debug/yunwang policy list --format markdown > docs/rules.md
            """)
    }

    @Test func rulesReferenceIsDeterministicAndComplete() throws {
        let a = try CLI.run(["policy", "list", "--format", "markdown"])
        let b = try CLI.run(["policy", "list", "--format", "markdown"])
        #expect(a.out == b.out)
        let list = try CLI.run(["policy", "list", "--format", "json"])
        let rules = (try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]]) ?? []
        #expect(!rules.isEmpty)
        for rule in rules {
            let id = rule["id"] as? String ?? ""
            #expect(a.out.contains("\n### \(id)\n"), "no section for \(id)")
            if let citation = rule["citation"] as? [String: Any], let document = citation["document"] as? String {
                #expect(a.out.contains(document))
            }
        }
    }
}
