import Foundation
import JSON
import Testing
import YAML

/// `yunwang schema` must accept every example file and reject a broken one,
/// judged by an independent JSON Schema validator (Python's jsonschema).
@Suite("yunwang schema (end to end)")
struct SchemaCommandTests {
    static let validator = """
    import json, sys
    from jsonschema import Draft202012Validator
    schema = json.load(open(sys.argv[1]))
    Draft202012Validator.check_schema(schema)
    v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    bad = 0
    for path in sys.argv[2:]:
        for e in v.iter_errors(json.load(open(path))):
            bad += 1
            print(path, list(e.absolute_path), e.message[:200])
    print("invalid" if bad else "valid", len(sys.argv) - 2)
    """

    /// Convert YAML files to JSON with yunwang's own loader (YAML 1.2, so `no:` stays a key).
    static func jsonFiles(_ yamlFiles: [URL], into dir: Scratch) throws -> [String] {
        try yamlFiles.enumerated().map { i, url in
            let node = try YAMLLoader().load(contentsOf: url.path)
            return try dir.write("doc\(i).json", (node?.json ?? .null).serialized())
        }
    }

    static func yamlFiles(under path: String) -> [URL] {
        let root = URL(fileURLWithPath: path)
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { ["yaml", "yml"].contains($0.pathExtension) }.sorted { $0.path < $1.path }
    }

    @Test func theSchemaValidatesTheExamplesAndInitOutput() throws {
        let dir = try Scratch()
        let schema = try CLI.run(["schema"])
        #expect(schema.code == 0)
        try dir.write("schema.json", schema.out)
        #expect(try CLI.run(["init", dir.path("starter")]).code == 0)
        var files: [URL] = []
        for example in ["baotou", "xingan", "henan"] {
            files += Self.yamlFiles(under: CLI.repository.appendingPathComponent("examples/\(example)").path)
        }
        files += Self.yamlFiles(under: dir.path("starter"))
        #expect(files.count > 10)
        let json = try Self.jsonFiles(files, into: dir)
        let r = try CLI.python(Self.validator, [dir.path("schema.json")] + json)
        #expect(r.code == 0, "python jsonschema is missing? run `make test`, which installs it: \(r.out)")
        #expect(r.out.hasSuffix("valid \(json.count)\n"), "\(r.out)")
    }

    @Test func theSchemaRejectsWhatTheDecoderRejects() throws {
        let dir = try Scratch()
        try dir.write("schema.json", try CLI.run(["schema"]).out)
        let broken = try dir.write("broken.yaml", """
        units:
          - {id: u1, nmae: typo}
          - {id: "a/b", name: x, kind: ministry}
        systems:
          - {id: s, name: n, unit: u1, mlps: {level: 6}, hosting: {}}
        """)
        let json = try Self.jsonFiles([URL(fileURLWithPath: broken)], into: dir)
        let r = try CLI.python(Self.validator, [dir.path("schema.json")] + json)
        #expect(r.code == 0, "\(r.out)")
        #expect(r.out.hasSuffix("invalid 1\n"))
        for problem in ["'nmae'", "'name' is a required property", "'ministry' is not one of", "6 is greater than the maximum of 5", "'a/b' does not match"] {
            #expect(r.out.contains(problem), "\(problem) in \(r.out)")
        }
    }

    @Test func theSchemaIsStableBytes() throws {
        let a = try CLI.run(["schema"]).out
        let b = try CLI.run(["schema"]).out
        #expect(a == b)
        #expect(a.contains(#""$schema": "https://json-schema.org/draft/2020-12/schema""#))
    }
}
