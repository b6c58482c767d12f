import Diagnostics
import Inventory

/// Human names of kinds and of values shown outside a field's context (the
/// inventory's level, booleans), so Chinese output never shows `county`.
/// Field labels and enum values of a known field come from schema v1's
/// table (`Inventory/Labels.swift`: `Schema.label`, `Schema.valueLabel`);
/// this falls back to it for the inventory's and units' fields.
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

    /// An enum value's name (`county` → 县级); unknown values are returned as written.
    public static func value(_ raw: String, _ language: Language) -> String {
        for (kind, path) in [(Kind.inventory, "level"), (.unit, "level")] {
            if let l = Schema.valueLabel(kind: kind, path: path, value: raw) { return l.text(language) }
        }
        guard let pair = values[raw] else { return raw }
        return language == .zh ? pair.0 : pair.1
    }
}
