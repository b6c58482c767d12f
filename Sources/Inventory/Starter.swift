/// The small, commented inventory that `yunwang init` writes: valid as it
/// stands, with one of each kind so a new user sees the shape of everything.
public enum Starter {
    public static func files(region: String, name: String? = nil) -> [(path: String, contents: String)] {
        let title = name ?? "政务外网台账"
        let modeline = "# yaml-language-server: $schema=./inventory.schema.json\n"
        let inventory = modeline + """
        # 台账头部：名称、行政区划代码（GB/T 2260）、层级、默认评估日期。
        # Inventory header: name, GB/T 2260 region code, level, default as-of date.
        # 运行 `yunwang schema > inventory.schema.json` 后，编辑器即可校验和补全。
        inventory:
          name: \(title)
          region: "\(region)"
          level: city            # province | city | county
          as_of: 2026-09-30

        # 互联网出口 / internet exits
        exits:
          - id: unified-exit
            name: 统一互联网出口
            kind: unified        # unified | independent（独立出口需 approval）

        """
        let units = modeline + """
        # 接入单位 / units connected to the extranet
        units:
          - id: demo-unit
            name: 示例单位
            kind: government
            access:
              method: leased-line          # leased-line | zero-trust | vpn | mobile | other
              opened: 2024-01-15
              last_activity: 2026-09-20
            documents: [responsibility-letter, ip-confirmation, ops-form, confidentiality-pledge]
            ops_lead: 张三
            admins: [李四]
            ip_segments: [10.0.1.0/24]
            wireless_aps: 0
            internet_exits: [unified-exit]
            emergency_plan: {issued: 2025-03-01}   # 网络安全应急预案 / the unit's emergency plan

        # 终端 / terminals
        terminals:
          - id: demo-unit-0001
            unit: demo-unit
            ip: 10.0.1.11
            mac: "00:1a:2b:3c:4d:5e"
            user: zhangsan
            real_name: true
            classified: false
            firewall: true
            antivirus: {installed: true, signatures: 2026-09-29, last_full_scan: 2026-09-27}
            software: [WPS Office]

        """
        let systems = modeline + """
        # 信息系统与政务云 / information systems and clouds
        systems:
          - id: demo-system
            name: 示例业务系统
            unit: demo-unit
            important: false
            data_grade: general            # general | important | core
            launched: 2025-06-01
            extranet_filing: 2025-05-20
            security_test: 2025-05-25
            internet_interaction: none     # none | exchange-zone | direct
            backup: {enabled: true, last_restore_test: 2026-06-01}
            hosting: {cloud: demo-cloud}
            mlps: {level: 2, filed: 2025-05-10, last_assessment: 2025-10-10, result: pass}

        clouds:
          - id: demo-cloud
            name: 示例政务云
            kind: government
            mlps: {level: 3, filed: 2023-03-01, last_assessment: 2026-05-10, result: pass}
            crypto: {required: true, last_evaluation: 2026-04-01, result: pass}   # 三级政务云须密评 / level 3: 密评 required
            security_assessment: 2025-12-01
            dr: two-sites-three-centers

        # 事件：告警、风险通知、风险评估、应急演练 / events
        events:
          - {type: risk-assessment, unit: demo-unit, at: "2026-03-10T09:00:00+08:00"}
          - {type: drill, unit: demo-unit, at: "2026-04-02T09:00:00+08:00"}

        """
        return [("inventory.yaml", inventory), ("units.yaml", units), ("systems.yaml", systems)]
    }
}
