import Foundation
import Testing

/// docs/rectification.md runs: each ```sh block's commands run in a copy of
/// the repository's examples (as `yunwang …` from its root); the ```text block
/// after it must appear in the last command's output; no command is refused
/// (exit 0 or 1); the ```yaml block is a valid inventory header.
@Suite("docs/rectification.md examples")
struct DocsRectificationTests {
    static let doc = "docs/rectification.md"

    /// (language, text) of every fenced block, in order.
    static func blocks(_ file: String) throws -> [(language: String, text: String)] {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent(file), encoding: .utf8)
        var out: [(String, String)] = []
        var current: (String, [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.hasPrefix("```"), line.count > 3 {
                current = (String(line.dropFirst(3)), [])
            } else if current != nil, line == "```" {
                if let c = current { out.append((c.0, c.1.joined(separator: "\n"))) }
                current = nil
            } else {
                current?.1.append(line)
            }
        }
        return out
    }

    /// Split a command line on spaces (the docs quote nothing).
    static func arguments(_ line: String) -> [String] {
        line.split(separator: " ").map(String.init)
    }

    @Test func commandsRunAndShowWhatTheDocSays() throws {
        let blocks = try Self.blocks(Self.doc)
        let dir = try Scratch()
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("examples"), to: dir.url.appendingPathComponent("examples"))
        var ran = 0, matched = 0
        var last: CLI.Result?
        for block in blocks {
            switch block.language {
            case "sh":
                for line in block.text.split(separator: "\n") where line.hasPrefix("yunwang ") {
                    let r = try CLI.run(Array(Self.arguments(String(line)).dropFirst()), in: dir.url)
                    #expect(r.code == 0 || r.code == 1, "\(line): exit \(r.code): \(r.err)")
                    last = r
                    ran += 1
                }
            case "text":
                let shown = try #require(last, "a text block with no command before it")
                #expect((shown.out + shown.err).contains(block.text), "output does not contain:\n\(block.text)\n--- got:\n\(shown.out.prefix(3000))\(shown.err)")
                matched += 1
                last = nil
            case "yaml":
                try dir.write("header/inventory.yaml", block.text + "\n")
                let r = try CLI.run(["validate", dir.path("header")])
                #expect(r.code == 0, "\(r.err)")
            default: break
            }
        }
        #expect(ran >= 6 && matched >= 5)
    }
}
