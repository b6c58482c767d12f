// Kubernetes-style IP and CIDR library: ip(), cidr(), isIP(), isCIDR(), family(),
// containsIP(), containsCIDR(), ip(), prefixLength(), masked(), string(), equality.

/// An IPv4 or IPv6 address (`net.IP`).
public final class IPAddress: CELOpaqueValue {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    public init?(_ text: String) {
        if text.contains(":") {
            guard let b = IPAddress.parseV6(text) else { return nil }
            if b[0..<10].allSatisfy({ $0 == 0 }), b[10] == 0xff, b[11] == 0xff {
                // An IPv4-mapped address written with a dotted quad is refused (as Kubernetes and
                // cel-go do); written in hex (`::ffff:c0a8:1`) it is that IPv4 address.
                if text.contains(".") { return nil }
                bytes = Array(b[12...])
            } else {
                bytes = b
            }
        } else {
            guard let b = IPAddress.parseV4(text) else { return nil }
            bytes = b
        }
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    public var family: Int { bytes.count == 4 ? 4 : 6 }
    public var celType: CELType { CELType("net.IP") }

    public func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let o = other as? IPAddress else { return false }
        return o.bytes == bytes
    }

    public var stringValue: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [UInt16] = []
        for i in stride(from: 0, to: 16, by: 2) { groups.append(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])) }
        // RFC 5952: compress the longest run (>= 2) of zero groups, the first on ties.
        var bestStart = -1, bestLen = 0, i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8, groups[j] == 0 { j += 1 }
                if j - i > bestLen, j - i >= 2 { bestStart = i; bestLen = j - i }
                i = j
            } else {
                i += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        if bestStart < 0 { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLen)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// Dotted quad, no leading zeros.
    static func parseV4<S: StringProtocol>(_ s: S) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(4)
        var value = 0, digits = 0, first: UInt8 = 0
        for c in s.utf8 {
            if c == 46 {  // '.'
                guard digits > 0, out.count < 3 else { return nil }
                out.append(UInt8(value))
                value = 0; digits = 0
            } else if c >= 48, c <= 57 {
                if digits == 0 { first = c } else if first == 48 { return nil }  // leading zero
                value = value * 10 + Int(c - 48)
                digits += 1
                guard value <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, out.count == 3 else { return nil }
        out.append(UInt8(value))
        return out
    }

    static func parseV6(_ s: String) -> [UInt8]? {
        if s.contains("%") { return nil }  // zones are not allowed
        let halves = s.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowV4: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            var out: [UInt8] = []
            for (n, item) in items.enumerated() {
                if allowV4, n == items.count - 1, item.contains(".") {
                    guard let v4 = parseV4(item) else { return nil }
                    out += v4
                    continue
                }
                guard !item.isEmpty, item.count <= 4, let v = UInt16(item, radix: 16) else { return nil }
                out.append(UInt8(v >> 8)); out.append(UInt8(v & 0xff))
            }
            return out
        }
        if halves.count == 1 {
            guard let g = groups(halves[0], allowV4: true), g.count == 16 else { return nil }
            return g
        }
        guard let head = groups(halves[0], allowV4: false), let tail = groups(halves[1], allowV4: true),
              head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// An IP prefix such as `10.0.0.0/8` (`net.CIDR`).
public final class CIDR: CELOpaqueValue {
    public let address: IPAddress
    public let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let ip = IPAddress(String(parts[0])),
              !parts[1].isEmpty, parts[1].count <= 3, parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              !(parts[1].count > 1 && parts[1].hasPrefix("0")),
              let len = Int(parts[1]), len <= ip.bytes.count * 8 else { return nil }
        address = ip
        prefixLength = len
    }

    init(address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    public var celType: CELType { CELType("net.CIDR") }

    public func isEqual(to other: any CELOpaqueValue) -> Bool {
        guard let o = other as? CIDR else { return false }
        return o.prefixLength == prefixLength && o.address.bytes == address.bytes
    }

    public var stringValue: String { address.stringValue + "/" + String(prefixLength) }

    /// The prefix with host bits cleared.
    public var masked: CIDR {
        CIDR(address: IPAddress(bytes: CIDR.mask(address.bytes, prefixLength)), prefixLength: prefixLength)
    }

    static func mask(_ b: [UInt8], _ len: Int) -> [UInt8] {
        var out = b
        for i in 0..<out.count {
            let bits = max(0, min(8, len - i * 8))
            out[i] &= bits == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - bits))
        }
        return out
    }

    public func contains(_ ip: IPAddress) -> Bool {
        let a = address.bytes, b = ip.bytes
        guard a.count == b.count else { return false }
        var remaining = prefixLength
        for i in 0..<a.count where remaining > 0 {
            let bits = min(8, remaining)
            let m = UInt8(truncatingIfNeeded: 0xff << (8 - bits))
            if a[i] & m != b[i] & m { return false }
            remaining -= bits
        }
        return true
    }

    public func contains(_ other: CIDR) -> Bool {
        other.prefixLength >= prefixLength && contains(other.address)
    }
}

