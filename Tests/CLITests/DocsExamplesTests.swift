import Foundation
import Testing

/// Every example in docs/ runs. For docs/inventory.md: all ```yaml blocks,
/// each saved as its own file, form one valid inventory; every
/// ```yaml-invalid block, added to them, makes it invalid.
@Suite("docs/inventory.md examples")
struct DocsExamplesTests {
    static func blocks(_ language: String, in file: String) throws -> [String] {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent(file), encoding: .utf8)
        var out: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```" + language {
                current = []
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                out.append((current ?? []).joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return out
    }

    @Test func theYamlBlocksFormOneValidInventory() throws {
        let blocks = try Self.blocks("yaml", in: "docs/inventory.md")
        #expect(blocks.count >= 5)
        let dir = try Scratch()
        for (i, block) in blocks.enumerated() { try dir.write(String(format: "block%02d.yaml", i), block) }
        let r = try CLI.run(["validate", dir.url.path, "--lang", "en"])
        #expect(r.code == 0, "\(r.err)")
    }

    @Test func everyInvalidBlockIsRejected() throws {
        let valid = try Self.blocks("yaml", in: "docs/inventory.md")
        let invalid = try Self.blocks("yaml-invalid", in: "docs/inventory.md")
        #expect(!invalid.isEmpty)
        for block in invalid {
            let dir = try Scratch()
            for (i, b) in valid.enumerated() { try dir.write(String(format: "block%02d.yaml", i), b) }
            try dir.write("invalid.yaml", block)
            let r = try CLI.run(["validate", dir.url.path])
            #expect(r.code == 2, "expected this docs example to be rejected:\n\(block)")
            #expect(r.err.contains(".yaml:"))
        }
    }
}
