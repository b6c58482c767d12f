import Diagnostics
import Inventory

/// Human names of kinds, levels and enum values for the report and the site,
/// so Chinese output never shows `county` or `leased-line`. When the
/// spreadsheet work's `Labels` table (schema v1's field and value labels)
/// is merged, these delegate to it; until then this is the one table.
public enum Vocabulary {
    /// Kind of object: 终端, 信息系统 …
    public static func kind(_ raw: String, _ language: Language) -> String {
        if raw == "rectification" { return language == .zh ? "整改通知" : "rectification order" }
        guard let k = Kind(rawValue: raw) else { return raw }
        let n = k.name
        return language == .zh ? n.zh : n.en
    }

    static let values: [String: (String, String)] = [
        // levels
        "province": ("省级", "province"), "city": ("市级", "city"), "county": ("县级", "county"),
        "township": ("乡镇级", "township"), "village": ("村级", "village"),
        // unit kinds
        "government": ("党政机关", "government"), "court": ("法院", "court"), "school": ("学校", "school"),
        "hospital": ("医院", "hospital"), "soe": ("国有企业", "state-owned enterprise"), "bank": ("银行", "bank"), "other": ("其他", "other"),
        // access methods
        "leased-line": ("专线", "leased line"), "zero-trust": ("零信任", "zero trust"), "vpn": ("虚拟专网", "VPN"), "mobile": ("移动接入", "mobile"),
        // results, grades, interaction, cloud kinds, dr, exits, events, tasks
        "pass": ("符合", "pass"), "basic-pass": ("基本符合", "basic pass"), "fail": ("不符合", "fail"),
        "general": ("一般", "general"), "important": ("重要", "important"), "core": ("核心", "core"),
        "none": ("无", "none"), "exchange-zone": ("经数据交换区", "via exchange zone"), "direct": ("直连", "direct"),
        "private": ("私有云", "private"), "hybrid": ("混合云", "hybrid"), "public": ("公有云", "public"),
        "same-city": ("同城", "same city"), "remote": ("异地", "remote"), "two-sites-three-centers": ("两地三中心", "two sites, three centres"),
        "unified": ("统一出口", "unified"), "independent": ("独立出口", "independent"),
        "alert": ("告警", "alert"), "risk-notice": ("风险通知", "risk notice"), "risk-assessment": ("风险评估", "risk assessment"),
        "drill": ("应急演练", "drill"), "data-risk-assessment": ("数据安全风险评估", "data risk assessment"),
        "not-started": ("未开始", "not started"), "in-progress": ("进行中", "in progress"), "done": ("已完成", "done"),
        "not-applicable": ("不适用", "not applicable"), "required": ("要求", "required"), "as-needed": ("按需", "as needed"),
        // application documents
        "responsibility-letter": ("安全责任书", "responsibility letter"), "ip-confirmation": ("地址确认单", "IP confirmation"),
        "ops-form": ("运维信息表", "operations form"), "confidentiality-pledge": ("保密承诺书", "confidentiality pledge"),
        // booleans
        "true": ("是", "yes"), "false": ("否", "no"),
    ]

    /// Short names of schema v1's fields (dotted paths for nested ones).
    static let fields: [String: (String, String)] = [
        "id": ("编号", "id"), "name": ("名称", "name"), "region": ("区划代码", "region"), "level": ("层级", "level"),
        "kind": ("类型", "kind"), "unit": ("所属单位", "unit"), "access.method": ("接入方式", "access method"),
        "access.opened": ("开通日期", "opened"), "access.last_activity": ("最近使用日期", "last activity"),
        "documents": ("接入材料", "documents"), "ops_lead": ("运维负责人", "ops lead"), "admins": ("管理员", "administrators"),
        "ip_segments": ("地址段", "IP segments"), "wireless_aps": ("无线接入点", "wireless access points"),
        "internet_exits": ("互联网出口", "internet exits"), "ip": ("地址", "IP address"), "mac": ("物理地址", "MAC address"),
        "user": ("使用人账号", "user"), "real_name": ("实名", "real name"), "classified": ("涉密", "classified"),
        "firewall": ("防火墙", "firewall"), "antivirus.installed": ("已装杀毒软件", "antivirus installed"),
        "antivirus.signatures": ("病毒库日期", "signatures"), "antivirus.last_full_scan": ("最近全盘扫描", "last full scan"),
        "software": ("软件", "software"), "important": ("重要系统", "important"), "cii": ("关键信息基础设施", "critical infrastructure"),
        "data_grade": ("数据级别", "data grade"), "launched": ("上线日期", "launched"), "changed": ("变更日期", "changed"),
        "extranet_filing": ("外网备案日期", "extranet filing"), "security_test": ("安全检测日期", "security test"),
        "internet_interaction": ("互联网交互", "internet interaction"), "backup.enabled": ("备份", "backup"),
        "backup.last_restore_test": ("最近恢复演练", "last restore test"), "hosting.cloud": ("承载政务云", "hosted on cloud"),
        "hosting.datacenter": ("承载机房", "hosted in data centre"), "hosting.public_cloud": ("公有云", "public cloud"),
        "mlps.level": ("等保级别", "MLPS level"), "mlps.filed": ("等保备案日期", "MLPS filed"),
        "mlps.last_assessment": ("最近等保测评", "last MLPS assessment"), "mlps.result": ("测评结论", "MLPS result"),
        "crypto.required": ("须密评", "crypto evaluation required"), "crypto.last_evaluation": ("最近密评", "last crypto evaluation"),
        "crypto.result": ("密评结论", "crypto result"), "security_assessment": ("云安全评估日期", "cloud security assessment"),
        "dr": ("灾备", "disaster recovery"), "operator": ("运营单位", "operator"), "pue": ("电能利用效率", "PUE"),
        "built": ("建成日期", "built"), "approval.document": ("批准文号", "approval document"), "approval.date": ("批准日期", "approval date"),
    ]

    /// A field's short name (`access.method` → 接入方式); unknown and `x-*` keys as written.
    public static func field(_ path: String, _ language: Language) -> String {
        guard let pair = fields[path] else { return path }
        return language == .zh ? pair.0 : pair.1
    }

    /// An enum value's name (`county` → 县级); unknown values are returned as written.
    public static func value(_ raw: String, _ language: Language) -> String {
        guard let pair = values[raw] else { return raw }
        return language == .zh ? pair.0 : pair.1
    }
}
