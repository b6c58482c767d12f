import Synchronization
import YAML

/// A calendar date (`YYYY-MM-DD`).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Stored compactly (8 bytes): a province inventory holds millions of dates.
    private var y: Int32
    private var m: UInt8
    private var d: UInt8

    public var year: Int {
        get { Int(y) }
        set { y = Int32(clamping: newValue) }
    }

    public var month: Int {
        get { Int(m) }
        set { m = UInt8(clamping: newValue) }
    }

    public var day: Int {
        get { Int(d) }
        set { d = UInt8(clamping: newValue) }
    }

    public init(year: Int, month: Int, day: Int) {
        self.y = Int32(clamping: year)
        self.m = UInt8(clamping: month)
        self.d = UInt8(clamping: day)
    }

    /// Parse `YYYY-MM-DD`, checking the calendar (2026-02-29 and 2026-13-45 fail).
    /// Years an inventory date or instant (and `--as-of`) may have: a year like 0202 or
    /// 9999 is a typo, and rules doing date arithmetic near the ends of CEL's range
    /// (years 1–9999) would fail on it instead of the input being refused at its line.
    public static let supportedYears = 1900...2999

    public init?(_ text: String) {
        var copy = text
        guard let day = copy.withUTF8({ Day(utf8: $0[...]) }) else { return nil }
        self = day
    }

    /// Parse `YYYY-MM-DD` from UTF-8 bytes without allocating.
    init?(utf8 u: Slice<UnsafeBufferPointer<UInt8>>) {
        let b = u.startIndex
        guard u.count == 10, u[b + 4] == 0x2D, u[b + 7] == 0x2D,
              let y = Day.digits(u[b..<(b + 4)]), let m = Day.digits(u[(b + 5)..<(b + 7)]), let d = Day.digits(u[(b + 8)..<(b + 10)]),
              (1...12).contains(m), d >= 1, d <= Day.daysIn(year: y, month: m), y >= 1
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func digits<C: Collection>(_ s: C) -> Int? where C.Element == UInt8 {
        var v = 0
        for b in s {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// Calendar months later, the day clamped to the month's end.
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(year: y, month: m)))
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.y, a.m, a.d) < (b.y, b.m, b.d)
    }

    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// An instant in RFC 3339 form, with the offset it was written in.
public struct Instant: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    public var nanos: Int32
    /// The offset it was written with, in seconds east of UTC.
    public var offset: Int32

    /// Parse RFC 3339: `2026-09-21T10:00:00+08:00`, `…Z`, fractional seconds allowed.
    public init?(_ text: String) {
        var copy = text
        guard let parsed = copy.withUTF8({ Instant(utf8: $0) }) else { return nil }
        self = parsed
    }

    init?(utf8 u: UnsafeBufferPointer<UInt8>) {
        guard u.count >= 20, let day = Day(utf8: u[0..<10]),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t") || u[10] == UInt8(ascii: " "),
              u[13] == 0x3A, u[16] == 0x3A,
              let h = Day.digits(u[11..<13]), let mi = Day.digits(u[14..<16]), let s = Day.digits(u[17..<19]),
              h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var nanos = 0
        if u[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int(u[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            // More than nine digits are truncated to nanoseconds (`digits..<9` would trap).
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        guard i < u.count else { return nil }
        var offset = 0
        if u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") {
            guard i + 1 == u.count else { return nil }
        } else {
            guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), u.count == i + 6, u[i + 3] == 0x3A,
                  let oh = Day.digits(u[(i + 1)..<(i + 3)]), let om = Day.digits(u[(i + 4)..<(i + 6)]), oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (u[i] == UInt8(ascii: "-") ? -1 : 1)
        }
        let local = Int64(day.daysSinceEpoch) * 86400 + Int64(h * 3600 + mi * 60 + min(s, 59))
        self.seconds = local - Int64(offset)
        self.nanos = Int32(nanos)
        self.offset = Int32(offset)
    }

    public static func < (a: Instant, b: Instant) -> Bool {
        (a.seconds, a.nanos) < (b.seconds, b.nanos)
    }

    /// RFC 3339 in the offset it was written with (`Z` for UTC); fractional
    /// seconds only when there are any.
    public var text: String {
        let local = seconds + Int64(offset)
        let days = Int(local >= 0 ? local / 86400 : (local - 86399) / 86400)
        let secondOfDay = Int(local - Int64(days) * 86400)
        func pad(_ v: Int, _ n: Int = 2) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        var out = "\(Day(daysSinceEpoch: days))T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))"
        if nanos > 0 {
            var fraction = pad(Int(nanos), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            out += "." + fraction
        }
        if offset == 0 { return out + "Z" }
        let o = abs(Int(offset))
        return out + (offset < 0 ? "-" : "+") + pad(o / 3600) + ":" + pad(o / 60 % 60)
    }

    /// Two instants are equal when they are the same moment, whatever offset they were written in.
    public static func == (a: Instant, b: Instant) -> Bool {
        a.seconds == b.seconds && a.nanos == b.nanos
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seconds)
        hasher.combine(nanos)
    }
}

