import Diagnostics

/// The type of a field. The decoder, the validator and the JSON Schema
/// generator all read these definitions: one source of truth.
public indirect enum FieldType: Sendable {
    case string
    /// `[A-Za-z0-9][A-Za-z0-9._-]*`, no `..`.
    case identifier
    /// A GB/T 2260 division code, six digits.
    case region
    case date
    case instant
    case bool
    case integer(min: Int64?, max: Int64?)
    case number(min: Double?, max: Double?)
    case choice([String])
    case ip
    case cidr
    case mac
    /// The id of an object of another kind.
    case reference(Kind)
    /// `KIND/ID`: a waiver's target.
    case target
    case list(FieldType)
    case object(ObjectSpec)
    /// Any YAML (rule parameters).
    case any
}

public struct FieldSpec: Sendable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    public var doc: Localized
    /// The name of the `ObjectSpec` holding this row, set by its initializer; keys the
    /// short labels of Labels.swift.
    public internal(set) var owner = ""

    public init(_ name: String, _ type: FieldType, required: Bool = false, _ zh: String, _ en: String) {
        self.name = name
        self.type = type
        self.required = required
        self.doc = Localized(zh: zh, en: en)
    }
}

public struct ObjectSpec: Sendable {
    public var name: String
    public var fields: [FieldSpec]
    /// Groups of which exactly one field must be present (`hosting`).
    public var exactlyOne: [String]?

    public init(_ name: String, _ fields: [FieldSpec], exactlyOne: [String]? = nil) {
        self.name = name
        self.fields = fields.map { field in
            var owned = field
            owned.owner = name
            return owned
        }
        self.exactlyOne = exactlyOne
    }

    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }
}

/// Inventory schema v1 (DESIGN §2).
public enum Schema {
    public static let version = 1

    public static let unitLevels = ["province", "city", "county", "township", "village"]
    public static let inventoryLevels = ["province", "city", "county"]
    public static let documents = ["responsibility-letter", "ip-confirmation", "ops-form", "confidentiality-pledge"]
    public static let targetKinds: [Kind] = [.unit, .terminal, .system, .cloud, .datacenter, .exit]

    static let region = FieldSpec("region", .region, "GB/T 2260 行政区划代码；缺省时继承所属单位或台账的代码", "GB/T 2260 division code; defaults to the unit's, else the inventory's")

    /// Who owns a cloud's, data centre's or exit's findings (DESIGN §9).
    static let operatorField = FieldSpec("operator", .reference(.unit), "运营（运维）单位编号：其问题的责任单位", "id of the operating unit: who owns its findings")

    static let mlps = ObjectSpec("mlps", [
        FieldSpec("level", .integer(min: 1, max: 5), "等级保护级别（1–5）", "MLPS level (1–5)"),
        FieldSpec("filed", .date, "等级保护备案日期", "date the MLPS filing was accepted"),
        FieldSpec("last_assessment", .date, "最近一次等级测评日期", "date of the latest MLPS assessment"),
        FieldSpec("result", .choice(["pass", "basic-pass", "fail"]), "测评结论：pass 符合 / basic-pass 基本符合 / fail 不符合", "assessment result"),
    ])

    static let crypto = ObjectSpec("crypto", [
        FieldSpec("required", .bool, "是否须开展商用密码应用安全性评估（密评）", "whether a commercial-crypto evaluation (密评) is required"),
        FieldSpec("last_evaluation", .date, "最近一次密评日期", "date of the latest 密评"),
        FieldSpec("result", .choice(["pass", "basic-pass", "fail"]), "密评结论", "evaluation result"),
    ])

