import Diagnostics
import Foundation
import Testing
@testable import YAML

func load(_ text: String, _ policy: TagPolicy = .coreOnly, limits: LoadLimits = LoadLimits()) throws(DiagnosticList) -> Node? {
    try YAMLLoader(limits: limits, tagPolicy: policy).parse(text, file: "t.yaml")
}

/// The rendered errors of a load that must fail.
func errors(_ text: String, _ policy: TagPolicy = .coreOnly, limits: LoadLimits = LoadLimits()) -> [String] {
    errors(bytes: Array(text.utf8), policy, limits: limits)
}

func errors(bytes: [UInt8], _ policy: TagPolicy = .coreOnly, limits: LoadLimits = LoadLimits()) -> [String] {
    do {
        _ = try YAMLLoader(limits: limits, tagPolicy: policy).parse(bytes, file: "t.yaml")
        return []
    } catch {
        return error.diagnostics.map { $0.rendered(.en) }
    }
}

@Suite("YAML loader")
struct LoaderTests {
    @Test func marksAreOneBasedLinesAndCharacterColumns() throws {
        let root = try #require(try load("name: 包头市\nunits:\n  - id: a\n    名称: 测试\n"))
        let pairs = try #require(root.mapping)
        #expect(pairs[0].key.mark == Mark(line: 1, column: 1))
        #expect(pairs[0].value.mark == Mark(line: 1, column: 7))
        let item = try #require(pairs[1].value.sequence?.first?.mapping)
        #expect(item[0].key.mark == Mark(line: 3, column: 5))
        // Columns count characters, not bytes: 测试 starts at character 9.
        #expect(item[1].value.mark == Mark(line: 4, column: 9))
    }

    @Test func quotedScalarsStayStrings() throws {
        let root = try #require(try load("a: \"12\"\nb: '~'\nc: 12\nd: |\n  text\n"))
        let values = try #require(root.mapping).map { $0.value.scalar?.value }
        #expect(values == [.string, .string, .int(12), .string])
    }

    @Test func anchorsAndAliasesShareTheValue() throws {
        let root = try #require(try load("base: &b {x: 1}\ncopy: *b\n"))
        let pairs = try #require(root.mapping)
        #expect(pairs[1].value.json == pairs[0].value.json)
        #expect(pairs[1].value.mark.line == 2)
    }

    @Test func anAliasWithoutAnchorIsAnError() {
        #expect(errors("a: *nowhere\n").first?.contains("t.yaml:1:4") == true)
    }

