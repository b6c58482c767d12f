import Diagnostics

/// Short human labels of schema v1: a column header, a drop-down entry, a report cell.
/// `FieldSpec.doc` says what a field means; a label names it in a few characters.
///
/// Keyed by the `ObjectSpec` name that holds the row (`unit`, `access`, `mlps`, …) and the
/// field name, so a nested spec shared by several kinds (`mlps` on systems and clouds) has
/// one set of labels. Labels of nested fields stand on their own ("等保级别", not "级别"):
/// a spreadsheet header shows only the leaf's label, and within one kind the labels are
/// unique, so a header can be matched back to its field.
/// Tests/InventoryTests/LabelTests.swift fails for every field or enum value without both
/// labels: a new `FieldSpec` row needs its entry here.
public enum Labels {
    private static func l(_ zh: String, _ en: String) -> Localized { Localized(zh: zh, en: en) }

    static let region = l("行政区划代码", "division code")

    /// spec name → field name → label.
    static let fields: [String: [String: Localized]] = [
        "inventory": [
            "name": l("台账名称", "inventory name"),
            "region": l("行政区划代码", "division code"),
            "level": l("台账层级", "inventory level"),
            "as_of": l("评估日期", "as-of date"),
            "params": l("规则参数", "rule parameters"),
        ],
        "unit": [
            "id": l("单位编号", "unit id"),
            "name": l("单位名称", "unit name"),
            "region": region,
            "level": l("单位层级", "unit level"),
            "kind": l("单位类型", "unit kind"),
            "access": l("接入情况", "access"),
            "documents": l("申请材料", "application documents"),
            "ops_lead": l("运维负责人", "operations lead"),
            "admins": l("网络管理员", "administrators"),
            "ip_segments": l("IP 地址段", "IP segments"),
            "wireless_aps": l("无线接入点数", "wireless APs"),
            "internet_exits": l("互联网出口", "internet exits"),
        ],
        "access": [
            "method": l("接入方式", "access method"),
            "opened": l("开通日期", "opened"),
            "last_activity": l("最后使用日期", "last activity"),
        ],
        "terminal": [
            "id": l("终端编号", "terminal id"),
            "unit": l("所属单位", "unit"),
            "region": region,
            "ip": l("IP 地址", "IP address"),
            "mac": l("MAC 地址", "MAC address"),
            "user": l("使用人", "user"),
            "real_name": l("实名", "real name"),
            "classified": l("涉密设备", "classified"),
            "firewall": l("防火墙", "firewall"),
            "antivirus": l("防病毒", "antivirus"),
            "software": l("已装软件", "installed software"),
        ],
        "antivirus": [
            "installed": l("已装防病毒", "antivirus installed"),
            "signatures": l("病毒库日期", "signature date"),
            "last_full_scan": l("全盘查杀日期", "last full scan"),
        ],
        "system": [
            "id": l("系统编号", "system id"),
            "name": l("系统名称", "system name"),
            "unit": l("主管单位", "unit"),
            "region": region,
            "important": l("重要系统", "important system"),
            "cii": l("关键信息基础设施", "critical infrastructure"),
            "data_grade": l("数据级别", "data grade"),
            "launched": l("上线日期", "launched"),
            "changed": l("变更日期", "changed"),
            "extranet_filing": l("外网备案日期", "extranet filing"),
            "security_test": l("安全检测日期", "security test"),
            "internet_interaction": l("互联网交互", "internet interaction"),
            "backup": l("备份", "backup"),
            "hosting": l("部署位置", "hosting"),
            "mlps": l("等级保护", "MLPS"),
            "crypto": l("密评", "crypto evaluation"),
        ],
        "backup": [
            "enabled": l("已备份", "backup enabled"),
            "last_restore_test": l("恢复测试日期", "last restore test"),
        ],
        "hosting": [
            "cloud": l("所在政务云", "cloud"),
            "datacenter": l("所在数据中心", "data centre"),
        ],
        "mlps": [
            "level": l("等保级别", "MLPS level"),
            "filed": l("等保备案日期", "MLPS filed"),
            "last_assessment": l("等保测评日期", "MLPS assessed"),
            "result": l("等保测评结论", "MLPS result"),
        ],
        "crypto": [
            "required": l("须密评", "crypto evaluation required"),
            "last_evaluation": l("密评日期", "crypto evaluated"),
            "result": l("密评结论", "crypto result"),
        ],
        "cloud": [
            "id": l("云平台编号", "cloud id"),
            "name": l("云平台名称", "cloud name"),
            "region": region,
            "kind": l("云类型", "cloud kind"),
            "mlps": l("等级保护", "MLPS"),
            "crypto": l("密评", "crypto evaluation"),
            "security_assessment": l("云安全评估日期", "cloud security assessment"),
            "dr": l("灾备", "disaster recovery"),
        ],
        "datacenter": [
            "id": l("数据中心编号", "data-centre id"),
            "name": l("数据中心名称", "data-centre name"),
            "region": region,
            "pue": l("PUE", "PUE"),
            "built": l("建成日期", "built"),
        ],
        "exit": [
            "id": l("出口编号", "exit id"),
            "name": l("出口名称", "exit name"),
            "region": region,
            "kind": l("出口类型", "exit kind"),
            "approval": l("书面批准", "approval"),
        ],
        "approval": [
            "document": l("批准文号", "approval document"),
            "date": l("批准日期", "approval date"),
        ],
        "event": [
            "type": l("事件类型", "event type"),
            "unit": l("相关单位", "unit"),
            "system": l("相关系统", "system"),
            "ip": l("IP 地址", "IP address"),
            "at": l("发生时间", "time"),
            "handled": l("已处置", "handled"),
            "note": l("备注", "note"),
        ],
        "task": [
            "plan": l("计划编号", "plan"),
            "no": l("任务序号", "task number"),
            "status": l("进展", "status"),
            "done": l("完成日期", "completed"),
            "evidence": l("佐证材料", "evidence"),
            "note": l("备注", "note"),
        ],
        "waiver": [
            "rule": l("规则编号", "rule"),
            "target": l("豁免对象", "target"),
            "reason": l("豁免理由", "reason"),
            "approved_by": l("批准人", "approved by"),
            "approval": l("批准文号", "approval document"),
            "expires": l("到期日期", "expires"),
        ],
    ]