    public static let inventory = ObjectSpec("inventory", [
        FieldSpec("name", .string, required: true, "台账名称", "inventory name"),
        FieldSpec("region", .region, required: true, "GB/T 2260 行政区划代码，如 \"150200\"", "GB/T 2260 division code such as \"150200\""),
        FieldSpec("level", .choice(inventoryLevels), required: true, "台账层级：province 省级 / city 市级 / county 县级", "inventory level"),
        FieldSpec("as_of", .date, "默认评估日期（--as-of 可覆盖）", "default evaluation date (--as-of overrides)"),
        FieldSpec("params", .any, "按规则覆盖参数：{规则ID: {参数名: 值}}", "per-rule parameter overrides: {RULE-ID: {name: value}}"),
        // The audit cycle (DESIGN §9).
        FieldSpec("issuer", .string, "出具报告和整改通知的署名单位", "who issues the report and the rectification notices"),
        FieldSpec("rectify_days", .object(ObjectSpec("rectify_days", [
            FieldSpec("high", .integer(min: 1, max: 3650), "高风险问题的整改天数（默认 15）", "days to fix a high finding (default 15)"),
            FieldSpec("medium", .integer(min: 1, max: 3650), "中风险问题的整改天数（默认 30）", "days to fix a medium finding (default 30)"),
            FieldSpec("low", .integer(min: 1, max: 3650), "低风险问题的整改天数（默认 90）", "days to fix a low finding (default 90)"),
        ])), "整改时限：首次发现后多少天内整改（提示级问题不设时限）", "rectification deadlines in days after a finding is first seen (info findings have none)"),
        FieldSpec("report", .object(ObjectSpec("report", [
            FieldSpec("number", .string, "报告文号，如 包数审〔2026〕3号", "report number"),
            FieldSpec("prepared_by", .string, "编制人", "prepared by"),
            FieldSpec("reviewed_by", .string, "审核人", "reviewed by"),
            FieldSpec("approved_by", .string, "签发人", "approved by"),
        ])), "季度报告的文号和签署", "the quarterly report's number and sign-off"),
    ])

    public static let unit = ObjectSpec("unit", [
        FieldSpec("id", .identifier, required: true, "单位编号", "unit id"),
        FieldSpec("name", .string, required: true, "单位名称", "unit name"),
        region,
        FieldSpec("level", .choice(unitLevels), "单位层级", "administrative level of the unit"),
        FieldSpec("kind", .choice(["government", "court", "school", "hospital", "soe", "bank", "other"]), "单位类型", "kind of unit"),
        FieldSpec("access", .object(ObjectSpec("access", [
            FieldSpec("method", .choice(["leased-line", "zero-trust", "vpn", "mobile", "other"]), "接入方式：专线 leased-line / 零信任 zero-trust / vpn / mobile / other", "access method"),
            FieldSpec("opened", .date, "开通日期", "date the link was opened"),
            FieldSpec("last_activity", .date, "最后一次使用联网应用的日期", "last day networked applications were in use"),
        ])), "接入情况", "how the unit is connected"),
        FieldSpec("documents", .list(.choice(documents)), "已提交的接入申请材料", "application documents on file"),
        FieldSpec("ops_lead", .string, "运维负责人", "operations lead"),
        FieldSpec("admins", .list(.string), "网络管理员", "network administrators"),
        FieldSpec("ip_segments", .list(.cidr), "分配给本单位的 IP 地址段", "IP segments assigned to the unit"),
        FieldSpec("wireless_aps", .integer(min: 0, max: nil), "接入政务外网的无线接入点数量", "wireless access points on the extranet"),
        FieldSpec("internet_exits", .list(.reference(.exit)), "访问互联网所经的出口编号", "ids of the internet exits the unit uses"),
    ])

    public static let terminal = ObjectSpec("terminal", [
        FieldSpec("id", .identifier, required: true, "终端编号", "terminal id"),
        FieldSpec("unit", .reference(.unit), required: true, "所属单位编号", "id of the owning unit"),
        region,
        FieldSpec("ip", .ip, "IP 地址", "IP address"),
        FieldSpec("mac", .mac, "MAC 地址", "MAC address"),
        FieldSpec("user", .string, "使用人账号；为空表示未绑定", "bound user; empty = not bound"),
        FieldSpec("real_name", .bool, "是否实名", "whether the user is registered by real name"),
        FieldSpec("classified", .bool, "是否涉密设备", "whether the device is classified (涉密)"),
        FieldSpec("firewall", .bool, "是否安装防火墙", "firewall installed"),
        FieldSpec("antivirus", .object(ObjectSpec("antivirus", [
            FieldSpec("installed", .bool, "是否安装防病毒软件", "antivirus installed"),
            FieldSpec("signatures", .date, "病毒库更新日期", "date of the signature update"),
            FieldSpec("last_full_scan", .date, "最近一次全盘查杀日期", "date of the last full scan"),
        ])), "防病毒情况", "antivirus status"),
        FieldSpec("software", .list(.string), "已安装软件", "installed software"),
    ])