    @Test func aBillionLaughsDocumentFailsFast() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let start = Date()
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found.first?.contains("billion-laughs") == true)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    static let deepDocuments = [
        "flow sequences": String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
        "flow mappings": String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000),
        "block mappings": (0..<10_000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n",
        "block sequences": (0..<10_000).map { String(repeating: " ", count: $0) + "-" }.joined(separator: "\n") + " x\n",
    ]

    @Test("10,000-deep nesting is a clear error", arguments: ["flow sequences", "flow mappings", "block mappings", "block sequences"])
    func deepNesting(_ kind: String) {
        let found = errors(Self.deepDocuments[kind] ?? "")
        #expect(found.count == 1)
        #expect(found.first?.contains("deeper than 256") == true)
        #expect(found.first?.hasPrefix("t.yaml:") == true)
    }

    @Test func duplicateKeysAreErrorsWithBothLines() {
        let found = errors("id: a\nname: x\nid: b\n")
        #expect(found == ["t.yaml:3:1: error: duplicate key 'id' (first at line 1)"])
    }

    @Test func keysThatResolveAlikeAreDuplicates() {
        #expect(errors("{1: a, 0x1: b}").count == 1)
        #expect(errors("{'1': a, 1: b}").isEmpty)
    }

    @Test func invalidUTF8NamesItsPlace() {
        let found = errors(bytes: Array("name: ok\nbad: ".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("t.yaml:2:7: error: the file is not valid UTF-8: invalid trailing UTF-8 octet (0x28)") == true)
    }

    @Test func aNulByteIsRejected() {
        let found = errors(bytes: Array("a: b".utf8) + [0] + Array("\n".utf8))
        #expect(found.first?.contains("control character") == true)
        #expect(found.first?.hasPrefix("t.yaml:1:5") == true)
    }

    @Test func utf16IsRejectedWithAHint() {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("a: b\n".utf8).flatMap { [$0, 0] }
        #expect(errors(bytes: utf16).first?.contains("UTF-16") == true)
        #expect(errors(bytes: [0xFE, 0xFF, 0, 0x61]).first?.contains("UTF-16") == true)
    }

    @Test func aUTF8ByteOrderMarkIsAccepted() throws {
        let root = try YAMLLoader().parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "t.yaml")
        #expect(root?.mapping?.count == 1)
    }

    @Test func tabsForIndentationAreAnError() {
        let found = errors("units:\n\t- id: a\n")
        #expect(found.first?.hasPrefix("t.yaml:2:1: error: YAML syntax error") == true)
        #expect(found.first?.contains("tab") == true)
    }

    @Test func malformedYAMLNamesLineAndColumn() {
        #expect(errors("a: [1, 2\nb: 3\n").first?.hasPrefix("t.yaml:") == true)
        #expect(errors("a: b: c\n").first?.contains("t.yaml:1:5") == true)
    }

    @Test func oneDocumentPerFile() {
        #expect(errors("a: 1\n---\nb: 2\n").first?.contains("t.yaml:2:1: error: a file may hold only one YAML document") == true)
    }

    @Test func anEmptyFileHasNoDocument() throws {
        #expect(try load("") == nil)
        #expect(try load("# only a comment\n") == nil)
    }

    @Test func inventoriesRejectTagsOutsideTheCoreSchema() {
        #expect(errors("a: !!python/object:os.system ls\n").first?.contains("unsupported tag tag:yaml.org,2002:python/object:os.system") == true)
        #expect(errors("a: !custom 1\n").first?.contains("t.yaml:1:4") == true)
        #expect(errors("a: !!binary aGVsbG8=\n").count == 1)
        #expect(errors("a: !!str 12\nb: !!int '7'\nc: ! 12\n").isEmpty)
    }

    @Test func genericLoadsKeepUnknownTagsAsPlainValues() throws {
        let root = try #require(try load("a: !foo 12\nb: ! 12\nc: !!binary aGVsbG8=\nd: !!set {x, y}\ne: !<tag:example.com,2000:app/int> 3\n", .lenient))
        #expect(root.json.serialized() == #"{"a":12,"b":"12","c":"aGVsbG8=","d":{"x":null,"y":null},"e":3}"#)
    }

    @Test func coreTagsThatDoNotFitAreErrors() {
        #expect(errors("a: !!int abc\n").first?.contains("'abc' is not a valid tag:yaml.org,2002:int") == true)
    }

    @Test func filesOverTheSizeLimitAreRefusedBeforeReading() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yw-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.yaml")
        // A 50 MB scalar.
        var data = Data("a: ".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 50 << 20))
        try data.write(to: file)
        #expect(throws: DiagnosticList.self) { try YAMLLoader().load(contentsOf: file.path, displayPath: "big.yaml") }
        do {
            _ = try YAMLLoader().load(contentsOf: file.path, displayPath: "big.yaml")
        } catch {
            #expect(error.diagnostics.first?.rendered(.en).hasPrefix("big.yaml:1:1: error: the file is 52428803 bytes, over the limit of 33554432 bytes") == true)
        }
    }

    @Test func jsonOfANodeKeepsDocumentOrderAndTypes() throws {
        let root = try #require(try load("z: 1\na: [true, ~, 1.5, \"x<y\"]\n"))
        #expect(root.json.serialized() == #"{"z":1,"a":[true,null,1.5,"x\u003cy"]}"#)
    }
}
