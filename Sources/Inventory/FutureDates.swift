import Diagnostics

/// Facts dated after the as-of day (issue #16 A4): a scan, test, filing or assessment
/// recorded with a later date has not happened yet as of that day. Rules do not see such
/// dates (the policy bridge reads them as absent); `validate` warns and `check` reports
/// `DATA-FUTURE-DATE` (info) for each object that has one.
public enum FutureDates {
    /// One date field after as-of.
    public struct Hit: Sendable {
        /// Dotted path of the field (`antivirus.last_full_scan`).
        public var path: String
        public var date: Day
    }

    /// Date fields that name a time to come (an expiry, a deadline), not a fact.
    public static let forwardFields: Set<String> = ["expires", "due", "until"]

    /// The kinds whose dates are facts (not the header's as-of, not waivers' expiry).
    public static let kinds: [Kind] = [.unit, .terminal, .system, .cloud, .datacenter, .exit, .task]

    /// The date fields of one object dated after `asOf`, in field order (nested records and
    /// lists of records included).
    public static func hits(_ object: Object, asOf: Day) -> [Hit] {
        var out: [Hit] = []
        func walk(_ record: Record, _ prefix: String) {
            for f in record.fields {
                switch f.value {
                case .date(let d) where d > asOf && !forwardFields.contains(f.name):
                    out.append(Hit(path: prefix + f.name, date: d))
                case .record(let r):
                    walk(r, prefix + f.name + ".")
                case .list(let items):
                    for item in items { if case .record(let r) = item.value { walk(r, prefix + f.name + ".") } }
                default: break
                }
            }
        }
        walk(object.record, "")
        return out
    }

    /// Every object with a fact dated after `asOf`: (kind, index, hits), in kind then file order.
    public static func scan(_ inventory: Inventory, asOf: Day) -> [(Kind, Int, [Hit])] {
        var out: [(Kind, Int, [Hit])] = []
        for kind in kinds {
            for (i, object) in inventory.objects(kind).enumerated() {
                let h = hits(object, asOf: asOf)
                if !h.isEmpty { out.append((kind, i, h)) }
            }
        }
        return out
    }
}
