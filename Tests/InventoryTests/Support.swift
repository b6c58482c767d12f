import Diagnostics
import Foundation
@testable import Inventory

/// A temporary inventory directory, removed when the test ends.
final class TempInventory {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("yw-inv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    static let catalog = Catalog(plans: ["nm-2024-189": Set(1...64)], rules: ["BT-42-8", "BT-13"])

    func load() throws(DiagnosticList) -> Inventory {
        try InventoryLoader(catalog: Self.catalog).load(url.path)
    }

    /// The English messages of a load that must fail.
    func errors() -> [String] {
        do {
            _ = try load()
            return []
        } catch {
            return error.diagnostics.map { $0.rendered(.en) }
        }
    }
}

let header = """
inventory:
  name: 测试台账
  region: "150200"
  level: city
  as_of: 2026-09-30

"""

let oneUnit = """
units:
  - id: u1
    name: 单位一
    ip_segments: [10.1.1.0/24]

"""
