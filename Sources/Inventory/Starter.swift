/// The small, commented inventory that `yunwang init` writes: valid as it
/// stands, with one of each kind so a new user sees the shape of everything.
public enum Starter {
    /// A plan task the starter records (one per task of a built-in plan that applies at the
    /// inventory's region and level), so that a fresh inventory checks clean.
    public struct TaskRecord: Sendable {
        public var plan: String
        public var no: Int
        public var subTask: String

        public init(plan: String, no: Int, subTask: String) {
            self.plan = plan
            self.no = no
            self.subTask = subTask
        }
    }

    /// The level a GB/T 2260 code names: `xx0000` a province, `xxxx00` a city (prefecture),
    /// anything else a county.
    public static func level(ofRegion region: String) -> String {
        if region.hasSuffix("0000") { return "province" }
        if region.hasSuffix("00") { return "city" }
        return "county"
    }

    /// The sample is written for as-of 2026-09-30; another `asOf` moves every date in it by
    /// the same number of days, so the sample stays as compliant as it was.
    public static func files(region: String, name: String? = nil, level: String? = nil, asOf: Day? = nil,
                             tasks: [TaskRecord] = []) -> [(path: String, contents: String)] {
        let level = level ?? Self.level(ofRegion: region)
        let shift = (asOf ?? sampleAsOf).daysSinceEpoch - sampleAsOf.daysSinceEpoch
        var out = sample(region: region, name: name, level: level).map { ($0.path, shifted($0.contents, by: shift)) }
        if !tasks.isEmpty {
            let done = (asOf ?? sampleAsOf).description
            var text = "# yaml-language-server: $schema=./inventory.schema.json\n"
            text += "# 计划任务进展：这里把适用于本台账的每项任务都记为已完成，只是为了让新台账能通过检查；\n"
            text += "# 请按实际填写 status（not-started | in-progress | done | not-applicable）、done 和 evidence。\n"
            text += "# Plan task progress: every task that applies is recorded as done only so that a new inventory\n"
            text += "# checks clean; fill in the real status, done date and evidence.\n"
            text += "tasks:\n"
            for t in tasks {
                text += "  - {plan: \(t.plan), no: \(t.no), status: done, done: \(done), evidence: 待填写}   # \(t.subTask.replacingOccurrences(of: "\n", with: " "))\n"
            }
            out.append(("tasks.yaml", text))
        }
        return out
    }

    static let sampleAsOf = Day(year: 2026, month: 9, day: 30)

    /// Every `YYYY-MM-DD` in `text` moved by `days`.
    static func shifted(_ text: String, by days: Int) -> String {
        guard days != 0 else { return text }
        var scalars = Array(text.utf8)
        var i = 0
        func digit(_ k: Int) -> Bool { k >= 0 && k < scalars.count && scalars[k] >= 0x30 && scalars[k] <= 0x39 }
        while i + 10 <= scalars.count {
            let shape = (0..<10).allSatisfy { k in k == 4 || k == 7 ? scalars[i + k] == 0x2D : digit(i + k) }
            if shape, i == 0 || !digit(i - 1), let day = Day(String(decoding: scalars[i..<(i + 10)], as: UTF8.self)) {
                let moved = Array(day.adding(days: days).description.utf8)
                if moved.count == 10 { scalars.replaceSubrange(i..<(i + 10), with: moved) }
                i += 10
            } else {
                i += 1
            }
        }
        return String(decoding: scalars, as: UTF8.self)
    }

    static func sample(region: String, name: String?, level: String) -> [(path: String, contents: String)] {
        let title = name ?? "政务外网台账"
        let modeline = "# yaml-language-server: $schema=./inventory.schema.json\n"
        let inventory = modeline + """
        # 台账头部：名称、行政区划代码（GB/T 2260）、层级、默认评估日期。
        # Inventory header: name, GB/T 2260 region code, level, default as-of date.
        # 运行 `yunwang schema > inventory.schema.json` 后，编辑器即可校验和补全。
        inventory:
          name: \(title)
          region: "\(region)"
          level: \(level)            # province | city | county
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
            security_assessment: 2025-12-01
            dr: two-sites-three-centers

        # 事件：告警、风险通知、风险评估、应急演练 / events
        events:
          - {type: risk-assessment, unit: demo-unit, at: "2026-03-10T09:00:00+08:00"}
          - {type: drill, unit: demo-unit, at: "2026-04-02T09:00:00+08:00"}
          # 包头第四十一条：每年不少于 2 次风险评估和 2 次应急演练 / at least two of each a year
          - {type: risk-assessment, unit: demo-unit, at: "2026-08-12T09:00:00+08:00"}
          - {type: drill, unit: demo-unit, at: "2026-09-02T09:00:00+08:00"}

        """
        return [("inventory.yaml", inventory), ("units.yaml", units), ("systems.yaml", systems)]
    }
}
