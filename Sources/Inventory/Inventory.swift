import Diagnostics
import YAML

/// A loaded, validated inventory: objects by kind, ids indexed, references
/// resolved and back-references attached, so rules can stay linear.
public struct Inventory: Sendable {
    /// The path given (a directory or one file).
    public let root: String
    /// Files read, relative to `root`, in the order they were read.
    public let files: [String]
    /// The `inventory:` header.
    public let header: Object
    /// What the walk left out and why (hidden entries, `.YAML`, links to what was read already).
    public var skipped: [InventoryFiles.Skipped] = []
    let objectsByKind: [[Object]]
    let idIndex: [[String: Int]]

    /// For each unit (by index): indexes of its terminals, systems and events.
    public let unitTerminals: [[Int]]
    public let unitSystems: [[Int]]
    public let unitEvents: [[Int]]
    /// For each system: indexes of its events; for each cloud: its systems.
    public let systemEvents: [[Int]]
    public let cloudSystems: [[Int]]

    public var name: String { header.name ?? "" }
    public var region: String { header["region"]?.string ?? "" }
    public var level: String { header["level"]?.string ?? "" }
    public var asOf: Day? { header["as_of"]?.date }

    public func objects(_ kind: Kind) -> [Object] {
        kind == .inventory ? [header] : objectsByKind[kind.ordinal]
    }

    /// The index of the object of `kind` with `id`.
    public func index(of kind: Kind, id: String) -> Int? {
        idIndex[kind.ordinal][id]
    }

    public func object(_ kind: Kind, id: String) -> Object? {
        index(of: kind, id: id).map { objectsByKind[kind.ordinal][$0] }
    }

    /// Where an object (or one of its fields, by dotted path) was written.
    public func location(of object: Object, field path: String? = nil) -> SourceLocation {
        let mark = path.flatMap { object.record.field(path: $0)?.mark } ?? object.mark
        return SourceLocation(file: files[object.file], line: Int(mark.line), column: Int(mark.column))
    }

    public func location(_ mark: Mark, in object: Object) -> SourceLocation {
        SourceLocation(file: files[object.file], line: Int(mark.line), column: Int(mark.column))
    }

    /// The object's own region, else its unit's, else the inventory's (DESIGN §2).
    public func effectiveRegion(of object: Object) -> String {
        if let own = object["region"]?.string { return own }
        if object.kind != .unit, let unitID = object["unit"]?.string,
           let unit = self.object(.unit, id: unitID), let r = unit["region"]?.string {
            return r
        }
        return region
    }

    /// `inventory.params`: per-rule parameter overrides, as YAML.
    public var params: Node? {
        if case .yaml(let node)? = header["params"] { return node }
        return nil
    }

    init(root: String, files: [String], header: Object, objects: [[Object]]) {
        self.root = root
        self.files = files
        self.header = header
        self.objectsByKind = objects
        var index = Array(repeating: [String: Int](), count: Kind.allCases.count)
        for kind in Kind.allCases where kind.hasID {
            var map = [String: Int](minimumCapacity: objects[kind.ordinal].count)
            for (i, o) in objects[kind.ordinal].enumerated() {
                if let id = o.id, map[id] == nil { map[id] = i }
            }
            index[kind.ordinal] = map
        }
        self.idIndex = index

        func group(_ kind: Kind, by field: String, into owner: Kind) -> [[Int]] {
            var out = Array(repeating: [Int](), count: objects[owner.ordinal].count)
            let ownerIndex = index[owner.ordinal]
            for (i, o) in objects[kind.ordinal].enumerated() {
                if let ref = o.record.field(path: field)?.value.string, let j = ownerIndex[ref] { out[j].append(i) }
            }
            return out
        }
        unitTerminals = group(.terminal, by: "unit", into: .unit)
        unitSystems = group(.system, by: "unit", into: .unit)
        unitEvents = group(.event, by: "unit", into: .unit)
        systemEvents = group(.event, by: "system", into: .system)
        cloudSystems = group(.system, by: "hosting.cloud", into: .cloud)
    }

    /// A one-line count of what the inventory holds.
    public var counts: [(Kind, Int)] {
        Kind.allCases.filter { $0 != .inventory }.map { ($0, objectsByKind[$0.ordinal].count) }
    }
}
