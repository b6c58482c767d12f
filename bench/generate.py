#!/usr/bin/env python3
"""Generate a province-scale yunwang inventory (schema v1) for benchmarks.

Deterministic: the same --scale and --seed always give byte-identical files
(seeded RNGs, one per section, no clock, no hash randomisation). Standard
library only; every file is assembled in memory and written with one call.

At --scale 1.0 (DESIGN §8 "province"): 5,000 units, 200,000 terminals,
10,000 systems, 40 clouds, 30 data centres, 20 internet exits, 1,000,000
events, 500 waivers and the 64 task records of plan nm-2024-189 (the task
table does not scale: a plan has 64 tasks; below scale 1 the first
round(64*F) are written). Region "150000" (Inner Mongolia), level province,
units spread over the twelve cities. About 5% of objects violate a rule
(missing documents, remote-control software, no firewall, old scans,
unhandled alerts, independent exits without approval, ...), but every file
is valid for `yunwang validate` (schema + references).

Layout under --out DIR:
  inventory.yaml  clouds.yaml  datacenters.yaml  exits.yaml  tasks.yaml  waivers.yaml
  units/<city>.yaml
  systems/<city>.yaml
  terminals/<city>-<n>.yaml   (at most 20,000 terminals a file)
  events/<city>-<n>.yaml      (at most 50,000 events a file)
"""

import argparse
import datetime
import json
import math
import os
import random
import shutil
import sys
import time

AS_OF = datetime.date(2026, 9, 30)
PLAN = "nm-2024-189"
MARKER = ".yunwang-bench-generated"

BASE = {
    "units": 5000,
    "terminals": 200000,
    "systems": 10000,
    "clouds": 40,
    "datacenters": 30,
    "exits": 20,
    "events": 1000000,
    "waivers": 500,
}
TERMINALS_PER_FILE = 20000
EVENTS_PER_FILE = 50000
VIOLATION_RATE = 0.05

# (code, slug used in file names, id prefix, Chinese name, weight, counties)
CITIES = [
    ("150100", "hohhot", "hs", "呼和浩特市", 14, ["新城区", "回民区", "玉泉区", "赛罕区", "土默特左旗", "托克托县", "武川县"]),
    ("150200", "baotou", "bt", "包头市", 13, ["昆都仑区", "青山区", "东河区", "九原区", "石拐区", "固阳县", "达尔罕茂明安联合旗"]),
    ("150300", "wuhai", "wh", "乌海市", 4, ["海勃湾区", "海南区", "乌达区"]),
    ("150400", "chifeng", "cf", "赤峰市", 14, ["红山区", "松山区", "元宝山区", "宁城县", "敖汉旗", "翁牛特旗"]),
    ("150500", "tongliao", "tl", "通辽市", 10, ["科尔沁区", "开鲁县", "库伦旗", "奈曼旗", "扎鲁特旗"]),
    ("150600", "ordos", "ee", "鄂尔多斯市", 10, ["东胜区", "康巴什区", "达拉特旗", "准格尔旗", "鄂托克旗", "伊金霍洛旗"]),
    ("150700", "hulunbuir", "hlbe", "呼伦贝尔市", 9, ["海拉尔区", "满洲里市", "牙克石市", "扎兰屯市", "陈巴尔虎旗"]),
    ("150800", "bayannur", "bynr", "巴彦淖尔市", 6, ["临河区", "五原县", "磴口县", "乌拉特前旗", "杭锦后旗"]),
    ("150900", "ulanqab", "wlcb", "乌兰察布市", 7, ["集宁区", "卓资县", "化德县", "丰镇市", "四子王旗"]),
    ("152200", "hinggan", "xa", "兴安盟", 5, ["乌兰浩特市", "阿尔山市", "科尔沁右翼前旗", "扎赉特旗", "突泉县"]),
    ("152500", "xilingol", "xlgl", "锡林郭勒盟", 5, ["锡林浩特市", "二连浩特市", "阿巴嘎旗", "苏尼特左旗", "正蓝旗"]),
    ("152900", "alxa", "alsm", "阿拉善盟", 3, ["阿拉善左旗", "阿拉善右旗", "额济纳旗"]),
]

