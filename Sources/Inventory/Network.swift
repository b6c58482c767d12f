/// Address syntax checks for IPs, CIDRs and MACs (no name resolution).
public enum Network {
    public static func isIPv4(_ s: Substring) -> Bool {
        var copy = s
        return copy.withUTF8 { ipv4(bytes: $0) } != nil
    }

    /// Dotted-quad IPv4 from UTF-8 bytes, without allocating: four decimal
    /// parts 0–255, no leading zeros, no signs or spaces.
    static func ipv4(bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0, part = 0, digits = 0, parts = 0
        var leadingZero = false
        for b in bytes {
            if b == 0x2E {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | UInt32(part)
                parts += 1
                part = 0
                digits = 0
                continue
            }
            guard b >= 0x30, b <= 0x39, digits < 3, !(digits > 0 && leadingZero) else { return nil }
            leadingZero = digits == 0 && b == 0x30 ? true : (digits == 0 ? false : leadingZero)
            part = part * 10 + Int(b - 0x30)
            digits += 1
            guard part <= 255 else { return nil }
        }
        guard digits > 0, parts == 3 else { return nil }
        return value << 8 | UInt32(part)
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
        var copy = s
        if copy.withUTF8({ ipv4(bytes: $0) }) != nil { return true }
        return isIPv6(Substring(s))
    }

    public static func isCIDR(_ s: String) -> Bool {
        var copy = s
        let v4: Bool? = copy.withUTF8 { b in
            guard let slash = b.firstIndex(of: 0x2F) else { return false }
            let bits = b[(slash + 1)...]
            guard !bits.isEmpty, bits.count <= 3, bits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            guard ipv4(bytes: UnsafeBufferPointer(rebasing: b[..<slash])) != nil else { return nil }
            return bits.reduce(0) { $0 * 10 + Int($1 - 0x30) } <= 32
        }
        if let v4 { return v4 }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].count <= 3,
              parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let bits = Int(parts[1])
        else { return false }
        if isIPv4(parts[0]) { return bits <= 32 }
        if isIPv6(parts[0]) { return bits <= 128 }
        return false
    }

    /// Six hex pairs separated by `:` (or all by `-`).
    public static func isMAC(_ s: String) -> Bool {
        let u = s.utf8
        guard u.count == 17 else { return false }
        var sep: UInt8 = 0
        for (i, b) in u.enumerated() {
            if i % 3 == 2 {
                guard b == 0x3A || b == 0x2D, sep == 0 || b == sep else { return false }
                sep = b
            } else {
                guard (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) else { return false }
            }
        }
        return true
    }

    /// An IPv4 address as a 32-bit number, for segment membership.
    public static func ipv4Value(_ s: Substring) -> UInt32? {
        var copy = s
        return copy.withUTF8 { ipv4(bytes: $0) }
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
