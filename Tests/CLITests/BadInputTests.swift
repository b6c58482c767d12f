import Foundation
import Testing

/// DESIGN §8 and issue #3: every bad input exits 2 with `file:line:column`,
/// within seconds, and nothing on standard output.
@Suite("bad input through the CLI")
struct BadInputTests {
    static let header = "inventory: {name: 测试, region: \"150200\", level: city}\n"

    /// name → (file contents, the `file:line:column` expected at the start of the first message)
    static let cases: [String: (Data, String)] = {
        var c: [String: (Data, String)] = [:]
        func text(_ s: String) -> Data { Data(s.utf8) }
        c["malformed YAML"] = (text("units:\n  - id: a\n   name: b\n"), "b.yaml:3:")
        c["unclosed flow"] = (text("units: [{id: a, name: b}\n"), "b.yaml:2:1:")
        c["tab indentation"] = (text("units:\n\t- {id: a, name: b}\n"), "b.yaml:2:1:")
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        c["alias bomb"] = (text("x-bomb:\n  " + bomb.replacingOccurrences(of: "\n", with: "\n  ")), "b.yaml:")
        c["deep flow nesting"] = (text("x-deep: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"), "b.yaml:1:")
        c["deep block nesting"] = (text("x-deep:\n" + (1...10_000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n"), "b.yaml:")
        c["invalid UTF-8"] = (text("units:\n  - {id: a, name: \"") + Data([0xFF, 0xFE, 0x41]) + text("\"}\n"), "b.yaml:2:")
        c["NUL byte"] = (text("units:\n  - {id: a, name: b") + Data([0]) + text("}\n"), "b.yaml:2:")
        c["UTF-16 BOM"] = (Data([0xFF, 0xFE]) + Data("units: []\n".utf8.flatMap { [$0, 0] }), "b.yaml:1:1:")
        c["duplicate keys"] = (text("units:\n  - id: a\n    name: b\n    id: c\n"), "b.yaml:4:5:")
        c["unknown key"] = (text("units:\n  - {id: a, name: b, adress: x}\n"), "b.yaml:2:")
        c["wrong type"] = (text("units:\n  - {id: a, name: b, wireless_aps: many}\n"), "b.yaml:2:")
        c["enum out of range"] = (text("units:\n  - {id: a, name: b, kind: ministry}\n"), "b.yaml:2:")
        c["impossible date"] = (text("units:\n  - {id: a, name: b, access: {opened: 2026-13-45}}\n"), "b.yaml:2:")
        c["MLPS level out of range"] = (text("units: [{id: u, name: n}]\nsystems:\n  - {id: s, name: n, unit: u, mlps: {level: 6}}\n"), "b.yaml:3:")
        c["dangling reference"] = (text("terminals:\n  - {id: t, unit: nobody}\n"), "b.yaml:2:")
        c["duplicate ids"] = (text("units:\n  - {id: a, name: b}\n  - {id: a, name: c}\n"), "b.yaml:3:")
        c["id with slash"] = (text("units:\n  - {id: a/b, name: c}\n"), "b.yaml:2:")
        c["id with dots"] = (text("units:\n  - {id: .., name: c}\n"), "b.yaml:2:")
        c["python tag"] = (text("units:\n  - !!python/object:os.system {id: a, name: b}\n"), "b.yaml:2:")
        c["custom tag"] = (text("units:\n  - {id: a, name: !secret b}\n"), "b.yaml:2:")
        c["empty file"] = (Data(), "b.yaml:1:1:")
        c["two documents"] = (text("units: []\n---\nunits: []\n"), "b.yaml:2:1:")
        return c
    }()

    @Test("bad input exits 2 with file:line:column", arguments: cases.keys.sorted())
    func badInput(_ name: String) throws {
        let (data, place) = try #require(Self.cases[name])
        let dir = try Scratch()
        try dir.write("a.yaml", Self.header)
        try dir.write("b.yaml", data)
        let r = try CLI.run(["validate", dir.url.path])
        #expect(r.code == 2, "\(name): \(r.err)")
        #expect(r.out.isEmpty)
        #expect(r.err.hasPrefix(place), "\(name): \(r.err.prefix(300))")
        #expect(r.seconds < 10)
    }

    @Test func aFiftyMegabyteScalarIsRefused() throws {
        let dir = try Scratch()
        try dir.write("a.yaml", Self.header)
        var big = Data("x-big: ".utf8)
        big.append(Data(repeating: UInt8(ascii: "x"), count: 50 << 20))
        try dir.write("b.yaml", big)
        let r = try CLI.run(["validate", dir.url.path, "--lang", "en"])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("b.yaml:1:1: error: the file is 52428807 bytes, over the limit of 33554432 bytes"))
        #expect(r.seconds < 10)
    }

    @Test func aSymlinkLoopIsWalkedOnceNotAHang() throws {
        // Each real folder is read once (issue #19 item 8): the loop is no error, and validate says it was skipped.
        let dir = try Scratch()
        try dir.write("a.yaml", Self.header)
        try FileManager.default.createSymbolicLink(atPath: dir.path("loop"), withDestinationPath: dir.url.path)
        let r = try CLI.run(["validate", dir.url.path, "--lang", "en"])
        #expect(r.code == 0)
        #expect(r.out.contains("skipped 1: a link to what was already read by another path: loop"))
        #expect(r.seconds < 10)
    }

    @Test func allErrorsOfARunAreReportedInFileOrder() throws {
        let dir = try Scratch()
        try dir.write("a.yaml", Self.header + "units:\n  - {id: u1, name: a, kind: x}\n")
        try dir.write("b.yaml", "units:\n  - {id: u2, nmae: b}\n")
        let r = try CLI.run(["validate", dir.url.path, "--lang", "en"])
        #expect(r.code == 2)
        let lines = r.err.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("a.yaml:3:29: error: 'kind' value 'x'"))
        #expect(lines[1] == "b.yaml:2:5: error: units lacks the required key 'name' (unit name)")
        #expect(lines[2] == "b.yaml:2:14: error: unknown key 'nmae' in units (did you mean 'name'?)")
    }
}