BUREAUS = [
    ("政府办公室", "government"), ("发展和改革委员会", "government"), ("教育局", "government"),
    ("科学技术局", "government"), ("工业和信息化局", "government"), ("公安局", "government"),
    ("民政局", "government"), ("司法局", "government"), ("财政局", "government"),
    ("人力资源和社会保障局", "government"), ("自然资源局", "government"), ("生态环境局", "government"),
    ("住房和城乡建设局", "government"), ("交通运输局", "government"), ("水利局", "government"),
    ("农牧局", "government"), ("商务局", "government"), ("文化旅游体育局", "government"),
    ("卫生健康委员会", "government"), ("退役军人事务局", "government"), ("应急管理局", "government"),
    ("审计局", "government"), ("市场监督管理局", "government"), ("统计局", "government"),
    ("医疗保障局", "government"), ("林业和草原局", "government"), ("政务服务与数据管理局", "government"),
    ("人民法院", "court"), ("第一中学", "school"), ("实验小学", "school"), ("职业技术学院", "school"),
    ("人民医院", "hospital"), ("中医医院", "hospital"), ("妇幼保健院", "hospital"),
    ("城市投资建设集团有限公司", "soe"), ("公共交通有限责任公司", "soe"), ("农村商业银行", "bank"),
    ("档案馆", "other"), ("融媒体中心", "other"), ("红十字会", "other"),
]

SURNAMES = ["Zhang", "Wang", "Li", "Zhao", "Liu", "Chen", "Yang", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu", "Hu",
            "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng"]
GIVEN = ["wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie", "tao", "ming",
         "chao", "xiuying", "hua", "hui", "ping", "gang", "guiying", "yuzhen", "haiyan", "bateer", "hasi", "wuyun",
         "sarula", "aodeng", "tana"]
HANZI_SUR = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "罗", "郑"]
HANZI_GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "华",
               "慧", "平", "刚", "桂英", "玉珍", "海燕", "巴特尔", "哈斯", "乌云", "萨如拉", "敖登", "塔娜"]
SOFTWARE_OK = ["WPS Office", "360安全卫士", "奇安信天擎", "金山PDF", "数字证书助手", "Foxit Reader", "搜狗输入法",
               "微信电脑版", "钉钉", "Chrome", "火绒安全", "电子公文系统客户端"]
SOFTWARE_REMOTE = ["向日葵", "TeamViewer", "ToDesk", "AnyDesk"]
DOCUMENTS = ["responsibility-letter", "ip-confirmation", "ops-form", "confidentiality-pledge"]
SYSTEM_NAMES = ["政务服务平台", "办公自动化系统", "数据共享交换平台", "视频会议系统", "门户网站群", "一网通办系统",
                "电子证照库", "12345热线系统", "财政一体化系统", "社保业务系统", "不动产登记系统", "医保结算平台",
                "智慧教育平台", "应急指挥平台", "城市运行管理平台", "市场监管业务系统", "生态环境监测平台",
                "公共资源交易平台", "档案管理系统", "信用信息平台"]
HOSTS_PER_SEGMENT = 240  # hosts .10 .. .249 of each /24


class Dates:
    """Date strings by 'days before as-of', computed once."""

    def __init__(self, span=6000):
        self.s = [(AS_OF - datetime.timedelta(days=i)).isoformat() for i in range(span)]
        self.after = [(AS_OF + datetime.timedelta(days=i)).isoformat() for i in range(400)]

    def ago(self, n):
        return self.s[n]


D = Dates()
HHMM = ["%02d:%02d" % (h, m) for h in range(24) for m in range(60)]


def rng_for(seed, *names):
    # str seeds are hashed with SHA-512 by random.seed (version 2): stable across runs and platforms.
    return random.Random("%s/%s" % (seed, "/".join(str(n) for n in names)))


def scaled(n, scale, minimum=1):
    return max(minimum, int(round(n * scale)))


