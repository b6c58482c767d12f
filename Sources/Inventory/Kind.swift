/// The kinds of object an inventory holds (DESIGN §2).
public enum Kind: String, Sendable, CaseIterable, Hashable, Comparable {
    case inventory, unit, terminal, system, cloud, datacenter, exit, event, task, waiver
    /// A rectification order (整改通知, DESIGN §9).
    case rectification

    /// The top-level key that lists objects of this kind (`units:`), or `inventory:`.
    public var key: String {
        switch self {
        case .inventory: return "inventory"
        case .unit: return "units"
        case .terminal: return "terminals"
        case .system: return "systems"
        case .cloud: return "clouds"
        case .datacenter: return "datacenters"
        case .exit: return "exits"
        case .event: return "events"
        case .task: return "tasks"
        case .waiver: return "waivers"
        case .rectification: return "rectifications"
        }
    }

    /// Kinds whose objects carry a unique `id` and can be a waiver target.
    public var hasID: Bool {
        switch self {
        case .unit, .terminal, .system, .cloud, .datacenter, .exit: return true
        default: return false
        }
    }

    public var ordinal: Int { Kind.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: Kind, b: Kind) -> Bool { a.ordinal < b.ordinal }

    public static func fromKey(_ key: String) -> Kind? {
        allCases.first { $0.key == key }
    }

    public var name: (zh: String, en: String) {
        switch self {
        case .inventory: return ("台账", "inventory")
        case .unit: return ("接入单位", "unit")
        case .terminal: return ("终端", "terminal")
        case .system: return ("信息系统", "system")
        case .cloud: return ("政务云", "cloud")
        case .datacenter: return ("数据中心", "data centre")
        case .exit: return ("互联网出口", "internet exit")
        case .event: return ("事件", "event")
        case .task: return ("任务记录", "task record")
        case .waiver: return ("豁免", "waiver")
        case .rectification: return ("整改通知", "rectification order")
        }
    }
}
