// yunwang list extensions that keep rules linear at province scale:
//   list.distinct()              the list without repeats, first occurrences kept (as cel-go's lists library)
//   list.maxWithin(duration)     the most timestamps of the list inside any closed window of that length;
//                                on a list of [key, timestamp] pairs, the most of one key's timestamps

enum Lists {
    static func register(into t: inout FunctionTable) {
        t.member("distinct", .costed(arity: 1, distinct))
        t.member("maxWithin", .binary(maxWithin))
    }

    /// O(n) for numbers, strings and bools (hashed); lists, maps and other values are compared
    /// pairwise, each comparison charged by the size it may walk (cel-go charges distinct by size).
    static func distinct(_ a: [Value], _ f: Frame) -> Value {
        guard case .list(let items) = a[0] else { return .error(.noOverload("distinct", a[0])) }
        if f.charge(items.count) { return .error(.costExceeded) }
        var seen = Set<MapKey>()
        var doubles = Set<UInt64>()
        var others: [Value] = []
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for item in items {
            if case .double(let d) = item, MapKey(item) == nil {
                // A non-integral double equals only itself (NaN not even that).
                if d.isNaN || doubles.insert(d.bitPattern).inserted { out.append(item) }
            } else if let key = MapKey(item) {
                if case .string(let s) = item, f.charge(Cost.traversal(s.utf8.count)) { return .error(.costExceeded) }
                if seen.insert(key).inserted { out.append(item) }
            } else {
                var repeated = false
                for o in others {
                    if f.charge(1 + Cost.equality(o, item)) { return .error(.costExceeded) }
                    if celEquals(o, item) { repeated = true; break }
                }
                if repeated { continue }
                others.append(item)
                out.append(item)
            }
        }
        return .list(out)
    }

    /// Sort the timestamps (grouped by key for pairs), slide a window: O(n log n).
    static func maxWithin(_ v: Value, _ d: Value) -> Value {
        guard case .list(let items) = v, case .duration(let window) = d else { return .error(.noOverload("maxWithin", v, d)) }
        guard window.nanoseconds >= 0 else { return .error("maxWithin needs a window that is not negative") }
        // (group, seconds, nanos); plain timestamps all share group 0.
        var groups: [MapKey: Int] = [:]
        var times: [(Int, Int64, Int32)] = []
        times.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .timestamp(let t):
                times.append((0, t.seconds, t.nanos))
            case .list(let pair) where pair.count == 2:
                guard case .timestamp(let t) = pair[1], let key = MapKey(pair[0]) else { return .error(.noOverload("maxWithin", item, d)) }
                let group: Int
                if let g = groups[key] { group = g } else {
                    group = groups.count + 1
                    groups[key] = group
                }
                times.append((group, t.seconds, t.nanos))
            default:
                return .error(.noOverload("maxWithin", item, d))
            }
        }
        times.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        var best = 0, start = 0
        for end in times.indices {
            if times[start].0 != times[end].0 { start = end }
            while nanosBetween((times[start].1, times[start].2), (times[end].1, times[end].2)) > window.nanoseconds { start += 1 }
            best = max(best, end - start + 1)
        }
        return .int(Int64(best))
    }

    static func nanosBetween(_ a: (Int64, Int32), _ b: (Int64, Int32)) -> Int64 {
        let seconds = b.0 - a.0
        // Windows beyond ~292 years cannot hold a later point anyway.
        guard seconds < 9_000_000_000 else { return Int64.max }
        return seconds * 1_000_000_000 + Int64(b.1 - a.1)
    }
}
