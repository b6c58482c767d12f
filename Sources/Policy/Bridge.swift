import CEL
import Inventory
import YAML

/// Presents an inventory to CEL the way DESIGN §3 says rules see it:
///
/// - `self`: the object as a map with its YAML field names. Dates are
///   timestamps at 00:00 in the local zone (UTC+8), instants are timestamps.
///   Absent booleans read `false`, absent lists `[]`; other absent fields are
///   absent (`has()` tells). `region` is the effective region.
/// - back-references: a unit has `terminals`, `systems`, `events`; a system
///   `events`; a cloud `systems`. Events after the as-of day are left out.
/// - `inv`: `inventory` (the header), one list per kind (`units`, …) and
///   `by_id` (`inv.by_id.clouds['bt-cloud']`).
///
/// Objects are lazy maps: a field is converted when a rule reads it, so a
/// rule that reads one field of 200,000 terminals converts one field each.
public final class Bridge: Sendable {
    public let inventory: Inventory
    /// The as-of day and the zone dates are read in.
    public let asOf: Day
    public let zoneOffset: Int64
    /// Events at or after this instant (the day after as-of, 00:00 local) are not yet visible.
    let cutoff: Int64
    /// Effective region of every object, by kind (computed once: rules scope by it).
    let regions: [[String]]

    public init(_ inventory: Inventory, asOf: Day, zoneOffsetSeconds: Int64 = 8 * 3600) {
        self.inventory = inventory
        self.asOf = asOf
        self.zoneOffset = zoneOffsetSeconds
        self.cutoff = Int64(asOf.adding(days: 1).daysSinceEpoch) * 86400 - zoneOffsetSeconds
        self.regions = Kind.allCases.map { kind in
            kind == .inventory ? [inventory.region] : inventory.objects(kind).map { inventory.effectiveRegion(of: $0) }
        }
    }

    /// The effective region of an object (own, else its unit's, else the inventory's).
    public func region(of kind: Kind, at index: Int) -> String {
        regions[kind.ordinal][index]
    }

    /// A timestamp for a date: 00:00 local time.
    public func timestamp(_ day: Day) -> Value {
        guard let ts = Timestamp(seconds: Int64(day.daysSinceEpoch) * 86400 - zoneOffset) else {
            return .error("date out of range: \(day)")
        }
        return .timestamp(ts)
    }

    public var asOfValue: Value { timestamp(asOf) }

    /// `self` for one object.
    public func value(of kind: Kind, at index: Int) -> Value {
        .map(CELMap(provider: ObjectProvider(bridge: self, kind: kind, index: index)))
    }

    /// Back-reference lists, converted once per object and shared by every read.
    func backReferences(_ kind: Kind, _ index: Int, _ key: String) -> Value? {
        let inv = inventory
        switch (kind, key) {
        case (.unit, "terminals"): return .list(inv.unitTerminals[index].map { value(of: .terminal, at: $0) })
        case (.unit, "systems"): return .list(inv.unitSystems[index].map { value(of: .system, at: $0) })
        case (.unit, "events"): return .list(inv.unitEvents[index].filter(isVisible).map { value(of: .event, at: $0) })
        case (.system, "events"): return .list(inv.systemEvents[index].filter(isVisible).map { value(of: .event, at: $0) })
        case (.cloud, "systems"): return .list(inv.cloudSystems[index].map { value(of: .system, at: $0) })
        default: return nil
        }
    }

    /// `inv`: the whole inventory.
    public var inventoryValue: Value {
        .map(CELMap(provider: InventoryProvider(bridge: self)))
    }

    /// Whether an event happened on or before the as-of day.
    func isVisible(event index: Int) -> Bool {
        guard let at = inventory.objects(.event)[index]["at"]?.instant else { return false }
        return at.seconds < cutoff
    }

    /// Date fields that name a time to come (an expiry, a deadline), not a fact: never hidden.
    static let forwardDates: Set<String> = ["expires", "due", "until"]

    /// Whether a field is a fact dated after the as-of day: rules see it as absent, so a scan,
    /// test or filing recorded with a later date is not done yet as of that day (DATA-FUTURE-DATE
    /// reports it).
    func isFuture(_ field: Field) -> Bool {
        if case .date(let d) = field.value, d > asOf, !Self.forwardDates.contains(field.name) { return true }
        return false
    }

    /// A decoded field value as CEL sees it.
    func convert(_ value: FieldValue, spec: FieldType?, hidesFuture: Bool = false) -> Value {
        switch value {
        case .string(let s): return .string(s)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .bool(let b): return .bool(b)
        case .date(let d): return timestamp(d)
        case .instant(let i):
            return Timestamp(seconds: i.seconds, nanos: i.nanos).map(Value.timestamp) ?? .error("instant out of range")
        case .list(let items):
            var element: FieldType?
            if case .list(let e)? = spec { element = e }
            return .list(items.map { convert($0.value, spec: element, hidesFuture: hidesFuture) })
        case .record(let record):
            var objectSpec: ObjectSpec?
            if case .object(let s)? = spec { objectSpec = s }
            return .map(CELMap(provider: RecordProvider(bridge: self, record: record, spec: objectSpec, hidesFuture: hidesFuture)))
        case .yaml(let node):
            return node.celValue
        }
    }

    /// What an absent field reads as: `false` for booleans, `[]` for lists.
    static func defaultValue(_ type: FieldType) -> Value? {
        switch type {
        case .bool: return .bool(false)
        case .list: return .list([])
        default: return nil
        }
    }
}

