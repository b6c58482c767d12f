import Foundation
import Testing

/// Output is a pure function of the input (STYLE: "output you can trust"):
/// the same bytes on every run, and the same findings whatever the file names,
/// the order files are created in, or how lists are split between files.
@Suite("determinism of check output")
struct DeterminismTests {
    @Test(arguments: [["--format", "json"], ["--format", "text"], ["--format", "json", "--lang", "en"], ["--format", "text", "--lang", "en"]])
    func checkIsByteIdenticalAcrossRuns(_ format: [String]) throws {
        let a = try CLI.run(["check", "examples/baotou"] + format)
        let b = try CLI.run(["check", "examples/baotou"] + format)
        #expect(a.code == 1)
        #expect(b.code == a.code)
        #expect(!a.out.isEmpty)
        #expect(a.out == b.out)
    }

    @Test func outputFilesAreByteIdentical() throws {
        let dir = try Scratch()
        for name in ["a.json", "b.json"] {
            #expect(try CLI.run(["check", "examples/baotou", "--format", "json", "--output", dir.path(name)]).code == 1)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("a.json"))) == Data(contentsOf: URL(fileURLWithPath: dir.path("b.json"))))
    }

    /// A finding without its places (`location`, and the waiver's), as
    /// canonical JSON text for comparison.
    static func placeless(_ f: [String: Any]) throws -> String {
        var f = f
        f["location"] = nil
        for key in ["waiver", "rectification"] {
            if var w = f[key] as? [String: Any] {
                w["location"] = nil
                f[key] = w
            }
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: f, options: [.sortedKeys]), as: UTF8.self)
    }

    /// `examples/baotou` rewritten with other file names, other folders, files
    /// created in reverse order, all terminals in one file (in reverse), the
    /// events in one file (in reverse), and units, exits and systems together.
    static func relaidBaotou() throws -> Scratch {
        let source = try InventoryCopy.example()
        let fm = FileManager.default
        func read(_ name: String) throws -> String { try InventoryCopy.read(source, name) }
        func items(_ name: String) throws -> [String] { InventoryCopy.items(try read(name)).items }

        var files: [(String, String)] = []
        let terminalFiles = try fm.contentsOfDirectory(atPath: source.path("terminals")).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(terminalFiles.count > 20)
        var terminals: [String] = []
        for name in terminalFiles { terminals += try items("terminals/\(name)") }
        files.append(("全部终端.yml", "terminals:\n" + terminals.reversed().joined()))
        let events = try items("events/alerts.yaml") + items("events/assessments.yaml")
        files.append(("log/events.yaml", "events:\n" + events.reversed().joined()))
        files.append(("a-network.yaml", try ["units.yaml", "exits.yaml", "systems.yaml"].map(read).joined(separator: "\n")))
        files.append(("zz/header.yml", try read("inventory.yaml")))
        files.append(("m/clouds.yaml", try read("clouds.yaml")))
        files.append(("m/plan-tasks.yml", try read("tasks.yaml")))
        files.append(("0/waivers.yaml", try read("waivers.yaml")))
        files.append(("0/orders.yml", try read("rectifications.yaml")))

        let dir = try Scratch()
        for (name, text) in files.reversed() { try dir.write(name, text) }
        return dir
    }

    @Test func findingsDoNotDependOnFileLayout() throws {
        let dir = try Self.relaidBaotou()
        let validated = try CLI.run(["validate", dir.url.path])
        try #require(validated.code == 0, "\(validated.err)")

        let original = try InventoryCopy.findings(["examples/baotou"])
        let relaid = try InventoryCopy.findings([dir.url.path])
        #expect(original.count > 20)
        #expect(relaid.count == original.count)
        // Same findings in the same order, apart from where they point.
        let a = try original.map(Self.placeless), b = try relaid.map(Self.placeless)
        for (x, y) in zip(a, b) where x != y {
            Issue.record("differs:\n  \(x)\n  \(y)")
        }
        #expect(a == b)

        // …and the locations point into the new files.
        let files = Set(relaid.compactMap { ($0["location"] as? [String: Any])?["file"] as? String })
        #expect(files.contains("全部终端.yml"))
        #expect(files.isSubset(of: ["全部终端.yml", "log/events.yaml", "a-network.yaml", "zz/header.yml", "m/clouds.yaml", "m/plan-tasks.yml", "0/waivers.yaml", "0/orders.yml"]))

        // The new layout is itself deterministic, and its diff with the original is empty.
        let out = try Scratch()
        let r1 = try CLI.run(["check", dir.url.path, "--format", "json", "--output", out.path("relaid.json"), "--fail-on", "never"])
        let r2 = try CLI.run(["check", dir.url.path, "--format", "json", "--fail-on", "never"])
        #expect(r1.code == 0)
        #expect(try String(contentsOfFile: out.path("relaid.json"), encoding: .utf8) == r2.out)
        #expect(try CLI.run(["check", "examples/baotou", "--format", "json", "--output", out.path("orig.json"), "--fail-on", "never"]).code == 0)
        let d = try CLI.run(["diff", out.path("orig.json"), out.path("relaid.json"), "--format", "json"])
        let summary = (try JSONSerialization.jsonObject(with: Data(d.out.utf8)) as? [String: Any])?["summary"] as? [String: Int]
        #expect(summary?["new"] == 0)
        #expect(summary?["fixed"] == 0)
        #expect(summary?["status_changed"] == 0)
    }
}