/// A decoded, validated field value.
public enum FieldValue: Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case date(Day)
    /// An instant; `Instant.text` writes it back in the offset it was given in.
    case instant(Instant)
    case list([Element])
    case record(Record)
    /// Free-form YAML kept as it was (`params`, `x-*` keys). Boxed: a node is
    /// large and rare, and every field of every object pays for the widest case.
    indirect case yaml(Node)

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var int: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }

    public var date: Day? {
        if case .date(let d) = self { return d }
        return nil
    }

    public var instant: Instant? {
        if case .instant(let i) = self { return i }
        return nil
    }

    public var list: [Element]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public var record: Record? {
        if case .record(let r) = self { return r }
        return nil
    }
}

/// A list element with the place it was written.
public struct Element: Sendable {
    public var value: FieldValue
    public var mark: Mark
}

/// A named field with the place its value was written.
public struct Field: Sendable {
    public var value: FieldValue
    /// The name, as a small number (32 bytes a field instead of 48: a
    /// province inventory holds millions of fields).
    let key: FieldKey
    public var mark: Mark

    public var name: String { key.name }

    public init(name: String, value: FieldValue, mark: Mark) {
        self.init(key: FieldKey(name), value: value, mark: mark)
    }

    init(key: FieldKey, value: FieldValue, mark: Mark) {
        self.value = value
        self.key = key
        self.mark = mark
    }
}

/// What decoding an object of a spec reads for each field, in plain arrays
/// (no copy of a `FieldSpec`, with its strings, per field of every object).
struct SpecPlan: Sendable {
    let names: [String]
    let types: [FieldType]
    let isRequired: [Bool]
    let keys: [FieldKey]
    /// Indexes of the required fields.
    let required: [Int]

    init(_ spec: ObjectSpec, keys: [FieldKey]) {
        names = spec.fields.map(\.name)
        types = spec.fields.map(\.type)
        isRequired = spec.fields.map(\.required)
        required = spec.fields.indices.filter { spec.fields[$0].required }
        self.keys = keys
    }

    /// The position of the field named `name`.
    func index(of name: String) -> Int? {
        names.firstIndex { FieldKey.same($0, name) }
    }
}

/// A field name as an index: schema v1's names are fixed at start-up and
/// read without locking; other names (`x-*` keys) are registered once
/// under a lock.
struct FieldKey: Sendable, Equatable {
    let raw: UInt32

    init(_ name: String) {
        if let i = Self.known.index[name] {
            raw = i
            return
        }
        let base = UInt32(Self.known.names.count)
        raw = Self.extra.withLock { table in
            if let i = table.index[name] { return i }
            let i = base + UInt32(table.names.count)
            table.names.append(name)
            table.index[name] = i
            return i
        }
    }

