import CEL
import Foundation
import Inventory
import Testing
@testable import Policy

/// The bridge presents inventory objects to CEL as DESIGN §3 says.
@Suite("inventory → CEL bridge")
struct BridgeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func inventory(_ files: [String: String]) throws -> Inventory {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yw-bridge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return try InventoryLoader(catalog: Catalog(plans: ["nm-2024-189": Set(1...64)])).load(dir.path)
    }

    static let sample = """
    inventory: {name: 测试, region: "150200", level: city, as_of: 2026-09-30}
    units:
      - {id: u1, name: 一, region: "150203", ip_segments: [10.1.1.0/24], access: {last_activity: 2026-06-30}}
      - {id: u2, name: 二}
    terminals:
      - {id: t1, unit: u1, ip: 10.1.1.5, software: [WPS Office, ToDesk], antivirus: {last_full_scan: 2026-09-24}}
      - {id: t2, unit: u2, ip: 10.9.9.9}
    clouds:
      - {id: c1, name: 云, kind: public}
    systems:
      - {id: s1, name: 系统, unit: u1, hosting: {cloud: c1}, launched: 2025-01-01}
    events:
      - {type: alert, unit: u1, ip: 10.1.1.5, at: "2026-09-30T23:59:59+08:00"}
      - {type: alert, unit: u1, ip: 10.1.1.5, at: "2026-10-01T00:00:00+08:00"}
    """

    func eval(_ expr: String, kind: Kind, index: Int, bridge: Bridge, params: Value = .map([])) throws -> Value {
        let program = try Program(parsing: expr)
        return program.evaluate(Activation([
            "self": bridge.value(of: kind, at: index), "inv": bridge.inventoryValue,
            "params": params, "asOf": bridge.asOfValue,
        ]))
    }

    func bool(_ v: Value) -> Bool? {
        if case .bool(let b) = v { return b }
        return nil
    }

    @Test func fieldsDefaultsAndRegions() throws {
        let inv = try Self.inventory(["a.yaml": Self.sample])
        let bridge = Bridge(inv, asOf: try #require(Day("2026-09-30")))
        // Absent booleans read false, absent lists [], other absent fields are absent.
        #expect(bool(try eval("self.firewall == false && self.software == [] && !has(self.mac)", kind: .terminal, index: 1, bridge: bridge)) == true)
        #expect(bool(try eval("self.region == '150200'", kind: .terminal, index: 1, bridge: bridge)) == true)
        #expect(bool(try eval("self.region == '150203'", kind: .terminal, index: 0, bridge: bridge)) == true)
        #expect(bool(try eval("self.software.exists(s, s in params.remote)", kind: .terminal, index: 0, bridge: bridge,
                              params: .map([(.string("remote"), .list([.string("ToDesk")]))]))) == true)
        // Dates are timestamps at 00:00 UTC+8; asOf is one too.
        #expect(bool(try eval("self.antivirus.last_full_scan >= asOf - duration('168h')", kind: .terminal, index: 0, bridge: bridge)) == true)
        #expect(bool(try eval("self.access.last_activity.addMonths(3) == asOf", kind: .unit, index: 0, bridge: bridge)) == true)
        #expect(bool(try eval("string(asOf) == '2026-09-29T16:00:00Z'", kind: .unit, index: 0, bridge: bridge)) == true)
    }

    @Test func backReferencesAndLookups() throws {
        let inv = try Self.inventory(["a.yaml": Self.sample])
        let bridge = Bridge(inv, asOf: try #require(Day("2026-09-30")))
        #expect(bool(try eval("self.terminals.map(t, t.id) == ['t1'] && self.systems.size() == 1", kind: .unit, index: 0, bridge: bridge)) == true)
        // The event on 2026-10-01 is after as-of and not visible.
        #expect(bool(try eval("self.events.size() == 1 && inv.events.size() == 1", kind: .unit, index: 0, bridge: bridge)) == true)
        #expect(bool(try eval("inv.by_id.clouds[self.hosting.cloud].kind == 'public'", kind: .system, index: 0, bridge: bridge)) == true)
        #expect(bool(try eval("self.systems.all(s, s.unit == 'u1')", kind: .cloud, index: 0, bridge: bridge)) == true)
        #expect(bool(try eval("inv.by_id.units[self.unit].ip_segments.exists(c, cidr(c).containsIP(self.ip))", kind: .terminal, index: 0, bridge: bridge)) == true)
        #expect(bool(try eval("inv.inventory.name == '测试' && inv.units.size() == 2 && 'u2' in inv.by_id.units", kind: .unit, index: 0, bridge: bridge)) == true)
        // A later as-of sees the second event.
        let later = Bridge(inv, asOf: try #require(Day("2026-10-01")))
        #expect(bool(try eval("self.events.size() == 2", kind: .unit, index: 0, bridge: later)) == true)
    }

    @Test func theBaotouExampleEvaluatesOverEveryTerminal() throws {
        let inv = try InventoryLoader(catalog: Catalog(plans: ["nm-2024-189": Set(1...64)])).load(Self.root.appendingPathComponent("examples/baotou").path)
        let bridge = Bridge(inv, asOf: try #require(inv.asOf))
        let program = try Program(parsing: "!self.software.exists(s, s in params.remote)")
        let base = Activation(["inv": bridge.inventoryValue, "asOf": bridge.asOfValue,
                               "params": .map([(.string("remote"), .list(["向日葵", "ToDesk", "TeamViewer", "AnyDesk"].map(Value.string)))])])
        var failing: [String] = []
        for i in inv.objects(.terminal).indices {
            let r = program.evaluate(base.binding("self", to: bridge.value(of: .terminal, at: i)))
            #expect(!r.isError)
            if case .bool(false) = r { failing.append(inv.objects(.terminal)[i].id ?? "") }
        }
        // The example plants remote-control software on a few terminals, not on most.
        #expect(!failing.isEmpty)
        #expect(failing.count < inv.objects(.terminal).count / 5)
    }
}