    public static let system = ObjectSpec("system", [
        FieldSpec("id", .identifier, required: true, "系统编号", "system id"),
        FieldSpec("name", .string, required: true, "系统名称", "system name"),
        FieldSpec("unit", .reference(.unit), required: true, "主管单位编号", "id of the owning unit"),
        region,
        FieldSpec("important", .bool, "是否重要信息系统", "whether it is an important information system"),
        FieldSpec("cii", .bool, "是否关键信息基础设施", "whether it is critical information infrastructure"),
        FieldSpec("data_grade", .choice(["general", "important", "core"]), "数据级别（GB/T 43697-2024）：一般 / 重要 / 核心", "data grade (GB/T 43697-2024)"),
        FieldSpec("launched", .date, "上线日期；缺省表示尚未上线", "launch date; omitted = not yet live"),
        FieldSpec("changed", .date, "最近一次需重新备案的变更日期", "date of the last change that needs re-filing"),
        FieldSpec("extranet_filing", .date, "最近一次向政务外网运行管理部门备案的日期", "date of the latest filing with the extranet operator"),
        FieldSpec("security_test", .date, "上线前安全检测日期", "date of the pre-launch security test"),
        FieldSpec("internet_interaction", .choice(["none", "exchange-zone", "direct"]), "与互联网交互方式：none / exchange-zone 经数据交换区 / direct 直连", "how it exchanges data with the internet"),
        FieldSpec("backup", .object(ObjectSpec("backup", [
            FieldSpec("enabled", .bool, "是否开展数据备份", "backups enabled"),
            FieldSpec("last_restore_test", .date, "最近一次恢复测试日期", "date of the last restore test"),
        ])), "备份情况", "backups"),
        FieldSpec("hosting", .object(ObjectSpec("hosting", [
            FieldSpec("cloud", .reference(.cloud), "部署所在政务云编号", "id of the cloud it runs on"),
            FieldSpec("datacenter", .reference(.datacenter), "部署所在数据中心编号", "id of the data centre it runs in"),
        ], exactlyOne: ["cloud", "datacenter"])), "部署位置（cloud 或 datacenter 之一）", "where it runs (one of cloud, datacenter)"),
        FieldSpec("mlps", .object(mlps), "等级保护情况", "MLPS (等级保护) status"),
        FieldSpec("crypto", .object(crypto), "商用密码应用安全性评估（密评）情况", "commercial-crypto evaluation (密评)"),
    ])

    public static let cloud = ObjectSpec("cloud", [
        FieldSpec("id", .identifier, required: true, "云平台编号", "cloud id"),
        FieldSpec("name", .string, required: true, "云平台名称", "cloud name"),
        region,
        FieldSpec("kind", .choice(["government", "private", "hybrid", "public"]), "类型：政务云 / 私有云 / 混合云 / 公有云", "kind of cloud"),
        FieldSpec("mlps", .object(mlps), "等级保护情况", "MLPS status"),
        FieldSpec("crypto", .object(crypto), "密评情况", "密评 status"),
        FieldSpec("security_assessment", .date, "通过云计算服务安全评估的日期", "date it passed the cloud-service security assessment"),
        FieldSpec("dr", .choice(["none", "same-city", "remote", "two-sites-three-centers"]), "灾备：none / 同城 / 异地 / 两地三中心", "disaster recovery"),
        operatorField,
    ])

    public static let datacenter = ObjectSpec("datacenter", [
        FieldSpec("id", .identifier, required: true, "数据中心编号", "data-centre id"),
        FieldSpec("name", .string, required: true, "数据中心名称", "data-centre name"),
        region,
        FieldSpec("pue", .number(min: 1.0, max: nil), "电能利用效率 PUE（≥ 1.0）", "power usage effectiveness (≥ 1.0)"),
        FieldSpec("built", .date, "建成日期", "date built"),
        operatorField,
    ])

