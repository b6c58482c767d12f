import Diagnostics
import Foundation
import Testing
import YAML
@testable import Inventory

/// The loader decodes the objects of top-level lists one by one as libyaml
/// completes them (no tree of a whole file). These tests pin down that the
/// result is the same as decoding a whole tree.
@Suite("Inventory streaming decode")
struct StreamingTests {
    @Test func aFileThatDoesNotParseReportsOnlyItsSyntaxError() throws {
        // The first item is wrong too, but a file that does not load is reported
        // for that alone, as before streaming: nothing of it was decoded.
        let errors = try TempInventory(["a.yaml": header + """
        units:
          - {id: u1, name: a, kind: ministry}
          - {id: u2, name: b
        """]).errors()
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("a.yaml:") == true)
        #expect(errors.first?.contains("YAML syntax error") == true)
    }

    @Test func duplicateKeysInAStreamedItemFailTheFile() throws {
        let errors = try TempInventory(["a.yaml": header + """
        units:
          - {id: u1, name: a}
          - {id: u2, name: b, name: c}
        """]).errors()
        #expect(errors == ["a.yaml:8:23: error: duplicate key 'name' (first at line 8)"])
    }

    @Test func aliasesReachAcrossStreamedItemsAndLists() throws {
        let inv = try TempInventory(["a.yaml": header + """
        units:
          - &first {id: u1, name: 单位一, ip_segments: &nets [10.1.1.0/24]}
        terminals:
          - {id: t1, unit: u1, ip: 10.1.1.5, software: &sw [WPS, 钉钉]}
          - {id: t2, unit: u1, ip: 10.1.1.6, software: *sw}
        x-copy: *first
        """]).load()
        #expect(inv.objects(.terminal).count == 2)
        #expect(inv.object(.terminal, id: "t2")?["software"]?.list?.compactMap(\.value.string) == ["WPS", "钉钉"])
        #expect(inv.object(.unit, id: "u1")?["ip_segments"]?.list?.count == 1)
    }

    @Test func anAnchoredTopLevelListIsDecodedWhole() throws {
        let inv = try TempInventory(["a.yaml": header + """
        units: &all
          - {id: u1, name: a}
          - {id: u2, name: b}
        x-again: *all
        """]).load()
        #expect(inv.objects(.unit).compactMap(\.id) == ["u1", "u2"])
    }

    @Test func streamedAndWholeTreeDecodesAgree() throws {
        let text = header + oneUnit + """
        terminals:
          - {id: t1, unit: u1, ip: 10.1.1.5, antivirus: {installed: true, signatures: 2026-09-01}, x-tag: {a: 1}}
          - {id: t2, unit: u1, ip: 10.1.1.6, wrong: 1}
        events:
          - {type: alert, unit: u1, at: "2026-09-01T10:00:00+08:00", handled: maybe}
        """
        // Whole tree: the same decoder over one parsed node.
        var whole = FileDecoder(file: "a.yaml", fileIndex: 0)
        whole.decodeFile(try YAMLLoader().parse(text, file: "a.yaml"))
        // Streaming, as the loader does it.
        var streamed = FileDecoder(file: "a.yaml", fileIndex: 0)
        var items = 0
        let root = try YAMLLoader().parse(Array(text.utf8), file: "a.yaml", streaming: FileDecoder.streams) { key, item in
            items += 1
            streamed.decodeItem(item, key: key)
        }
        streamed.decodeFile(root)
        #expect(items == 4)
        #expect(root?.mapping?.first { $0.key.scalar?.text == "terminals" }?.value.sequence?.isEmpty == true)
        #expect(streamed.problems.map { $0.rendered(.en) } == whole.problems.map { $0.rendered(.en) })
        #expect(streamed.problems.count == 2)
        for kind in Kind.allCases {
            let a = streamed.objects[kind] ?? [], b = whole.objects[kind] ?? []
            #expect(a.map(\.id) == b.map(\.id), "\(kind)")
            #expect(a.map { $0.record.fields.map(\.name) } == b.map { $0.record.fields.map(\.name) }, "\(kind)")
        }
    }

    @Test func fieldNamesSurviveTheirCompactForm() throws {
        // Schema names are indexes into a fixed table; x- names are registered on the way.
        for kind in Kind.allCases {
            let spec = Schema.spec(for: kind)
            let keys = try #require(FieldKey.keys(of: spec), "\(kind)")
            #expect(keys.map(\.name) == spec.fields.map(\.name))
        }
        let field = Field(name: "x-负责人-\(UUID().uuidString)", value: .bool(true), mark: Mark(line: 1, column: 1))
        #expect(field.name.hasPrefix("x-负责人-"))
        #expect(Field(name: field.name, value: .int(1), mark: Mark(line: 2, column: 1)).key == field.key)
        #expect(MemoryLayout<Field>.stride == 32)
        #expect(MemoryLayout<Day>.size <= 8)
    }
}