/// A record (a nested mapping such as `mlps`) as a lazy CEL map.
struct RecordProvider: CELMapProvider {
    let bridge: Bridge
    let record: Record
    let spec: ObjectSpec?
    /// Facts dated after as-of read as absent (objects of the inventory; not its header or waivers).
    var hidesFuture = false

    func value(forKey key: String) -> Value? {
        if let field = record[key], !(hidesFuture && bridge.isFuture(field)) {
            switch field.value {
            case .list, .record:
                // Only nested values need the field's type (their element or record spec).
                return bridge.convert(field.value, spec: spec?.field(key)?.type, hidesFuture: hidesFuture)
            default:
                return bridge.convert(field.value, spec: nil)
            }
        }
        return spec?.field(key).flatMap { Bridge.defaultValue($0.type) }
    }

    var keys: [String] {
        var out = record.fields.filter { !(hidesFuture && bridge.isFuture($0)) }.map(\.name)
        for f in spec?.fields ?? [] where record[f.name] == nil && Bridge.defaultValue(f.type) != nil {
            out.append(f.name)
        }
        return out
    }
}

/// One inventory object with its computed fields (`region`, back-references).
/// A provider lives for one evaluation on one thread; it keeps the lists it
/// built, so `self.events` read inside a comprehension is built once.
final class ObjectProvider: CELMapProvider, @unchecked Sendable {
    let bridge: Bridge
    let kind: Kind
    let index: Int
    private var cache: [String: Value] = [:]

    init(bridge: Bridge, kind: Kind, index: Int) {
        self.bridge = bridge
        self.kind = kind
        self.index = index
    }

    var object: Object { bridge.inventory.objects(kind)[index] }

    var computed: [String] {
        switch kind {
        case .unit: return ["terminals", "systems", "events"]
        case .system: return ["events"]
        case .cloud: return ["systems"]
        default: return []
        }
    }

    var hasRegion: Bool { kind != .event && kind != .task && kind != .waiver }

    /// Whether `key` is one of `computed` (without building that list: this runs for every field read).
    func isComputed(_ key: String) -> Bool {
        switch kind {
        case .unit: return key == "terminals" || key == "systems" || key == "events"
        case .system: return key == "events"
        case .cloud: return key == "systems"
        default: return false
        }
    }

    func value(forKey key: String) -> Value? {
        if key == "region", hasRegion { return .string(bridge.region(of: kind, at: index)) }
        if isComputed(key) {
            if let hit = cache[key] { return hit }
            let v = bridge.backReferences(kind, index, key)
            cache[key] = v
            return v
        }
        return RecordProvider(bridge: bridge, record: object.record, spec: Schema.spec(for: kind), hidesFuture: hidesFuture).value(forKey: key)
    }

    /// Waivers' dates are deadlines; every other object's dates are facts (see `Bridge.isFuture`).
    var hidesFuture: Bool { kind != .waiver && kind != .inventory }

    var keys: [String] {
        var out = RecordProvider(bridge: bridge, record: object.record, spec: Schema.spec(for: kind), hidesFuture: hidesFuture).keys
        if hasRegion && !out.contains("region") { out.append("region") }
        out.append(contentsOf: computed)
        return out
    }
}

/// `inv`: the header, a list per kind and `by_id` lookups.
struct InventoryProvider: CELMapProvider {
    let bridge: Bridge

    func value(forKey key: String) -> Value? {
        let inv = bridge.inventory
        if key == "inventory" {
            return .map(CELMap(provider: RecordProvider(bridge: bridge, record: inv.header.record, spec: Schema.inventory)))
        }
        if key == "by_id" {
            return .map(CELMap(provider: ByIDProvider(bridge: bridge)))
        }
        guard let kind = Kind.fromKey(key), kind != .inventory else { return nil }
        return .list(inv.objects(kind).indices.compactMap { i in
            kind == .event && !bridge.isVisible(event: i) ? nil : bridge.value(of: kind, at: i)
        })
    }

    var keys: [String] { ["inventory"] + Kind.allCases.filter { $0 != .inventory }.map(\.key) + ["by_id"] }
}

/// `inv.by_id`: one map per kind with ids, keyed by id.
struct ByIDProvider: CELMapProvider {
    let bridge: Bridge

    func value(forKey key: String) -> Value? {
        guard let kind = Kind.fromKey(key), kind.hasID else { return nil }
        return .map(CELMap(provider: IDMapProvider(bridge: bridge, kind: kind)))
    }

    var keys: [String] { Kind.allCases.filter(\.hasID).map(\.key) }
}

struct IDMapProvider: CELMapProvider {
    let bridge: Bridge
    let kind: Kind

    func value(forKey key: String) -> Value? {
        bridge.inventory.index(of: kind, id: key).map { bridge.value(of: kind, at: $0) }
    }

    var keys: [String] { bridge.inventory.objects(kind).compactMap(\.id) }
}

extension Node {
    /// Generic YAML as a CEL value: mappings become maps (keys by their
    /// resolved scalar value), sequences lists, scalars by the core schema.
    public var celValue: Value {
        switch content {
        case .scalar(let s):
            switch s.value {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .float(let d): return .double(d)
            case .string: return .string(s.text)
            }
        case .sequence(let items):
            return .list(items.map(\.celValue))
        case .mapping(let pairs):
            return .map(CELMap(entries: pairs.map { ($0.key.celValue, $0.value.celValue) }))
        }
    }
}
