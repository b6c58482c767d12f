import Diagnostics
import Inventory

/// Days to fix a finding after it is first seen (`inventory.rectify_days`, DESIGN §9).
public struct RectifyDays: Sendable, Equatable {
    public var high = 15
    public var medium = 30
    public var low = 90

    public init(high: Int = 15, medium: Int = 30, low: Int = 90) {
        self.high = high
        self.medium = medium
        self.low = low
    }

    /// The inventory's `rectify_days`, each missing entry at its default.
    public init(_ inventory: Inventory) {
        let days = inventory.header.record.field(path: "rectify_days")?.value
        func value(_ key: String) -> Int? {
            if case .record(let r)? = days, let n = r[key]?.value.int { return Int(n) }
            return nil
        }
        self.init(high: value("high") ?? 15, medium: value("medium") ?? 30, low: value("low") ?? 90)
    }

    /// Info findings have no deadline.
    public func days(_ severity: Severity) -> Int? {
        switch severity {
        case .high: return high
        case .medium: return medium
        case .low: return low
        case .info: return nil
        }
    }
}

/// The audit-cycle step (DESIGN §9), after waivers: every finding gets its
/// owner, the date it was first seen, its deadline and whether it is
/// overdue, and the rectification order that matches it. Orders that claim a
/// fix which did not happen are `RECT-NOT-FIXED`; open orders whose finding
/// is gone are `RECT-UNUSED`.
///
/// What a past as-of can see: an order issued after as-of does not exist yet,
/// and a `closed` date after as-of is not closed yet.
public struct AuditCycle: Sendable {
    public static let notFixed = "RECT-NOT-FIXED"
    public static let unused = "RECT-UNUSED"

    static let citation = Citation(
        document: "云网整改规则", title: "docs/rectification.md", article: "整改闭环",
        quote: "整改通知须注明规则、对象、文号、下发日期和整改时限；单位报告整改完成后，复查仍存在的问题视为未整改。")

    public init() {}

    /// Who owns findings about `target` (`KIND/ID` parts): a unit itself; a terminal's,
    /// system's or event's unit; a cloud's, data centre's or exit's operator.
    public static func ownerUnit(kind: String, id: String, unit: String?, in inventory: Inventory) -> String? {
        if let unit { return unit }
        guard let k = Kind(rawValue: kind) else { return nil }
        switch k {
        case .unit: return id
        case .terminal, .system: return inventory.object(k, id: id)?["unit"]?.string
        case .cloud, .datacenter, .exit: return inventory.object(k, id: id)?["operator"]?.string
        default: return nil
        }
    }

