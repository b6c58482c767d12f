/// Address syntax checks for IPs, CIDRs and MACs (no name resolution).
public enum Network {
    public static func isIPv4(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let v = Int(p), v <= 255, !(p.count > 1 && p.first == "0")
            else { return false }
        }
        return true
    }

    public static func isIPv6(_ s: Substring) -> Bool {
        guard s.contains(":"), !s.isEmpty else { return false }
        var text = s
        var groupsAllowed = 8
        // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard isIPv4(text[text.index(after: lastColon)...]) else { return false }
            text = text[...lastColon]
            if text.hasSuffix("::") { } else { text = text.dropLast() }
            groupsAllowed = 6
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ h: String) -> [Substring]? {
            if h.isEmpty { return [] }
            let g = h.split(separator: ":", omittingEmptySubsequences: false)
            for x in g {
                guard !x.isEmpty, x.count <= 4, x.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
            }
            return g
        }
        guard let a = groups(halves[0]) else { return false }
        if halves.count == 2 {
            guard let b = groups(halves[1]) else { return false }
            return a.count + b.count < groupsAllowed
        }
        return a.count == groupsAllowed
    }

    public static func isIP(_ s: String) -> Bool {
        isIPv4(Substring(s)) || isIPv6(Substring(s))
    }

    public static func isCIDR(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].count <= 3,
              parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let bits = Int(parts[1])
        else { return false }
        if isIPv4(parts[0]) { return bits <= 32 }
        if isIPv6(parts[0]) { return bits <= 128 }
        return false
    }

    public static func isMAC(_ s: String) -> Bool {
        let sep: Character = s.contains("-") ? "-" : ":"
        let parts = s.split(separator: sep, omittingEmptySubsequences: false)
        return parts.count == 6 && parts.allSatisfy { p in
            p.count == 2 && p.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) || ($0 >= 0x61 && $0 <= 0x66) }
        }
    }

    /// An IPv4 address as a 32-bit number, for segment membership.
    public static func ipv4Value(_ s: Substring) -> UInt32? {
        guard isIPv4(s) else { return nil }
        var v: UInt32 = 0
        for p in s.split(separator: ".") { v = v << 8 | (UInt32(p) ?? 0) }
        return v
    }

    /// Whether an IPv4 address lies inside an IPv4 CIDR.
    public static func contains(cidr: String, ip: String) -> Bool {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let net = ipv4Value(parts[0]), let bits = UInt32(parts[1]), bits <= 32,
              let addr = ipv4Value(Substring(ip)) else { return false }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        return net & mask == addr & mask
    }
}
