import Diagnostics
import Foundation
import Testing
@testable import Inventory

@Suite("Inventory references and files")
struct CrossReferenceTests {
    @Test func danglingReferencesAreErrorsAtTheirLine() throws {
        let errors = try TempInventory(["a.yaml": header + oneUnit + """
        terminals:
          - {id: t1, unit: u2}
        systems:
          - {id: s1, name: x, unit: u1, hosting: {cloud: nowhere}}
        events:
          - {type: alert, unit: u1, system: s9, at: "2026-09-01T10:00:00+08:00"}
        tasks:
          - {plan: nm-2024-189, no: 65, status: done}
          - {plan: nm-2024-18, no: 1, status: done}
        waivers:
          - {rule: BT-42-9, target: terminal/t9, reason: r, approved_by: a, approval: b, expires: 2026-12-31}
        """]).errors()
        #expect(errors == [
            "a.yaml:11:20: error: 'unit' refers to unit 'u2', which does not exist (did you mean 'u1'?)",
            "a.yaml:13:50: error: 'hosting.cloud' refers to cloud 'nowhere', which does not exist",
            "a.yaml:15:37: error: 'system' refers to system 's9', which does not exist (did you mean 's1'?)",
            "a.yaml:17:29: error: plan nm-2024-189 has no task 65 (it has 64)",
            "a.yaml:18:12: error: there is no plan 'nm-2024-18' (did you mean 'nm-2024-189'?); built-in plans: nm-2024-189",
            "a.yaml:20:12: error: the waiver names rule 'BT-42-9', which does not exist (did you mean 'BT-42-8'?)",
            "a.yaml:20:29: error: the waiver's target 'terminal/t9' does not exist",
        ])
    }

    @Test func duplicateIdsNameTheFirstPlace() throws {
        let errors = try TempInventory(["a.yaml": header + oneUnit, "b.yaml": "units:\n  - {id: u1, name: again}\n"]).errors()
        #expect(errors == ["b.yaml:2:10: error: duplicate unit id 'u1' (first at a.yaml:7:9)"])
    }

    @Test func theHeaderAppearsExactlyOnce() throws {
        #expect(try TempInventory(["a.yaml": oneUnit]).errors()
            == ["a.yaml:1:1: error: no inventory: header (name, region, level) was found; add one to a file"])
        #expect(try TempInventory(["a.yaml": header, "b.yaml": header]).errors()
            == ["b.yaml:1:1: error: the inventory: header may appear only once (first at a.yaml:1:1)"])
    }

    @Test func listsFromManyFilesConcatenateInPathOrder() throws {
        let inv = try TempInventory([
            "inventory.yaml": header,
            "units/b.yaml": "units:\n  - {id: b, name: B}\n",
            "units/a.yaml": "units:\n  - {id: a, name: A}\n",
            "units.yml": "units:\n  - {id: c, name: C}\n",
            "notes.txt": "not yaml",
            ".hidden/x.yaml": "units: [oops]\n",
        ]).load()
        // Code-point order: "units.yml" sorts before "units/a.yaml" ('.' < '/').
        #expect(inv.objects(.unit).compactMap(\.id) == ["c", "a", "b"])
        #expect(inv.files == ["inventory.yaml", "units.yml", "units/a.yaml", "units/b.yaml"])
    }

    @Test func backReferencesAndEffectiveRegions() throws {
        let inv = try TempInventory(["a.yaml": header + """
        units:
          - {id: u1, name: 一, region: "150203"}
          - {id: u2, name: 二}
        terminals:
          - {id: t1, unit: u1}
          - {id: t2, unit: u2}
          - {id: t3, unit: u1, region: "150204"}
        clouds:
          - {id: c1, name: 云}
        systems:
          - {id: s1, name: x, unit: u1, hosting: {cloud: c1}}
        events:
          - {type: drill, unit: u1, system: s1, at: "2026-09-01T10:00:00+08:00"}
          - {type: drill, unit: u2, at: "2026-09-02T10:00:00+08:00"}
        """]).load()
        let u1 = try #require(inv.index(of: .unit, id: "u1"))
        #expect(inv.unitTerminals[u1] == [0, 2])
        #expect(inv.unitSystems[u1] == [0])
        #expect(inv.unitEvents[u1] == [0])
        #expect(inv.systemEvents[0] == [0])
        #expect(inv.cloudSystems[0] == [0])
        let regions = inv.objects(.terminal).map { inv.effectiveRegion(of: $0) }
        #expect(regions == ["150203", "150200", "150204"])
    }

    @Test func symlinkLoopsAreErrorsNotHangs() throws {
        let dir = try TempInventory(["inventory.yaml": header])
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.url.appendingPathComponent("sub/loop").path, withDestinationPath: dir.url.path)
        try FileManager.default.createSymbolicLink(atPath: dir.url.appendingPathComponent("self.yaml").path, withDestinationPath: dir.url.appendingPathComponent("self.yaml").path)
        let errors = dir.errors()
        #expect(errors.contains("self.yaml:1:1: error: a symbolic link that cannot be resolved (dangling or a loop): self.yaml"))
        // A link back to a folder already read is walked once, not followed around (issue #19 item 8).
        #expect(!errors.contains { $0.hasPrefix("sub/loop") })
    }

    @Test func everyErrorOfTheRunIsReportedSortedAndCapped() throws {
        var units = "units:\n"
        for i in 0..<300 { units += "  - {id: u\(i), name: n, level: nowhere}\n" }
        let dir = try TempInventory(["a.yaml": header + units])
        do throws(DiagnosticList) {
            _ = try InventoryLoader(catalog: TempInventory.catalog).load(dir.url.path)
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.count == 200)
            #expect(error.omitted == 100)
            let lines = error.diagnostics.compactMap { $0.location?.line }
            #expect(lines == lines.sorted())
        }
    }
}