    var name: String {
        let known = Self.known.names
        if Int(raw) < known.count { return known[Int(raw)] }
        let i = Int(raw) - known.count
        return Self.extra.withLock { $0.names[i] }
    }

    /// String equality that rejects names of different lengths first (a
    /// length is stored; comparing unequal strings is a slow library call).
    @inline(__always) static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b
    }

    /// The keys of a spec's fields, in its order (nil for a spec not in schema v1).
    static func keys(of spec: ObjectSpec) -> [FieldKey]? {
        guard let entry = known.specs[spec.name], entry.keys.count == spec.fields.count else { return nil }
        return entry.keys
    }

    /// A spec flattened for decoding (schema v1's specs are prepared once; others on the spot).
    static func plan(of spec: ObjectSpec) -> SpecPlan {
        if let entry = known.specs[spec.name], entry.keys.count == spec.fields.count { return entry }
        return SpecPlan(spec, keys: spec.fields.map { FieldKey($0.name) })
    }

    struct Table {
        var names: [String] = []
        var index: [String: UInt32] = [:]
        var specs: [String: SpecPlan] = [:]

        mutating func add(_ name: String) -> FieldKey {
            if let i = index[name] { return FieldKey(raw: i) }
            let i = UInt32(names.count)
            names.append(name)
            index[name] = i
            return FieldKey(raw: i)
        }
    }

    private init(raw: UInt32) { self.raw = raw }

    /// Every name in schema v1, and each spec's keys (a spec name used twice
    /// for different fields gets none, and its fields are looked up by name).
    static let known: Table = {
        var table = Table()
        var ambiguous: Set<String> = []
        var seen: [String: [String]] = [:]
        func walk(_ spec: ObjectSpec) {
            let names = spec.fields.map(\.name)
            if let earlier = seen[spec.name], earlier != names { ambiguous.insert(spec.name) }
            seen[spec.name] = names
            table.specs[spec.name] = SpecPlan(spec, keys: names.map { table.add($0) })
            for field in spec.fields { walkType(field.type) }
        }
        func walkType(_ type: FieldType) {
            switch type {
            case .object(let spec): walk(spec)
            case .list(let element): walkType(element)
            default: break
            }
        }
        for kind in Kind.allCases { walk(Schema.spec(for: kind)) }
        for name in ambiguous { table.specs[name] = nil }
        return table
    }()

    private static let extra = Mutex(Table())
}

/// A decoded mapping: its fields in document order.
public struct Record: Sendable {
    public var mark: Mark
    public var fields: [Field]

    public init(mark: Mark, fields: [Field]) {
        self.mark = mark
        self.fields = fields
    }

    public subscript(name: String) -> Field? {
        // By index and key: no copy of a field that is not the one.
        let names = FieldKey.known.names
        for i in fields.indices {
            let raw = Int(fields[i].key.raw)
            if FieldKey.same(raw < names.count ? names[raw] : fields[i].name, name) { return fields[i] }
        }
        return nil
    }

    /// Follow a dotted path such as `mlps.level`.
    public func field(path: String) -> Field? {
        if !(path.utf8.withContiguousStorageIfAvailable { $0.contains(0x2E) } ?? path.utf8.contains(0x2E)) { return self[path] }
        var record = self
        let parts = path.split(separator: ".")
        for (i, part) in parts.enumerated() {
            guard let f = record[String(part)] else { return nil }
            if i == parts.count - 1 { return f }
            guard let next = f.value.record else { return nil }
            record = next
        }
        return nil
    }
}

/// One object of the inventory: a unit, a terminal, an event …
public struct Object: Sendable {
    public var kind: Kind
    /// Index into `Inventory.files`.
    public var file: Int
    public var record: Record

    public var id: String? { record["id"]?.value.string }
    public var name: String? { record["name"]?.value.string }
    public var mark: Mark { record.mark }

    public subscript(name: String) -> FieldValue? { record[name]?.value }
}