enum Network {
    static func register(into t: inout FunctionTable) {
        t.global("ip", .unary { v in
            guard case .string(let s) = v else { return .error(.noOverload("ip", v)) }
            guard let ip = IPAddress(s) else { return .error("IP address parse error during conversion from string: '\(s)'") }
            return .opaque(ip)
        })
        t.global("cidr", .unary { v in
            guard case .string(let s) = v else { return .error(.noOverload("cidr", v)) }
            guard let c = CIDR(s) else { return .error("network address parse error during conversion from string: '\(s)'") }
            return .opaque(c)
        })
        t.global("isIP", .unary { v in
            guard case .string(let s) = v else { return .error(.noOverload("isIP", v)) }
            return .bool(IPAddress(s) != nil)
        })
        t.global("isCIDR", .unary { v in
            guard case .string(let s) = v else { return .error(.noOverload("isCIDR", v)) }
            return .bool(CIDR(s) != nil)
        })
        t.global("ip.isCanonical", .unary { v in
            guard case .string(let s) = v else { return .error(.noOverload("ip.isCanonical", v)) }
            guard let ip = IPAddress(s) else { return .error("IP Address '\(s)' parse error during conversion from string") }
            return .bool(ip.stringValue == s)
        })
        for (name, test) in ipTests {
            t.member(name, .unary { v in
                guard case .opaque(let o) = v, let ip = o as? IPAddress else { return .error(.noOverload(name, v)) }
                return .bool(test(ip.bytes))
            })
        }
        t.member("family", .unary { v in
            guard case .opaque(let o) = v, let ip = o as? IPAddress else { return .error(.noOverload("family", v)) }
            return .int(Int64(ip.family))
        })
        t.member("ip", .unary { v in
            guard case .opaque(let o) = v, let c = o as? CIDR else { return .error(.noOverload("ip", v)) }
            return .opaque(c.address)
        })
        t.member("prefixLength", .unary { v in
            guard case .opaque(let o) = v, let c = o as? CIDR else { return .error(.noOverload("prefixLength", v)) }
            return .int(Int64(c.prefixLength))
        })
        t.member("masked", .unary { v in
            guard case .opaque(let o) = v, let c = o as? CIDR else { return .error(.noOverload("masked", v)) }
            return .opaque(c.masked)
        })
        t.member("containsIP", .binary { v, a in
            guard case .opaque(let o) = v, let c = o as? CIDR else { return .error(.noOverload("containsIP", v, a)) }
            switch a {
            case .opaque(let x as IPAddress): return .bool(c.contains(x))
            case .string(let s):
                guard let ip = IPAddress(s) else { return .error("IP address parse error during conversion from string: '\(s)'") }
                return .bool(c.contains(ip))
            default: return .error(.noOverload("containsIP", v, a))
            }
        })
        t.member("containsCIDR", .binary { v, a in
            guard case .opaque(let o) = v, let c = o as? CIDR else { return .error(.noOverload("containsCIDR", v, a)) }
            switch a {
            case .opaque(let x as CIDR): return .bool(c.contains(x))
            case .string(let s):
                guard let other = CIDR(s) else { return .error("network address parse error during conversion from string: '\(s)'") }
                return .bool(c.contains(other))
            default: return .error(.noOverload("containsCIDR", v, a))
            }
        })
    }

    /// Address classes as Go's net/netip defines them (cel-go's and Kubernetes' names).
    static let ipTests: [(String, @Sendable ([UInt8]) -> Bool)] = [
        ("isUnspecified", { b in b.allSatisfy { $0 == 0 } }),
        ("isLoopback", { b in b.count == 4 ? b[0] == 127 : (b[0..<15].allSatisfy { $0 == 0 } && b[15] == 1) }),
        ("isLinkLocalMulticast", { b in b.count == 4 ? (b[0] == 224 && b[1] == 0 && b[2] == 0) : (b[0] == 0xff && b[1] & 0x0f == 0x02) }),
        ("isLinkLocalUnicast", { b in b.count == 4 ? (b[0] == 169 && b[1] == 254) : (b[0] == 0xfe && b[1] & 0xc0 == 0x80) }),
        ("isGlobalUnicast", { b in
            if b.allSatisfy({ $0 == 0 }) { return false }
            if b.count == 4 {
                if b.allSatisfy({ $0 == 255 }) || b[0] == 127 || b[0] & 0xf0 == 0xe0 || (b[0] == 169 && b[1] == 254) { return false }
                return true
            }
            if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return false }
            if b[0] == 0xff || (b[0] == 0xfe && b[1] & 0xc0 == 0x80) { return false }
            return true
        }),
    ]
}