def split_counts(total, weights):
    """Split total over weights (largest remainder), deterministic."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    rest = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[:rest]:
        out[i] += 1
    return out


def segment_cidr(k):
    """The k-th /24 of the address plan: 10.16.0.0/24, 10.16.1.0/24, ..."""
    second = 16 + k // 256
    if second > 255:
        raise SystemExit("generate.py: scale too large for the 10.16.0.0-10.255.255.0 address plan")
    return "10.%d.%d" % (second, k % 256)


class Unit:
    __slots__ = ("id", "city", "index", "segments", "terminals", "systems", "events", "exits", "kind")


def build_units(scale, seed):
    n_units = scaled(BASE["units"], scale)
    per_city = split_counts(n_units, [c[4] for c in CITIES])
    rng = rng_for(seed, "plan")
    units = []
    for ci, (code, slug, prefix, cname, _w, counties) in enumerate(CITIES):
        for j in range(per_city[ci]):
            u = Unit()
            u.id = "%s-u%04d" % (prefix, j + 1)
            u.city = ci
            u.index = j
            units.append(u)
    # Terminals and systems per unit: skewed (a few big hospitals and bureaus).
    tw = [rng.lognormvariate(0, 0.8) for _ in units]
    sw = [rng.lognormvariate(0, 0.9) for _ in units]
    t_counts = split_counts(scaled(BASE["terminals"], scale), tw)
    s_counts = split_counts(scaled(BASE["systems"], scale), sw)
    ew = [t_counts[i] + 5 * s_counts[i] + 5 for i in range(len(units))]
    e_counts = split_counts(scaled(BASE["events"], scale), ew)
    k = 0
    for i, u in enumerate(units):
        u.terminals = t_counts[i]
        u.systems = s_counts[i]
        u.events = e_counts[i]
        nseg = max(1, -(-u.terminals // HOSTS_PER_SEGMENT))
        if rng.random() < 0.1:
            nseg += 1
        u.segments = [segment_cidr(k + s) for s in range(nseg)]
        k += nseg
    return units


def terminal_ip(u, j):
    seg = u.segments[min(j // HOSTS_PER_SEGMENT, len(u.segments) - 1)]
    return "%s.%d" % (seg, 10 + j % HOSTS_PER_SEGMENT)


def pick_name(rng):
    return rng.choice(HANZI_SUR) + rng.choice(HANZI_GIVEN)


class Writer:
    def __init__(self, out):
        self.out = out
        self.files = 0
        self.bytes = 0

    def write(self, rel, parts):
        data = "".join(parts).encode("utf-8")
        path = os.path.join(self.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)


def gen_exits(w, scale, seed):
    rng = rng_for(seed, "exits")
    n = scaled(BASE["exits"], scale)
    out = ["# 互联网出口 (internet exits); generated by bench/generate.py\nexits:\n"]
    exits = []  # (id, city index or None, kind, approved)
    exits.append(("nm-unified", None, "unified", True))
    out.append("  - id: nm-unified\n    name: 内蒙古自治区电子政务外网统一互联网出口\n    region: \"150000\"\n    kind: unified\n")
    for ci, c in enumerate(CITIES):
        if len(exits) >= n:
            break
        eid = "%s-unified" % c[2]
        exits.append((eid, ci, "unified", True))
        out.append("  - id: %s\n    name: %s电子政务外网统一互联网出口\n    region: \"%s\"\n    kind: unified\n" % (eid, c[3], c[0]))
    i = 0
    while len(exits) < n:
        ci = i % len(CITIES)
        c = CITIES[ci]
        i += 1
        eid = "%s-exit-%d" % (c[2], i)
        # Every fourth independent exit lacks the written approval (a violation).
        approved = i % 4 != 0
        exits.append((eid, ci, "independent", approved))
        out.append("  - id: %s\n    name: %s%s自建互联网出口\n    region: \"%s\"\n    kind: independent\n" % (eid, c[3], rng.choice(BUREAUS)[0], c[0]))
        if approved:
            day = D.ago(rng.randint(200, 1500))
            out.append("    approval: {document: \"%s数函〔%s〕%d号\", date: %s}\n" % (c[3][0], day[:4], rng.randint(1, 60), day))
        else:
            out.append("    # violation: independent exit without written approval\n")
    w.write("exits.yaml", out)
    return exits


def mlps_line(rng, level, violate=None):
    filed = rng.randint(400, 2500)
    last = rng.randint(10, 330)
    result = "pass" if rng.random() < 0.8 else "basic-pass"
    if violate == "old-assessment":
        last = rng.randint(400, 800)
    if violate == "fail":
        result = "fail"
    return "{level: %d, filed: %s, last_assessment: %s, result: %s}" % (level, D.ago(filed), D.ago(last), result)


def crypto_line(rng, violate=None):
    if violate == "no-eval":
        return "{required: true}"
    return "{required: true, last_evaluation: %s, result: %s}" % (
        D.ago(rng.randint(20, 330)), "pass" if rng.random() < 0.85 else "basic-pass")


def gen_clouds(w, scale, seed):
    rng = rng_for(seed, "clouds")
    n = scaled(BASE["clouds"], scale)
    out = ["# 政务云 (clouds); generated by bench/generate.py\nclouds:\n"]
    clouds = []  # (id, city index)
    kinds = ["private", "hybrid", "government", "public"]
    for i in range(n):
        ci = i % len(CITIES)
        c = CITIES[ci]
        if i < len(CITIES):
            cid, kind, name = "%s-cloud" % c[2], "government", "%s政务云" % c[3]
        else:
            cid = "%s-cloud-%d" % (c[2], i // len(CITIES) + 1)
            kind = kinds[i % len(kinds)]
            name = "%s%s云平台%d" % (c[3], {"private": "专有", "hybrid": "混合", "government": "信创政务", "public": "公共"}[kind], i // len(CITIES))
        clouds.append((cid, ci))
        v = rng.random() < VIOLATION_RATE * 2
        which = rng.choice(["no-assessment", "dr-none", "old-mlps", "no-crypto-eval"]) if v else None
        out.append("  - id: %s\n    name: %s\n    region: \"%s\"\n    kind: %s\n" % (cid, name, c[0], kind))
        if which:
            out.append("    # violation: %s\n" % which)
        out.append("    mlps: %s\n" % mlps_line(rng, 3, "old-assessment" if which == "old-mlps" else None))
        out.append("    crypto: %s\n" % crypto_line(rng, "no-eval" if which == "no-crypto-eval" else None))
        if which != "no-assessment":
            out.append("    security_assessment: %s\n" % D.ago(rng.randint(30, 600)))
        dr = "none" if which == "dr-none" else ("two-sites-three-centers" if kind == "government" else rng.choice(["same-city", "remote", "two-sites-three-centers"]))
        out.append("    dr: %s\n" % dr)
    w.write("clouds.yaml", out)
    return clouds


def gen_datacenters(w, scale, seed):
    rng = rng_for(seed, "datacenters")
    n = scaled(BASE["datacenters"], scale)
    out = ["# 数据中心与机房 (data centres); generated by bench/generate.py\ndatacenters:\n"]
    dcs = []
    for i in range(n):
        ci = i % len(CITIES)
        c = CITIES[ci]
        did = "%s-dc%d" % (c[2], i // len(CITIES) + 1)
        dcs.append((did, ci))
        pue = rng.uniform(1.15, 1.45)
        if rng.random() < VIOLATION_RATE * 2:
            pue = rng.uniform(1.5, 1.9)
            out.append("  - id: %s  # violation: PUE not below 1.5\n" % did)
        else:
            out.append("  - id: %s\n" % did)
        out.append("    name: %s政务数据中心%d号机房\n    region: \"%s\"\n    pue: %.2f\n    built: %s\n" % (
            c[3], i // len(CITIES) + 1, c[0], pue, D.ago(rng.randint(800, 5000))))
    w.write("datacenters.yaml", out)
    return dcs


def gen_units(w, units, exits, seed):
    city_unified = {e[1]: e[0] for e in exits if e[2] == "unified" and e[1] is not None}
    independent = [e for e in exits if e[2] == "independent"]
    by_city = {}
    for u in units:
        by_city.setdefault(u.city, []).append(u)
    for ci, c in enumerate(CITIES):
        code, slug, prefix, cname, _w, counties = c
        rng = rng_for(seed, "units", slug)
        out = ["# %s 接入单位 (units of %s); generated by bench/generate.py\nunits:\n" % (cname, code)]
        own_indep = [e for e in independent if e[1] == ci]
        for u in by_city.get(ci, []):
            bureau, kind = BUREAUS[u.index % len(BUREAUS)]
            county_level = u.index >= len(BUREAUS)
            place = cname + (counties[(u.index // len(BUREAUS)) % len(counties)] if county_level else "")
            # Exits: the city's unified exit, the region's, sometimes an independent one.
            ex = []
            if ci in city_unified:
                ex.append(city_unified[ci])
            if not ex or rng.random() < 0.3:
                ex.append("nm-unified")
            if own_indep and u.index % 97 == 5:
                ex.append(own_indep[u.index % len(own_indep)][0])
            docs = DOCUMENTS
            opened = rng.randint(300, 3000)
            activity = rng.randint(0, 25)
            aps = 0
            method = "leased-line" if rng.random() < 0.85 else rng.choice(["zero-trust", "vpn", "mobile"])
            note = ""
            if rng.random() < VIOLATION_RATE:
                which = rng.choice(["documents", "wireless", "inactive", "no-ops-lead"])
                note = "  # violation: %s" % which
                if which == "documents":
                    docs = [d for d in DOCUMENTS if rng.random() < 0.5]
                elif which == "wireless":
                    aps = rng.randint(1, 4)
                elif which == "inactive":
                    activity = rng.randint(200, 400)
                    opened = max(opened, activity + 30)
            else:
                which = None
            region = code
            out.append(
                "  - id: %s%s\n    name: %s%s\n    region: \"%s\"\n    level: %s\n    kind: %s\n"
                "    access: {method: %s, opened: %s, last_activity: %s}\n    documents: [%s]\n"
                % (u.id, note, place, bureau, region, "county" if county_level else "city", kind,
                   method, D.ago(opened), D.ago(activity), ", ".join(docs)))
            if which != "no-ops-lead":
                out.append("    ops_lead: %s\n" % pick_name(rng))
            out.append("    admins: [%s]\n    ip_segments: [%s]\n    wireless_aps: %d\n    internet_exits: [%s]\n" % (
                ", ".join(pick_name(rng) for _ in range(rng.randint(1, 3))),
                ", ".join(s + ".0/24" for s in u.segments), aps, ", ".join(ex)))
            if u.index % 50 == 0:
                out.append("    x-contact: \"0471-%07d\"\n" % rng.randint(0, 9999999))
        w.write("units/%s.yaml" % slug, out)


def gen_terminals(w, units, seed):
    mac_counter = 0
    for ci, c in enumerate(CITIES):
        code, slug, prefix, cname = c[:4]
        rng = rng_for(seed, "terminals", slug)
        r = rng.random
        rint = rng.randint
        city_units = [u for u in units if u.city == ci]
        file_no = 0
        in_file = 0
        out = None

        def flush():
            if out is not None and in_file:
                w.write("terminals/%s-%d.yaml" % (slug, file_no), out)

        for u in city_units:
            for j in range(u.terminals):
                if out is None or in_file >= TERMINALS_PER_FILE:
                    flush()
                    file_no += 1
                    in_file = 0
                    out = ["# %s 终端台账 (terminals), part %d; generated by bench/generate.py\nterminals:\n" % (cname, file_no)]
                in_file += 1
                mac_counter += 1
                m = (mac_counter * 2654435761) & 0xFFFFFFFFFF
                mac = "02:%02x:%02x:%02x:%02x:%02x" % ((m >> 32) & 255, (m >> 24) & 255, (m >> 16) & 255, (m >> 8) & 255, m & 255)
                ip = terminal_ip(u, j)
                user = rng.choice(SURNAMES).lower() + rng.choice(GIVEN) + (str(rint(1, 99)) if r() < 0.3 else "")
                real_name = "true"
                firewall = "true"
                installed = "true"
                sig = rint(0, 6)
                scan = rint(0, 20)
                sw = rng.sample(SOFTWARE_OK, rint(1, 4))
                note = ""
                if r() < VIOLATION_RATE:
                    which = rng.choice(["remote-software", "no-firewall", "no-antivirus", "old-signatures",
                                        "old-scan", "unbound", "not-real-name", "outside-segment"])
                    note = "  # violation: " + which
                    if which == "remote-software":
                        sw.append(rng.choice(SOFTWARE_REMOTE))
                    elif which == "no-firewall":
                        firewall = "false"
                    elif which == "no-antivirus":
                        installed = "false"
                    elif which == "old-signatures":
                        sig = rint(40, 120)
                    elif which == "old-scan":
                        scan = rint(60, 200)
                    elif which == "unbound":
                        user = ""
                    elif which == "not-real-name":
                        real_name = "false"
                    elif which == "outside-segment":
                        ip = "192.168.%d.%d" % (rint(0, 255), rint(2, 254))
                out.append(
                    "  - id: %s-%04d%s\n    unit: %s\n    ip: %s\n    mac: \"%s\"\n    user: %s\n"
                    "    real_name: %s\n    classified: false\n    firewall: %s\n"
                    "    antivirus: {installed: %s, signatures: %s, last_full_scan: %s}\n    software: [%s]\n"
                    % (u.id, j + 1, note, u.id, ip, mac, user if user else '""', real_name, firewall,
                       installed, D.s[sig], D.s[scan], ", ".join(sw)))
        flush()


def gen_systems(w, units, clouds, dcs, seed):
    for ci, c in enumerate(CITIES):
        code, slug, prefix, cname = c[:4]
        rng = rng_for(seed, "systems", slug)
        r = rng.random
        rint = rng.randint
        city_clouds = [x[0] for x in clouds if x[1] == ci] or [x[0] for x in clouds]
        city_dcs = [x[0] for x in dcs if x[1] == ci] or [x[0] for x in dcs]
        out = ["# %s 信息系统 (systems); generated by bench/generate.py\nsystems:\n" % cname]
        n = 0
        for u in units:
            if u.city != ci:
                continue
            for k in range(u.systems):
                n += 1
                sid = "%s-s%02d" % (u.id, k + 1)
                name = "%s%s" % (cname, SYSTEM_NAMES[(u.index + k) % len(SYSTEM_NAMES)])
                important = r() < 0.4
                cii = important and r() < 0.05
                grade = "core" if cii else ("important" if important and r() < 0.5 else "general")
                level = 4 if cii else (3 if important else 2)
                launched = rint(200, 2500)
                security_test = launched + rint(5, 20)
                filing = launched + rint(1, 10)
                changed = None
                if r() < 0.2 and launched > 60:
                    # changed after launch and re-filed shortly before the change (compliant)
                    changed = rint(20, launched - 30)
                    filing = changed + rint(1, 10)
                interaction = rng.choice(["none", "exchange-zone", "exchange-zone"])
                backup = "{enabled: true, last_restore_test: %s}" % D.ago(rint(10, 300))
                live = r() > 0.03
                mlps_v = None
                crypto_v = None
                which = None
                if r() < VIOLATION_RATE:
                    which = rng.choice(["no-filing", "refiling", "direct-internet", "no-backup", "old-restore",
                                        "old-mlps", "mlps-fail", "no-crypto-eval", "no-security-test"])
                    if which == "refiling" and launched > 60:
                        # changed after launch, latest filing predates the launch
                        changed = rint(20, launched - 30)
                        filing = launched + rint(1, 10)
                    elif which == "direct-internet":
                        interaction = "direct"
                    elif which == "no-backup":
                        backup = "{enabled: false}"
                    elif which == "old-restore":
                        backup = "{enabled: true, last_restore_test: %s}" % D.ago(rint(400, 900))
                    elif which == "old-mlps":
                        mlps_v = "old-assessment"
                    elif which == "mlps-fail":
                        mlps_v = "fail"
                    elif which == "no-crypto-eval":
                        crypto_v = "no-eval"
                out.append("  - id: %s%s\n    name: %s\n    unit: %s\n    important: %s\n    cii: %s\n    data_grade: %s\n" % (
                    sid, "  # violation: " + which if which else "", name, u.id,
                    "true" if important else "false", "true" if cii else "false", grade))
                if live:
                    out.append("    launched: %s\n" % D.ago(launched))
                if changed is not None and changed < launched:
                    out.append("    changed: %s\n" % D.ago(changed))
                if which != "no-filing":
                    out.append("    extranet_filing: %s\n" % D.ago(filing))
                if which != "no-security-test":
                    out.append("    security_test: %s\n" % D.ago(security_test))
                hosting = ("{cloud: %s}" % rng.choice(city_clouds)) if r() < 0.7 else ("{datacenter: %s}" % rng.choice(city_dcs))
                out.append("    internet_interaction: %s\n    backup: %s\n    hosting: %s\n    mlps: %s\n" % (
                    interaction, backup, hosting, mlps_line(rng, level, mlps_v)))
                if important or r() < 0.2:
                    out.append("    crypto: %s\n" % crypto_line(rng, crypto_v))
        if n:
            w.write("systems/%s.yaml" % slug, out)


def gen_events(w, units, seed):
    for ci, c in enumerate(CITIES):
        code, slug, prefix, cname = c[:4]
        rng = rng_for(seed, "events", slug)
        r = rng.random
        rint = rng.randint
        city_units = [u for u in units if u.city == ci]
        file_no = 0
        in_file = 0
        buf = []  # lines of the current file

        def flush():
            if buf:
                w.write("events/%s-%d.yaml" % (slug, file_no),
                        ["# %s 事件 (events), part %d; generated by bench/generate.py\nevents:\n" % (cname, file_no)] + buf)

        for u in city_units:
            lines = []
            n = u.events
            # A planted cluster (about 1% of units): three unhandled alerts on one IP within a week.
            if n >= 3 and u.terminals and r() < 0.01:
                ip = terminal_ip(u, rint(0, u.terminals - 1))
                d0 = rint(8, 300)
                for q in range(3):
                    lines.append("  - {type: alert, unit: %s, ip: %s, at: \"%sT%s:00+08:00\", handled: false, note: \"violation: repeated unhandled alerts\"}\n" % (
                        u.id, ip, D.s[d0 - 2 * q], HHMM[rint(480, 1320)]))
                n -= 3
            for _ in range(n):
                x = r()
                at = "%sT%s:00+08:00" % (D.s[rint(0, 364)], HHMM[rint(480, 1320)])
                if x < 0.85:
                    if u.terminals:
                        ip = terminal_ip(u, rint(0, u.terminals - 1))
                    else:
                        ip = u.segments[0] + ".1"
                    handled = "false" if r() < VIOLATION_RATE else "true"
                    if r() < 0.1:
                        lines.append("  - {type: alert, unit: %s, ip: %s, at: \"%s\", handled: %s, note: \"安全监测平台告警, %s\"}\n" % (
                            u.id, ip, at, handled, "已处置" if handled == "true" else "待处置"))
                    else:
                        lines.append("  - {type: alert, unit: %s, ip: %s, at: \"%s\", handled: %s}\n" % (u.id, ip, at, handled))
                elif x < 0.90:
                    lines.append("  - {type: risk-notice, unit: %s, at: \"%s\"}\n" % (u.id, at))
                elif x < 0.94:
                    lines.append("  - {type: risk-assessment, unit: %s, at: \"%s\", note: \"年度网络安全风险评估\"}\n" % (u.id, at))
                elif x < 0.97 or not u.systems:
                    lines.append("  - {type: drill, unit: %s, at: \"%s\"}\n" % (u.id, at))
                else:
                    lines.append("  - {type: data-risk-assessment, unit: %s, system: %s-s%02d, at: \"%s\"}\n" % (
                        u.id, u.id, rint(1, u.systems), at))
            pos = 0
            while pos < len(lines):
                if file_no == 0 or in_file >= EVENTS_PER_FILE:
                    flush()
                    buf = []
                    file_no += 1
                    in_file = 0
                take = min(len(lines) - pos, EVENTS_PER_FILE - in_file)
                buf.extend(lines[pos:pos + take])
                in_file += take
                pos += take
        flush()


def gen_tasks(w, scale, seed):
    rng = rng_for(seed, "tasks")
    n = min(64, scaled(64, scale))
    out = ["# 内政数字〔2024〕189号 任务进展 (plan progress); generated by bench/generate.py\ntasks:\n"]
    for no in range(1, n + 1):
        x = rng.random()
        if x < 0.55:
            d = D.ago(rng.randint(30, 600))
            out.append("  - {plan: %s, no: %d, status: done, done: %s, evidence: \"验收报告 %d\"}\n" % (PLAN, no, d, no))
        elif x < 0.8:
            out.append("  - {plan: %s, no: %d, status: in-progress, note: \"按计划推进\"}\n" % (PLAN, no))
        elif x < 0.9:
            out.append("  - {plan: %s, no: %d, status: not-applicable, note: \"本级无此需求\"}\n" % (PLAN, no))
        else:
            out.append("  - {plan: %s, no: %d, status: not-started}\n" % (PLAN, no))
    w.write("tasks.yaml", out)


def gen_waivers(w, units, clouds, dcs, exits, scale, seed):
    rng = rng_for(seed, "waivers")
    n = scaled(BASE["waivers"], scale)
    with_t = [u for u in units if u.terminals]
    with_s = [u for u in units if u.systems]
    indep = [e[0] for e in exits if e[2] == "independent"]
    out = ["# 豁免 (waivers); generated by bench/generate.py\nwaivers:\n"]
    for i in range(n):
        x = rng.random()
        if x < 0.6 and with_t:
            u = rng.choice(with_t)
            rule, target, reason = "BT-42-8", "terminal/%s-%04d" % (u.id, rng.randint(1, u.terminals)), "厂商远程维护, 过渡期内临时保留远程软件"
        elif x < 0.8 and with_s:
            u = rng.choice(with_s)
            rule, target, reason = "NAT-MLPS-L3", "system/%s-s%02d" % (u.id, rng.randint(1, u.systems)), "等级测评已委托, 报告待出具"
        elif x < 0.9:
            rule, target, reason = "BT-18", "unit/%s" % rng.choice(units).id, "改造期间临时保留无线接入点"
        elif x < 0.95 and dcs:
            rule, target, reason = "NM-PUE", "datacenter/%s" % rng.choice(dcs)[0], "机房节能改造列入年度计划"
        elif indep:
            rule, target, reason = "BT-42-1", "exit/%s" % rng.choice(indep), "批准文件办理中"
        else:
            rule, target, reason = "NM-CLOUD-DR", "cloud/%s" % rng.choice(clouds)[0], "灾备中心建设中"
        expires = D.after[rng.randint(1, 365)] if rng.random() < 0.9 else D.ago(rng.randint(1, 90))
        out.append("  - rule: %s\n    target: %s\n    reason: %s\n    approved_by: %s\n    approval: \"内数函〔2026〕%d号\"\n    expires: %s\n" % (
            rule, target, reason, pick_name(rng), i + 1, expires))
    w.write("waivers.yaml", out)


def prepare(out):
    """Make OUT an empty directory; refuse to clear anything this script did not write."""
    if os.path.exists(out):
        entries = os.listdir(out)
        if entries and MARKER not in entries:
            raise SystemExit("generate.py: %s exists, is not empty and was not made by this script; refusing to overwrite" % out)
        for name in entries:
            p = os.path.join(out, name)
            if name in ("units", "terminals", "systems", "events") and os.path.isdir(p):
                shutil.rmtree(p)
            elif name.endswith(".yaml") or name == MARKER:
                os.remove(p)
    os.makedirs(out, exist_ok=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every count (default 1.0 = province scale)")
    ap.add_argument("--out", default="bench-data/inventory", help="output directory (default bench-data/inventory)")
    ap.add_argument("--seed", default="1", help="RNG seed (default 1)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not (args.scale > 0):
        ap.error("--scale must be positive")
    t0 = time.perf_counter()
    prepare(args.out)
    w = Writer(args.out)
    seed = args.seed
    units = build_units(args.scale, seed)
    w.write("inventory.yaml", [
        "# 内蒙古自治区电子政务外网台账 — benchmark inventory generated by bench/generate.py\n",
        "# scale %s, seed %s; about %d%% of objects carry a planted violation (marked '# violation: ...')\n" % (args.scale, seed, int(VIOLATION_RATE * 100)),
        "inventory:\n  name: 内蒙古自治区电子政务外网台账(基准测试)\n  region: \"150000\"\n  level: province\n  as_of: %s\n" % AS_OF.isoformat(),
    ])
    exits = gen_exits(w, args.scale, seed)
    clouds = gen_clouds(w, args.scale, seed)
    dcs = gen_datacenters(w, args.scale, seed)
    gen_units(w, units, exits, seed)
    gen_systems(w, units, clouds, dcs, seed)
    gen_terminals(w, units, seed)
    gen_events(w, units, seed)
    gen_tasks(w, args.scale, seed)
    gen_waivers(w, units, clouds, dcs, exits, args.scale, seed)
    counts = {
        "units": len(units), "terminals": sum(u.terminals for u in units), "systems": sum(u.systems for u in units),
        "clouds": len(clouds), "datacenters": len(dcs), "exits": len(exits), "events": sum(u.events for u in units),
        "tasks": min(64, scaled(64, args.scale)), "waivers": scaled(BASE["waivers"], args.scale),
    }
    with open(os.path.join(args.out, MARKER), "w") as f:
        json.dump({"scale": args.scale, "seed": seed, "counts": counts, "files": w.files, "bytes": w.bytes}, f, sort_keys=True)
        f.write("\n")
    if not args.quiet:
        print("generate.py: %d files, %.1f MB, %s in %.1fs -> %s" % (
            w.files, w.bytes / 1e6, ", ".join("%s %d" % kv for kv in counts.items()), time.perf_counter() - t0, args.out),
            file=sys.stderr)


if __name__ == "__main__":
    main()