    public static let exit = ObjectSpec("exit", [
        FieldSpec("id", .identifier, required: true, "出口编号", "exit id"),
        FieldSpec("name", .string, required: true, "出口名称", "exit name"),
        region,
        FieldSpec("kind", .choice(["unified", "independent"]), "统一出口 unified / 独立出口 independent", "unified or independent exit"),
        FieldSpec("approval", .object(ObjectSpec("approval", [
            FieldSpec("document", .string, "书面批准文号", "approval document number"),
            FieldSpec("date", .date, "批准日期", "approval date"),
        ])), "独立出口的书面批准", "written approval of an independent exit"),
        operatorField,
    ])

    public static let eventTypes = ["alert", "risk-notice", "risk-assessment", "drill", "data-risk-assessment"]

    public static let event = ObjectSpec("event", [
        FieldSpec("type", .choice(eventTypes), required: true, "事件类型：alert 告警 / risk-notice 风险通知 / risk-assessment 风险评估 / drill 应急演练 / data-risk-assessment 数据安全风险评估", "event type"),
        FieldSpec("unit", .reference(.unit), required: true, "相关单位编号", "id of the unit concerned"),
        FieldSpec("system", .reference(.system), "相关系统编号（可选）", "id of the system concerned (optional)"),
        FieldSpec("ip", .ip, "相关 IP（告警）", "IP concerned (alerts)"),
        FieldSpec("at", .instant, required: true, "发生时间（RFC 3339，如 2026-09-21T10:00:00+08:00）", "when it happened (RFC 3339)"),
        FieldSpec("handled", .bool, "告警是否已处置", "whether the alert was handled"),
        FieldSpec("note", .string, "备注", "note"),
    ])

    public static let task = ObjectSpec("task", [
        FieldSpec("plan", .identifier, required: true, "计划编号，如 nm-2024-189", "plan id such as nm-2024-189"),
        FieldSpec("no", .integer(min: 1, max: nil), required: true, "任务序号", "task number"),
        FieldSpec("status", .choice(["not-started", "in-progress", "done", "not-applicable"]), required: true, "进展", "status"),
        FieldSpec("done", .date, "完成日期", "completion date"),
        FieldSpec("evidence", .string, "佐证材料", "evidence"),
        FieldSpec("note", .string, "备注", "note"),
    ])

    public static let waiver = ObjectSpec("waiver", [
        FieldSpec("rule", .string, required: true, "规则编号，如 BT-42-8", "rule id such as BT-42-8"),
        FieldSpec("target", .target, required: true, "豁免对象：类型/编号，如 terminal/bt-sjj-0001", "what is waived: KIND/ID"),
        FieldSpec("reason", .string, required: true, "豁免理由", "justification"),
        FieldSpec("approved_by", .string, required: true, "批准人", "who approved it"),
        FieldSpec("approval", .string, required: true, "批准文号", "approval document"),
        FieldSpec("expires", .date, required: true, "到期日期（到期后不再豁免）", "expiry date (expired waivers stop waiving)"),
    ])

    public static let rectification = ObjectSpec("rectification", [
        FieldSpec("rule", .string, required: true, "规则编号，如 BT-42-8", "rule id such as BT-42-8"),
        FieldSpec("target", .target, required: true, "整改对象：类型/编号，如 terminal/bt-sjj-0003", "what must be fixed: KIND/ID"),
        FieldSpec("order", .string, required: true, "整改通知书文号，如 包数整改〔2026〕7号", "number of the rectification notice"),
        FieldSpec("issued", .date, required: true, "下发日期", "date issued"),
        FieldSpec("due", .date, required: true, "整改时限（不早于下发日期）", "deadline (on or after issued)"),
        FieldSpec("owner", .string, "整改责任人（缺省为单位的运维负责人）", "who must fix it (default: the unit's ops lead)"),
        FieldSpec("closed", .date, "单位报告整改完成的日期", "date the unit reported it fixed"),
        FieldSpec("note", .string, "备注", "note"),
    ])

    public static func spec(for kind: Kind) -> ObjectSpec {
        switch kind {
        case .inventory: return inventory
        case .unit: return unit
        case .terminal: return terminal
        case .system: return system
        case .cloud: return cloud
        case .datacenter: return datacenter
        case .exit: return exit
        case .event: return event
        case .task: return task
        case .waiver: return waiver
        case .rectification: return rectification
        }
    }

    /// The top-level keys a file may hold, in schema order.
    public static var topLevelKeys: [String] { Kind.allCases.map(\.key) }
}