    static let results: [String: Localized] = [
        "pass": l("符合", "pass"),
        "basic-pass": l("基本符合", "basic pass"),
        "fail": l("不符合", "fail"),
    ]

    /// spec name → field name → enum value → label (fields of type choice or list of choice).
    static let values: [String: [String: [String: Localized]]] = [
        "inventory": [
            "level": ["province": l("省级", "province"), "city": l("市级", "city"), "county": l("县级", "county")],
        ],
        "unit": [
            "level": [
                "province": l("省级", "province"), "city": l("市级", "city"), "county": l("县级", "county"),
                "township": l("乡镇级", "township"), "village": l("村级", "village"),
            ],
            "kind": [
                "government": l("党政机关", "government"), "court": l("法院", "court"), "school": l("学校", "school"),
                "hospital": l("医院", "hospital"), "soe": l("国有企业", "state-owned enterprise"),
                "bank": l("银行", "bank"), "other": l("其他", "other"),
            ],
            "documents": [
                "responsibility-letter": l("安全责任书", "responsibility letter"),
                "ip-confirmation": l("IP 地址确认单", "IP confirmation"),
                "ops-form": l("运维信息表", "operations form"),
                "confidentiality-pledge": l("保密承诺书", "confidentiality pledge"),
            ],
        ],
        "access": [
            "method": [
                "leased-line": l("专线", "leased line"), "zero-trust": l("零信任", "zero trust"),
                "vpn": l("VPN", "VPN"), "mobile": l("移动接入", "mobile"), "other": l("其他", "other"),
            ],
        ],
        "system": [
            "data_grade": ["general": l("一般数据", "general"), "important": l("重要数据", "important"), "core": l("核心数据", "core")],
            "internet_interaction": [
                "none": l("不交互", "none"), "exchange-zone": l("经数据交换区", "through the exchange zone"),
                "direct": l("直连", "direct"),
            ],
        ],
        "mlps": ["result": results],
        "crypto": ["result": results],
        "cloud": [
            "kind": ["government": l("政务云", "government"), "private": l("私有云", "private"), "hybrid": l("混合云", "hybrid"), "public": l("公有云", "public")],
            "dr": [
                "none": l("无灾备", "none"), "same-city": l("同城灾备", "same city"), "remote": l("异地灾备", "remote"),
                "two-sites-three-centers": l("两地三中心", "two sites, three centres"),
            ],
        ],
        "exit": [
            "kind": ["unified": l("统一出口", "unified"), "independent": l("独立出口", "independent")],
        ],
        "event": [
            "type": [
                "alert": l("告警", "alert"), "risk-notice": l("风险通知", "risk notice"),
                "risk-assessment": l("风险评估", "risk assessment"), "drill": l("应急演练", "drill"),
                "data-risk-assessment": l("数据安全风险评估", "data risk assessment"),
            ],
        ],
        "task": [
            "status": [
                "not-started": l("未启动", "not started"), "in-progress": l("推进中", "in progress"),
                "done": l("已完成", "done"), "not-applicable": l("不适用", "not applicable"),
            ],
        ],
    ]

    /// Booleans in a cell or a drop-down.
    public static let yes = l("是", "yes")
    public static let no = l("否", "no")

    /// The label of `field` in the spec named `spec`, if the table has one.
    public static func field(_ spec: String, _ field: String) -> Localized? { fields[spec]?[field] }

    /// The label of one value of an enum field, if the table has one.
    public static func value(_ spec: String, _ field: String, _ value: String) -> Localized? {
        values[spec]?[field]?[value]
    }
}

extension FieldSpec {
    /// The short label (column header); the field's name where the table lacks one
    /// (which the label test does not allow).
    public var label: Localized { Labels.field(owner, name) ?? Localized(zh: name, en: name) }

    /// The enum values of a choice field or a list of choices, else nil.
    public var choices: [String]? {
        switch type {
        case .choice(let values): return values
        case .list(.choice(let values)): return values
        default: return nil
        }
    }

    /// The label of one of `choices`; the value itself where the table lacks one.
    public func valueLabel(_ value: String) -> Localized {
        Labels.value(owner, name, value) ?? Localized(zh: value, en: value)
    }
}

extension ObjectSpec {
    /// The field at a dotted path (`mlps.level`) through nested objects.
    public func field(path: String) -> FieldSpec? {
        var spec = self
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() {
            guard let f = spec.field(String(part)) else { return nil }
            if i == parts.count - 1 { return f }
            guard case .object(let inner) = f.type else { return nil }
            spec = inner
        }
        return nil
    }
}

extension Schema {
    /// The label of a field of `kind` at a dotted path (`mlps.level`).
    public static func label(kind: Kind, path: String) -> Localized? {
        spec(for: kind).field(path: path)?.label
    }

    /// The label of an enum value of `field`.
    public static func valueLabel(field: FieldSpec, value: String) -> Localized {
        field.valueLabel(value)
    }

    /// The label of an enum value of the field of `kind` at `path`.
    public static func valueLabel(kind: Kind, path: String, value: String) -> Localized? {
        guard let f = spec(for: kind).field(path: path), f.choices?.contains(value) == true else { return nil }
        return f.valueLabel(value)
    }
}
