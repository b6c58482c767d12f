#!/usr/bin/env python3
"""The county-sized inventory of the report and site tests (issue #15):
土默特右旗 (150221, a banner/county of Baotou), 8 units, 41 terminals.

Deterministic; run `python3 Tests/Fixtures/tumd/generate.py` to rewrite the
YAML beside it. Most terminals have not had a full virus scan within 7 days
(BT-42-5-SCAN), as in the county inventory that issue #15 was filed on: the
report must group them under one rule, not repeat the quote 39 times.
"""
import os, random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(150221)

UNITS = [
    ("tm-sjj", "土默特右旗政务服务与数据管理局", "county", "government", "张建华", 7),
    ("tm-gaj", "土默特右旗公安局", "county", "government", "乌云", 6),
    ("tm-jyj", "土默特右旗教育局", "county", "government", "王丽华", 5),
    ("tm-wjw", "土默特右旗卫生健康委员会", "county", "government", "李春梅", 5),
    ("tm-fy", "土默特右旗人民法院", "county", "court", "巴特尔", 4),
    ("tm-czj", "土默特右旗财政局", "county", "government", "刘国栋", 5),
    ("tm-szq", "萨拉齐镇人民政府", "township", "government", "赵红霞", 4),
    ("tm-rmyy", "土默特右旗人民医院", "county", "hospital", "高振华", 5),
]
assert sum(u[5] for u in UNITS) == 41

def w(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(text)

w("inventory.yaml", """# 土默特右旗电子政务外网台账（县级样例，测试用）
inventory:
  name: 土默特右旗电子政务外网台账
  region: "150221"
  level: county
  as_of: 2026-09-30
  issuer: 土默特右旗政务服务与数据管理局
  report: {number: "土政数审〔2026〕3号", prepared_by: 郝文博, reviewed_by: 苏雅琴, approved_by: 任振华}
""")

lines = ["# 接入单位", "units:"]
for i, (uid, name, level, kind, lead, _) in enumerate(UNITS):
    docs = "[responsibility-letter, ip-confirmation, ops-form, confidentiality-pledge]"
    if uid == "tm-szq":
        docs = "[responsibility-letter, ip-confirmation]"
    lines += [f"  - id: {uid}", f"    name: {name}", f"    level: {level}", f"    kind: {kind}",
              f"    access: {{method: leased-line, opened: 20{18 + i % 5}-0{1 + i % 8}-1{i % 9}, last_activity: 2026-09-2{i % 9}}}",
              f"    documents: {docs}", f"    ops_lead: {lead}", f"    admins: [{lead}]",
              f"    ip_segments: [10.15.{120 + i}.0/24]", "    wireless_aps: 0", "    internet_exits: [tm-unified]"]
w("units.yaml", "\n".join(lines) + "\n")

lines = ["# 终端", "terminals:"]
soft = ["WPS Office", "奇安信天擎", "金山PDF", "数字证书助手", "360安全卫士"]
n = 0
for i, (uid, name, _, _, lead, count) in enumerate(UNITS):
    for k in range(count):
        n += 1
        scan_ok = n in (3, 17)            # only two scanned in the last 7 days
        scan = "2026-09-27" if scan_ok else f"2026-0{7 + n % 2}-{10 + n % 18}"
        sw = rng.sample(soft, 3)
        if n in (9, 30):
            sw.append("向日葵")
        lines += [f"  - id: {uid}-{k + 1:04d}", f"    unit: {uid}", f"    ip: 10.15.{120 + i}.{11 + 3 * k}",
                  f"    mac: \"{rng.randrange(256):02x}:{rng.randrange(256):02x}:{rng.randrange(256):02x}:{rng.randrange(256):02x}:{rng.randrange(256):02x}:{rng.randrange(256):02x}\"",
                  f"    user: user{n:02d}", "    real_name: true", "    classified: false", "    firewall: true",
                  f"    antivirus: {{installed: true, signatures: 2026-09-2{n % 9}, last_full_scan: {scan}}}",
                  f"    software: [{', '.join(sw)}]"]
w("terminals.yaml", "\n".join(lines) + "\n")

w("systems.yaml", """# 信息系统
systems:
  - id: tm-zwfw
    name: 土默特右旗政务服务平台
    unit: tm-sjj
    important: true
    cii: false
    data_grade: general
    launched: 2023-06-01
    extranet_filing: 2023-05-20
    security_test: 2023-05-15
    internet_interaction: exchange-zone
    backup: {enabled: true, last_restore_test: 2026-06-17}
    hosting: {cloud: bt-cloud}
    mlps: {level: 3, filed: 2023-05-05, last_assessment: 2025-04-16, result: pass}
    crypto: {required: true, last_evaluation: 2026-02-26, result: pass}
  - id: tm-jkda
    name: 土默特右旗居民健康档案系统
    unit: tm-wjw
    important: true
    cii: false
    data_grade: important
    launched: 2022-03-01
    extranet_filing: 2022-02-22
    security_test: 2022-02-15
    internet_interaction: none
    backup: {enabled: true, last_restore_test: 2026-05-17}
    hosting: {cloud: bt-cloud}
    mlps: {level: 3, filed: 2022-02-05, last_assessment: 2026-03-16, result: pass}
    crypto: {required: true, last_evaluation: 2026-03-26, result: pass}
  - id: tm-oa
    name: 土默特右旗协同办公系统
    unit: tm-sjj
    important: false
    cii: false
    data_grade: general
    launched: 2021-09-01
    extranet_filing: 2021-08-22
    security_test: 2021-08-15
    internet_interaction: none
    backup: {enabled: false}
    hosting: {cloud: bt-cloud}
    mlps: {level: 2, filed: 2021-08-05, last_assessment: 2024-05-16, result: pass}
""")

w("clouds.yaml", """# 政务云（使用包头市政务云）
clouds:
  - id: bt-cloud
    name: 包头市政务云
    kind: government
    mlps: {level: 3, filed: 2021-05-10, last_assessment: 2026-05-10, result: pass}
    crypto: {required: true, last_evaluation: 2026-04-01, result: pass}
    security_assessment: 2025-12-01
    dr: two-sites-three-centers
""")

w("exits.yaml", """# 互联网出口
exits:
  - id: tm-unified
    name: 包头市电子政务外网统一互联网出口（土默特右旗接入点）
    kind: unified
""")

w("events.yaml", """# 事件
events:
  - {type: alert, unit: tm-gaj, ip: 10.15.121.11, at: "2026-09-02T10:12:00+08:00", handled: false, note: "木马外联告警"}
  - {type: alert, unit: tm-gaj, ip: 10.15.121.11, at: "2026-09-04T15:40:00+08:00", handled: false, note: "木马外联告警"}
  - {type: alert, unit: tm-gaj, ip: 10.15.121.11, at: "2026-09-07T09:05:00+08:00", handled: false, note: "木马外联告警"}
  - {type: risk-assessment, unit: tm-sjj, at: "2026-03-10T09:00:00+08:00", note: "年度网络安全风险评估"}
  - {type: drill, unit: tm-sjj, at: "2026-05-20T09:00:00+08:00", note: "网络安全应急演练"}
""")

w("rectifications.yaml", """# 整改通知
rectifications:
  - rule: BT-42-8
    target: terminal/tm-gaj-0002
    order: "土政数整改〔2026〕5号"
    issued: 2026-08-10
    due: 2026-09-10
""")