    public func apply(to findings: [Finding], inventory: Inventory, options: CheckOptions) -> [Finding] {
        let asOf = options.asOf
        var result = findings
        var byKey: [TargetKey: [Int]] = [:]
        for (i, f) in findings.enumerated() { byKey[TargetKey(rule: f.rule, kind: f.targetKind, id: f.targetID), default: []].append(i) }

        // The order in force for each (rule, target): the latest one issued by as-of.
        var orders: [TargetKey: (Object, RectificationInfo)] = [:]
        var orderKeys: [TargetKey] = []
        for o in inventory.objects(.rectification) {
            guard let rule = o["rule"]?.string, let target = o["target"]?.string,
                  let issued = o["issued"]?.date, let due = o["due"]?.date, issued <= asOf else { continue }
            let parts = target.split(separator: "/", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = TargetKey(rule: rule, kind: String(parts[0]), id: String(parts[1]))
            let closed = o["closed"]?.date.flatMap { $0 <= asOf ? $0 : nil }
            let info = RectificationInfo(order: o["order"]?.string ?? "", issued: issued, due: due, closed: closed,
                                         owner: o["owner"]?.string, note: o["note"]?.string, location: inventory.location(of: o))
            if let (_, earlier) = orders[key] {
                if earlier.issued <= issued { orders[key] = (o, info) }
            } else {
                orders[key] = (o, info)
                orderKeys.append(key)
            }
        }
        for key in orderKeys {
            guard let (object, info) = orders[key] else { continue }
            let matches = byKey[key] ?? []
            for i in matches { result[i].rectification = info }
            let target = "\(key.kind)/\(key.id)"
            let id = "\(key.rule)@\(target)"
            let unit = Self.ownerUnit(kind: key.kind, id: key.id, unit: nil, in: inventory)
            if let closed = info.closed {
                for i in matches where findings[i].status != .waived {
                    result.append(Finding(
                        rule: Self.notFixed, title: Localized(zh: "报告已整改但问题仍在", en: "Reported fixed but still open"),
                        severity: findings[i].severity, status: .open, targetKind: Kind.rectification.rawValue, targetID: id,
                        message: Localized(zh: "整改通知 \(info.order) 称 \(target) 已于 \(closed) 整改完成，但规则 \(key.rule) 的问题仍然存在",
                                           en: "rectification order \(info.order) reports \(target) fixed on \(closed), but \(key.rule) still finds the problem"),
                        remediation: Localized(zh: "核实整改情况并重新整改；整改完成前删除 closed，或另下一份整改通知记录新的时限",
                                               en: "Verify and fix it again; remove closed until it is really fixed, or record a new order with a new deadline"),
                        location: inventory.location(of: object, field: "closed"), citation: Self.citation,
                        due: nil, waiver: nil, unit: unit))
                    break
                }
            } else if matches.isEmpty {
                result.append(Finding(
                    rule: Self.unused, title: Localized(zh: "整改通知没有对应的问题", en: "Rectification order matches no finding"),
                    severity: .info, status: .open, targetKind: Kind.rectification.rawValue, targetID: id,
                    message: Localized(zh: "整改通知 \(info.order) 要求整改的 \(target)（规则 \(key.rule)）已无问题，可以填写 closed 关闭",
                                       en: "rectification order \(info.order) for \(target) (\(key.rule)) matches no finding any more and can be closed"),
                    remediation: Localized(zh: "核实已整改后，在该整改通知上填写 closed（整改完成日期）",
                                           en: "Once the fix is confirmed, record its date as closed on the order"),
                    location: inventory.location(of: object), citation: Self.citation,
                    due: nil, waiver: nil, unit: unit))
            }
        }

        let days = RectifyDays(inventory)
        var owners: [String: Owner?] = [:]
        for i in result.indices {
            var f = result[i]
            let unit = Self.ownerUnit(kind: f.targetKind, id: f.targetID, unit: f.unit, in: inventory)
                ?? builtinTargetUnit(f, inventory: inventory)
            if let unit {
                if f.unit == nil { f.unit = unit }
                if let known = owners[unit] {
                    f.owner = known
                } else {
                    let u = inventory.object(.unit, id: unit)
                    let owner = u.map { Owner(unit: unit, unitName: $0.name ?? unit, opsLead: $0["ops_lead"]?.string) }
                    owners[unit] = owner
                    f.owner = owner
                }
            }
            var seen = options.firstSeen[f.fingerprint] ?? asOf
            if let order = f.rectification, order.issued < seen { seen = order.issued }
            f.firstSeen = seen
            if f.status != .waived, f.severity != .info {
                if let order = f.rectification {
                    f.rectifyBy = order.due
                } else if let due = f.due {
                    f.rectifyBy = due
                } else if let n = days.days(f.severity) {
                    f.rectifyBy = seen.adding(days: n)
                }
            }
            f.overdue = f.rectifyBy.map { asOf > $0 } ?? false
            if f.rectification?.owner == nil, let lead = f.owner?.opsLead { f.rectification?.owner = lead }
            result[i] = f
        }
        return result
    }

    /// A waiver's or order's own findings (`RULE@KIND/ID`) belong to their target's owner.
    func builtinTargetUnit(_ f: Finding, inventory: Inventory) -> String? {
        guard f.targetKind == Kind.waiver.rawValue || f.targetKind == Kind.rectification.rawValue,
              let at = f.targetID.firstIndex(of: "@") else { return nil }
        let parts = f.targetID[f.targetID.index(after: at)...].split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return Self.ownerUnit(kind: String(parts[0]), id: String(parts[1]), unit: nil, in: inventory)
    }
}

/// A (rule, target) pair: how waivers and rectification orders find their finding.
public struct TargetKey: Sendable, Hashable {
    public var rule: String
    public var kind: String
    public var id: String

    public init(rule: String, kind: String, id: String) {
        self.rule = rule
        self.kind = kind
        self.id = id
    }
}
