#!/usr/bin/env python3
"""Generate the sample inventories under examples/ (baotou, xingan, henan).

Deterministic: the same script always writes the same files.  The committed
YAML files are the real sample data; this script is how they were made, so a
change to the samples should be made here and the script re-run:

    python3 examples/generate.py

Every planted violation is registered with `bad(kind, id, rule, text)` and
written as a comment on the first line of the object it targets:

    - id: bt-jyj-0004  # 违规 BT-42-8: 装有 ToDesk

(several violations of one object are joined with " | ").  Rules about events
(alerts, notices, drills) target the unit, so their comment is on the unit.
Inventory-wide rules target the `inventory:` line; plan deadline rules target
the task record.  Each example's README.md lists the same violations.
"""

import os
import random
import sys
from collections import OrderedDict

AS_OF = "2026-09-30"
ROOT = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# people

SURNAMES = [("张", "zhang"), ("王", "wang"), ("李", "li"), ("刘", "liu"), ("陈", "chen"),
            ("杨", "yang"), ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"),
            ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"), ("胡", "hu"),
            ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"),
            ("郑", "zheng"), ("梁", "liang"), ("宋", "song"), ("谢", "xie"), ("韩", "han"),
            ("冯", "feng"), ("于", "yu"), ("董", "dong"), ("程", "cheng"), ("曹", "cao"),
            ("袁", "yuan"), ("邓", "deng"), ("沈", "shen"), ("彭", "peng"), ("苏", "su"),
            ("白", "bai"), ("贾", "jia"), ("任", "ren"), ("常", "chang"), ("田", "tian")]
GIVEN = [("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"),
         ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"),
         ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"),
         ("明", "ming"), ("超", "chao"), ("秀英", "xiuying"), ("霞", "xia"), ("平", "ping"),
         ("刚", "gang"), ("桂英", "guiying"), ("建华", "jianhua"), ("海燕", "haiyan"),
         ("晓东", "xiaodong"), ("志强", "zhiqiang"), ("丽华", "lihua"), ("文博", "wenbo"),
         ("子涵", "zihan"), ("宇轩", "yuxuan"), ("雅琴", "yaqin"), ("国栋", "guodong"),
         ("春梅", "chunmei"), ("红霞", "hongxia"), ("建国", "jianguo"), ("玉兰", "yulan"),
         ("振华", "zhenhua"), ("淑芬", "shufen"), ("鹏飞", "pengfei"), ("慧敏", "huimin")]
# Mongolian names (Inner Mongolia), written without surname
MONGOL = [("巴特尔", "bateer"), ("其木格", "qimuge"), ("乌云", "wuyun"), ("斯琴", "siqin"),
          ("那日苏", "narisu"), ("苏日娜", "surina"), ("额尔敦", "eerdun"), ("图雅", "tuya"),
          ("宝音", "baoyin"), ("阿拉坦", "alatan"), ("朝鲁", "chaolu"), ("萨仁", "saren"),
          ("乌日娜", "wurina"), ("哈斯", "hasi"), ("敖登", "aodeng"), ("特木尔", "temuer")]


class People:
    def __init__(self, seed, mongol):
        self.rng = random.Random(seed)
        self.mongol = mongol
        self.logins = set()
        self.names = set()

    def person(self):
        """(汉字姓名, login); names are mostly distinct, logins unique."""
        while True:
            if self.mongol and self.rng.random() < 0.18:
                zh, py = self.rng.choice(MONGOL)
            else:
                s = self.rng.choice(SURNAMES)
                g = self.rng.choice(GIVEN)
                zh, py = s[0] + g[0], s[1] + g[1]
            if zh in self.names and self.rng.random() < 0.8:
                continue
            login, n = py, 2
            while login in self.logins:
                login = "%s%d" % (py, n)
                n += 1
            self.names.add(zh)
            self.logins.add(login)
            return zh, login


# --------------------------------------------------------------------------
# YAML helpers

def q(s):
    """A double-quoted YAML scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(items):
    return "[" + ", ".join(items) + "]"


class Inv:
    """One inventory being generated: objects plus planted violations."""

    def __init__(self, key):
        self.key = key
        self.bad_marks = OrderedDict()   # (kind, id) -> [(rule, text)]
        self.ok_marks = {}               # (kind, id) -> text (compliant boundary notes)
        self.files = OrderedDict()

    def bad(self, kind, oid, rule, text, waived=False):
        """Plant a violation; waived=True when a valid waiver covers it (reported as waived)."""
        self.bad_marks.setdefault((kind, oid), []).append((rule, text, waived))

    def ok(self, kind, oid, text):
        self.ok_marks[(kind, oid)] = text

    def mark(self, kind, oid):
        marks = self.bad_marks.get((kind, oid))
        if marks:
            return "  # " + " | ".join("违规 %s%s: %s" % (r, WAIVED if w else "", t) for r, t, w in marks)
        if (kind, oid) in self.ok_marks:
            return "  # 合规: " + self.ok_marks[(kind, oid)]
        return ""

    def write(self, rel, text):
        self.files[rel] = text

    def flush(self):
        base = os.path.join(ROOT, self.key)
        for rel, text in self.files.items():
            path = os.path.join(base, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)


HEADER = ""
HEADER2 = ""
WAIVED = "（已豁免）"   # after the rule id: a valid waiver covers this violation, so it is reported as waived


# --------------------------------------------------------------------------
# object emitters (block style, one object per few lines)

def emit_unit(inv, u):
    L = ["  - id: %s%s" % (u["id"], inv.mark("unit", u["id"]))]
    L.append("    name: %s" % u["name"])
    if u.get("region"):
        L.append("    region: %s" % q(u["region"]))
    L.append("    level: %s" % u["level"])
    L.append("    kind: %s" % u["kind"])
    a = u.get("access")
    if a is not None:
        parts = ["method: %s" % a["method"]] if a.get("method") else []
        if a.get("opened"):
            parts.append("opened: %s" % a["opened"])
        if a.get("last_activity"):
            parts.append("last_activity: %s" % a["last_activity"])
        L.append("    access: {%s}" % ", ".join(parts))
    if u.get("documents") is not None:
        L.append("    documents: %s" % flow(u["documents"]))
    if u.get("ops_lead"):
        L.append("    ops_lead: %s" % u["ops_lead"])
    if u.get("admins") is not None:
        L.append("    admins: %s" % flow(u["admins"]))
    L.append("    ip_segments: %s" % flow(u["segments"]))
    if u.get("wireless_aps") is not None:
        L.append("    wireless_aps: %d" % u["wireless_aps"])
    if u.get("exits"):
        L.append("    internet_exits: %s" % flow(u["exits"]))
    for k, v in u.get("x", []):
        L.append("    %s: %s" % (k, v))
    return "\n".join(L) + "\n"


def emit_terminal(inv, t):
    L = ["  - id: %s%s" % (t["id"], inv.mark("terminal", t["id"]))]
    L.append("    unit: %s" % t["unit"])
    if t.get("ip"):
        L.append("    ip: %s" % t["ip"])
    if t.get("mac"):
        L.append("    mac: %s" % q(t["mac"]))
    if t.get("user"):
        L.append("    user: %s" % t["user"])
    if t.get("real_name") is not None:
        L.append("    real_name: %s" % ("true" if t["real_name"] else "false"))
    L.append("    classified: %s" % ("true" if t["classified"] else "false"))
    L.append("    firewall: %s" % ("true" if t["firewall"] else "false"))
    av = t.get("antivirus")
    if av is not None:
        parts = ["installed: %s" % ("true" if av["installed"] else "false")]
        if av.get("signatures"):
            parts.append("signatures: %s" % av["signatures"])
        if av.get("last_full_scan"):
            parts.append("last_full_scan: %s" % av["last_full_scan"])
        L.append("    antivirus: {%s}" % ", ".join(parts))
    L.append("    software: %s" % flow(t["software"]))
    return "\n".join(L) + "\n"


def emit_mlps(m):
    parts = ["level: %d" % m["level"]]
    for k in ("filed", "last_assessment", "result"):
        if m.get(k):
            parts.append("%s: %s" % (k, m[k]))
    return "{" + ", ".join(parts) + "}"


def emit_crypto(c):
    parts = ["required: %s" % ("true" if c["required"] else "false")]
    for k in ("last_evaluation", "result"):
        if c.get(k):
            parts.append("%s: %s" % (k, c[k]))
    return "{" + ", ".join(parts) + "}"


def emit_system(inv, s):
    L = ["  - id: %s%s" % (s["id"], inv.mark("system", s["id"]))]
    L.append("    name: %s" % s["name"])
    L.append("    unit: %s" % s["unit"])
    L.append("    important: %s" % ("true" if s.get("important") else "false"))
    L.append("    cii: %s" % ("true" if s.get("cii") else "false"))
    L.append("    data_grade: %s" % s.get("data_grade", "general"))
    for k in ("launched", "changed", "extranet_filing", "security_test"):
        if s.get(k):
            L.append("    %s: %s" % (k, s[k]))
    L.append("    internet_interaction: %s" % s.get("internet", "none"))
    b = s.get("backup")
    if b is not None:
        parts = ["enabled: %s" % ("true" if b["enabled"] else "false")]
        if b.get("last_restore_test"):
            parts.append("last_restore_test: %s" % b["last_restore_test"])
        L.append("    backup: {%s}" % ", ".join(parts))
    h = s["hosting"]
    L.append("    hosting: {%s: %s}" % h)
    if s.get("mlps"):
        L.append("    mlps: %s" % emit_mlps(s["mlps"]))
    if s.get("crypto"):
        L.append("    crypto: %s" % emit_crypto(s["crypto"]))
    return "\n".join(L) + "\n"


def emit_cloud(inv, c):
    L = ["  - id: %s%s" % (c["id"], inv.mark("cloud", c["id"]))]
    L.append("    name: %s" % c["name"])
    if c.get("operator"):
        L.append("    operator: %s" % c["operator"])
    if c.get("region"):
        L.append("    region: %s" % q(c["region"]))
    L.append("    kind: %s" % c["kind"])
    if c.get("mlps"):
        L.append("    mlps: %s" % emit_mlps(c["mlps"]))
    if c.get("crypto"):
        L.append("    crypto: %s" % emit_crypto(c["crypto"]))
    if c.get("security_assessment"):
        L.append("    security_assessment: %s" % c["security_assessment"])
    if c.get("dr"):
        L.append("    dr: %s" % c["dr"])
    return "\n".join(L) + "\n"


def emit_dc(inv, d):
    L = ["  - id: %s%s" % (d["id"], inv.mark("datacenter", d["id"]))]
    L.append("    name: %s" % d["name"])
    if d.get("operator"):
        L.append("    operator: %s" % d["operator"])
    if d.get("region"):
        L.append("    region: %s" % q(d["region"]))
    L.append("    pue: %s" % d["pue"])
    L.append("    built: %s" % d["built"])
    return "\n".join(L) + "\n"


def emit_exit(inv, e):
    L = ["  - id: %s%s" % (e["id"], inv.mark("exit", e["id"]))]
    L.append("    name: %s" % e["name"])
    if e.get("operator"):
        L.append("    operator: %s" % e["operator"])
    if e.get("region"):
        L.append("    region: %s" % q(e["region"]))
    L.append("    kind: %s" % e["kind"])
    if e.get("approval"):
        L.append("    approval: {document: %s, date: %s}" % (q(e["approval"][0]), e["approval"][1]))
    return "\n".join(L) + "\n"


def emit_event(ev):
    parts = ["type: %s" % ev["type"], "unit: %s" % ev["unit"]]
    if ev.get("system"):
        parts.append("system: %s" % ev["system"])
    if ev.get("ip"):
        parts.append("ip: %s" % ev["ip"])
    parts.append("at: %s" % q(ev["at"]))
    if ev["type"] == "alert":
        parts.append("handled: %s" % ("true" if ev.get("handled") else "false"))
    if ev.get("note"):
        parts.append("note: %s" % q(ev["note"]))
    line = "  - {" + ", ".join(parts) + "}"
    if ev.get("comment"):
        line += "  # " + ev["comment"]
    return line + "\n"


# --------------------------------------------------------------------------
# generic builders

class Builder:
    def __init__(self, inv, seed, mongol, net_prefix, exit_default):
        self.inv = inv
        self.rng = random.Random(seed)
        self.people = People(seed + 1, mongol)
        self.net_prefix = net_prefix
        self.exit_default = exit_default
        self.units = []
        self.terminals = []
        self.systems = []
        self.events = []
        self.next_net = 16
        self.mac_n = 0
        self.unit_by_id = {}

    def unit(self, uid, name, level, kind="government", region=None, n_term=6,
             method="leased-line", opened=None, last_activity=None, documents=None,
             ops_lead=True, admins=1, wireless_aps=0, exits=None, segments=1, x=None):
        segs = []
        for _ in range(segments):
            segs.append("%s.%d.0/24" % (self.net_prefix, self.next_net))
            self.next_net += 1
        if opened is None:
            opened = "20%02d-%02d-%02d" % (self.rng.choice([19, 20, 21, 22, 23, 24]),
                                          self.rng.randint(1, 12), self.rng.randint(1, 28))
        if last_activity is None:
            last_activity = "2026-09-%02d" % self.rng.randint(18, 29)
        u = {
            "id": uid, "name": name, "level": level, "kind": kind, "region": region,
            "access": {"method": method, "opened": opened, "last_activity": last_activity},
            "documents": (["responsibility-letter", "ip-confirmation", "ops-form",
                           "confidentiality-pledge"] if documents is None else documents),
            "ops_lead": self.people.person()[0] if ops_lead else None,
            "admins": [self.people.person()[0] for _ in range(admins)],
            "wireless_aps": wireless_aps,
            "exits": exits if exits is not None else [self.exit_default],
            "segments": segs, "n_term": n_term, "x": x or [],
        }
        self.units.append(u)
        self.unit_by_id[uid] = u
        return u

    def mac(self):
        self.mac_n += 1
        h = (self.mac_n * 2654435761) & 0xFFFFFF
        oui = ["00:1a:a0", "3c:52:82", "b4:2e:99", "f8:75:a4", "00:e0:4c", "d8:9e:f3"][self.mac_n % 6]
        return "%s:%02x:%02x:%02x" % (oui, (h >> 16) & 255, (h >> 8) & 255, h & 255)

    def make_terminals(self, remote_ok=False):
        av_products = ["奇安信天擎", "火绒", "360安全卫士", "奇安信天擎"]
        extras = ["钉钉", "微信", "Foxit Reader", "7-Zip", "Chrome", "政务外网准入客户端",
                  "数字证书助手", "金山PDF"]
        for u in self.units:
            base = u["segments"][0].rsplit(".", 2)[0] + "." + u["segments"][0].split(".")[2]
            for i in range(u["n_term"]):
                tid = "%s-%04d" % (u["id"], i + 1)
                _, login = self.people.person()
                sw = ["WPS Office", av_products[(len(self.terminals) + i) % 4]]
                for e in self.rng.sample(extras, self.rng.randint(1, 3)):
                    sw.append(e)
                sig = "2026-09-%02d" % self.rng.randint(27, 30)
                scan = "2026-09-%02d" % self.rng.randint(25, 29)
                t = {"id": tid, "unit": u["id"], "ip": "%s.%d" % (base, 11 + i * 3),
                     "mac": self.mac(), "user": login, "real_name": True,
                     "classified": False, "firewall": True,
                     "antivirus": {"installed": True, "signatures": sig, "last_full_scan": scan},
                     "software": sw}
                self.terminals.append(t)
        self.term_by_id = {t["id"]: t for t in self.terminals}

    def t(self, tid):
        return self.term_by_id[tid]

    def write_units(self, rel, header, title):
        out = header + "# %s\n" % title
        out += "units:\n"
        for u in self.units:
            out += emit_unit(self.inv, u)
        self.inv.write(rel, out)

    def write_terminals_per_unit(self, header, title):
        by_unit = OrderedDict()
        for t in self.terminals:
            by_unit.setdefault(t["unit"], []).append(t)
        for uid, ts in by_unit.items():
            u = self.unit_by_id[uid]
            out = header + "# %s — %s 终端台账 (terminals of %s)\n" % (title, u["name"], uid)
            out += "terminals:\n"
            for t in ts:
                out += emit_terminal(self.inv, t)
            self.inv.write("terminals/%s.yaml" % uid, out)

    def write_systems(self, rel, header, title):
        out = header + "# %s\n" % title + "systems:\n"
        for s in self.systems:
            out += emit_system(self.inv, s)
        self.inv.write(rel, out)

    def ev(self, typ, unit, at, **kw):
        e = {"type": typ, "unit": unit, "at": at}
        e.update(kw)
        self.events.append(e)
        return e


def sys_(sid, name, unit, hosting, level=2, important=False, cii=False, grade="general",
         launched="2023-06-01", changed=None, filing=None, test=None, internet="none",
         backup=True, filed=None, assessed="2026-04-16", result="pass",
         crypto=None, mlps=True):
    """A compliant-by-default system; keyword arguments plant deviations."""
    s = {"id": sid, "name": name, "unit": unit, "hosting": hosting, "important": important,
         "cii": cii, "data_grade": grade, "launched": launched, "changed": changed,
         "internet": internet}
    # filings and tests default to a few weeks before launch
    if launched:
        lm = int(launched[5:7])
        ly = int(launched[:4])
        prev = (ly, lm - 1) if lm > 1 else (ly - 1, 12)
        before = "%04d-%02d-%s" % (prev[0], prev[1], "15")
        before2 = "%04d-%02d-%s" % (prev[0], prev[1], "22")
        s["extranet_filing"] = filing if filing is not None else (before2 if not changed else None)
        s["security_test"] = test if test is not None else before
        default_filed = "%04d-%02d-%s" % (prev[0], prev[1], "05")
    else:
        s["extranet_filing"] = filing
        s["security_test"] = test
        default_filed = "2026-07-10"
    if changed and filing is None:
        # re-filed shortly before the change
        cy, cm = int(changed[:4]), int(changed[5:7])
        p = (cy, cm - 1) if cm > 1 else (cy - 1, 12)
        s["extranet_filing"] = "%04d-%02d-20" % p
    if filing == "":
        s["extranet_filing"] = None
    if test == "":
        s["security_test"] = None
    if backup is True:
        s["backup"] = {"enabled": True, "last_restore_test": "2026-0%d-1%d" % (4 + len(sid) % 5, len(sid) % 9)}
    elif backup is False:
        s["backup"] = {"enabled": False}
    else:
        s["backup"] = None
    if mlps:
        m = {"level": level, "filed": filed or default_filed}
        if launched and assessed:
            m["last_assessment"] = assessed
            m["result"] = result
        s["mlps"] = m
    if crypto is None:
        if level >= 3 or cii:
            crypto = {"required": True, "last_evaluation": "2026-02-26", "result": "pass"}
        else:
            crypto = {"required": False}
    s["crypto"] = crypto
    return s


# --------------------------------------------------------------------------
# shared texts

DOC_ALL = ["responsibility-letter", "ip-confirmation", "ops-form", "confidentiality-pledge"]


def plan_tasks(inv, city_records, header, title):
    """city_records: list of (no, status, done, evidence, note, violation)"""
    out = header + "# %s\n" % title
    out += "# 内政数字〔2024〕189号 任务清单中由“各盟市”承担的任务 (tasks of the plan that apply to a city)\n"
    out += "tasks:\n"
    for rec in city_records:
        no, status, done, evidence, note = rec[:5]
        tid = "nm-2024-189/%d" % no
        line = "  - {plan: nm-2024-189, no: %d, status: %s" % (no, status)
        if done:
            line += ", done: %s" % done
        if evidence:
            line += ", evidence: %s" % q(evidence)
        if note:
            line += ", note: %s" % q(note)
        line += "}" + inv.mark("task", tid)
        out += line + "\n"
    inv.write("tasks.yaml", out)


def write_events(inv, events, rel, header, title):
    out = header + "# %s\n" % title
    out += "events:\n"
    events = sorted(events, key=lambda e: (e["at"], e["unit"], e["type"]))
    for e in events:
        out += emit_event(e)
    inv.write(rel, out)


def add_days(day, n):
    import datetime
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=n)).isoformat()


def write_waivers(inv, waivers, header, title):
    """Waivers, with the findings the engine reports about them planted on the waiver
    (target `waiver/<rule>@<kind>/<id>`, located at its `expires:` line):
    WAIVER-EXPIRED (expired before as-of), WAIVER-EXPIRING (expires within 30 days of
    as-of), WAIVER-UNUSED (valid, but matches no finding: `unused: True`).  A valid waiver
    that is used must cover a violation planted with waived=True, and vice versa."""
    covered = set()
    for w in waivers:
        kind, oid = w["target"].split("/", 1)
        wid = "%s@%s" % (w["rule"], w["target"])
        planted = [m for m in inv.bad_marks.get((kind, oid), []) if m[0] == w["rule"]]
        if w["expires"] < AS_OF:
            inv.bad("waiver", wid, "WAIVER-EXPIRED", "豁免已于 %s 过期, 不再豁免" % w["expires"])
            assert planted and not any(m[2] for m in planted), wid
            continue
        if w["expires"] <= add_days(AS_OF, 30):
            inv.bad("waiver", wid, "WAIVER-EXPIRING", "豁免将于 %s 到期(基准日后 30 天内)" % w["expires"])
        if w.get("unused"):
            inv.bad("waiver", wid, "WAIVER-UNUSED", "有效豁免, 但对象没有该规则的违规")
            assert not planted, wid
        else:
            assert planted and all(m[2] for m in planted), wid
            covered.add((kind, oid, w["rule"]))
    for (kind, oid), marks in inv.bad_marks.items():
        for rule, _, waived in marks:
            assert not waived or (kind, oid, rule) in covered, (kind, oid, rule)
    out = header + "# %s\n" % title + "waivers:\n"
    for w in waivers:
        if w.get("comment"):
            out += "  # %s\n" % w["comment"]
        out += "  - rule: %s%s\n" % (w["rule"], inv.mark("waiver", "%s@%s" % (w["rule"], w["target"])))
        out += "    target: %s\n" % w["target"]
        out += "    reason: %s\n" % w["reason"]
        out += "    approved_by: %s\n" % w["approved_by"]
        out += "    approval: %s\n" % q(w["approval"])
        out += "    expires: %s\n" % w["expires"]
    inv.write("waivers.yaml", out)


def write_rectifications(inv, orders, header, title):
    """Rectification orders (DESIGN §9), with the engine's own findings planted on the
    order (target `rectification/<rule>@<kind>/<id>`): RECT-NOT-FIXED (closed, but the
    finding is still there: `not_fixed: True`, located at `closed:`), RECT-UNUSED (not
    closed, and no finding: `unused: True`).  An order without either flag must match a
    planted violation when open, and none when closed."""
    for o in orders:
        kind, oid = o["target"].split("/", 1)
        rid = "%s@%s" % (o["rule"], o["target"])
        planted = [m for m in inv.bad_marks.get((kind, oid), []) if m[0] == o["rule"]]
        if o.get("not_fixed"):
            assert planted and o.get("closed"), rid
            inv.bad("rectification", rid, "RECT-NOT-FIXED", "单位报告已于 %s 整改, 但问题仍在" % o["closed"])
        elif o.get("unused"):
            assert not planted and not o.get("closed"), rid
            inv.bad("rectification", rid, "RECT-UNUSED", "整改通知未关闭, 但对象已没有该规则的问题")
        else:
            assert bool(planted) == (not o.get("closed")), rid
    out = header + "# %s\n" % title + "rectifications:\n"
    for o in orders:
        if o.get("comment"):
            out += "  # %s\n" % o["comment"]
        out += "  - rule: %s%s\n" % (o["rule"], inv.mark("rectification", "%s@%s" % (o["rule"], o["target"])))
        for key in ("target", "order", "issued", "due", "owner", "closed", "note"):
            if o.get(key):
                value = o[key]
                out += "    %s: %s\n" % (key, q(value) if key == "order" else value)
    inv.write("rectifications.yaml", out)


def write_readme(inv, title_zh, title_en, intro, files, waivers_text, notes=""):
    out = "# %s\n\n%s\n\n*%s*\n\n" % (title_zh, intro, title_en)
    out += "## 文件 (files)\n\n"
    for f, d in files:
        out += "- `%s` — %s\n" % (f, d)
    out += "- 由 `examples/generate.py` 生成 (generated by `python3 examples/generate.py`; edit the script, not the YAML)\n"
    out += "\n检查 (check): `yunwang validate examples/%s` 应当退出码 0；" % inv.key
    out += "`yunwang check examples/%s --as-of 2026-09-30` 报告下列违规。\n\n" % inv.key
    out += "## 预置违规 (planted violations, as of 2026-09-30)\n\n"
    out += "每条违规在 YAML 中以注释 `# 违规 <规则>: <说明>` 标在目标对象的第一行; 有效豁免覆盖的违规写作 `# 违规 <规则>（已豁免）: <说明>`, 报告为 waived。\n"
    out += "*Each planted violation is marked in the YAML by a `# 违规 <rule>: <text>` comment on the first line of the object the finding targets; `# 违规 <rule>（已豁免）: <text>` marks one a valid waiver covers (reported as waived). `Tests/CLITests/PlantedViolationsTests.swift` checks that `yunwang check` reports exactly these.*\n\n"
    by_rule = OrderedDict()
    for (kind, oid), marks in inv.bad_marks.items():
        for rule, text, waived in marks:
            by_rule.setdefault(rule, []).append((kind, oid, text, waived))
    out += "| 规则 rule | 对象 target | 说明 |\n|---|---|---|\n"
    for rule in sorted(by_rule):
        for kind, oid, text, waived in by_rule[rule]:
            out += "| %s%s | `%s/%s` | %s |\n" % (rule, WAIVED if waived else "", kind, oid, text.replace("|", "/"))
    if inv.ok_marks:
        out += "\n## 合规的边界情形与不适用的规则 (compliant boundary and out-of-scope cases)\n\n"
        out += "YAML 中以 `# 合规: …` 注释标出(对象另有违规时只显示违规注释)。这些情形不应产生所描述的违规; 同一对象的其他预置违规照常报告。*Marked `# 合规: …` in the YAML (objects that also carry planted violations show only those). None of these may produce the finding they describe.*\n\n"
        for (kind, oid), text in inv.ok_marks.items():
            out += "- `%s/%s`: %s\n" % (kind, oid, text)
    out += "\n## 豁免 (waivers)\n\n" + waivers_text + "\n"
    if notes:
        out += "\n## 说明 (notes)\n\n" + notes + "\n"
    inv.write("README.md", out)


# (no, type, due year) of the tasks of 内政数字〔2024〕189号 that name 各盟市
NM_CITY_TASKS = [
    (1, "r", 2026), (2, "r", 2025), (3, "a", 2025), (4, "a", 2026), (5, "r", 2026), (6, "r", 2026),
    (7, "r", 2026), (8, "r", 2025), (9, "r", 2025), (10, "a", 2025), (11, "r", 2024), (12, "a", 2025),
    (13, "a", 2024), (14, "a", 2026), (16, "a", 2026), (17, "a", 2026), (18, "a", 2024), (20, "r", 2026),
    (21, "a", 2026), (22, "a", 2026), (23, "a", 2026), (24, "r", 2026), (25, "r", 2025), (26, "a", 2024),
    (27, "r", 2026), (28, "r", 2024), (29, "r", 2026), (32, "a", 2024), (33, "a", 2026), (34, "r", 2026),
    (35, "a", 2026), (36, "a", 2026), (37, "a", 2026), (38, "r", 2024), (39, "r", 2024), (41, "r", 2026),
    (42, "a", 2025), (43, "a", 2026), (45, "r", 2025), (47, "r", 2026), (48, "r", 2024), (49, "r", 2026),
    (50, "r", 2024), (51, "r", 2025), (52, "r", 2025), (53, "r", 2024), (54, "a", 2026), (56, "r", 2024),
    (58, "a", 2024), (59, "a", 2024), (60, "r", 2024), (61, "a", 2024), (62, "a", 2024), (64, "r", 2024),
]

EVIDENCE = ["验收报告", "工作总结", "项目初验报告", "制度印发文件", "平台上线通知", "测评报告",
            "专题会议纪要", "系统截图及运行记录"]


def nm_city_tasks(inv, city, overdue_high, overdue_low):
    """Task records for a city: done on time, in progress, not started, not applicable.
    overdue_high: a `required` task due in 2025 that is only in progress (overdue, high);
    overdue_low: an `as-needed` task due in 2025 or earlier that is not started (overdue, low)."""
    recs = []
    n = 0
    for no, typ, year in NM_CITY_TASKS:
        n += 1
        ev = EVIDENCE[(no + len(city)) % len(EVIDENCE)]
        if no == overdue_high:
            recs.append((no, "in-progress", None, None, "平台建设中, 预计 2026 年底完成"))
            inv.bad("task", "nm-2024-189/%d" % no, "PLAN-DEADLINE",
                    "要求类任务 %d 年底到期, 仍在进行中" % year)
        elif no == overdue_low:
            recs.append((no, "not-started", None, None, "暂无需求"))
            inv.bad("task", "nm-2024-189/%d" % no, "PLAN-DEADLINE",
                    "按需类任务 %d 年底到期, 未启动(也未标为不适用)" % year)
        elif year < 2026:
            if typ == "a" and n % 3 == 0:
                recs.append((no, "not-applicable", None, None, "本地无此需求"))
            else:
                recs.append((no, "done", "%d-%02d-%02d" % (year, 6 + n % 6, 3 + n % 25), ev, None))
        else:
            if typ == "r":
                if n % 4 == 0:
                    recs.append((no, "done", "2026-%02d-%02d" % (3 + n % 6, 2 + n % 26), ev, None))
                else:
                    recs.append((no, "in-progress", None, None, "按计划推进, 年底前完成"))
            else:
                recs.append((no, ["not-started", "in-progress", "not-applicable"][n % 3], None, None, None))
    recs.append((63, "not-applicable", None, None, "自治区本级任务, 盟市配合对接"))
    return recs


def alert_ip(b, tid):
    return b.t(tid)["ip"]


def std_assessments(b, uid, k):
    """Two risk assessments and two drills in the 12 months before as-of."""
    d1 = 3 + k % 20
    b.ev("risk-assessment", uid, "2025-11-%02dT09:30:00+08:00" % d1, note="年度网络安全风险评估(上半场)")
    b.ev("risk-assessment", uid, "2026-05-%02dT10:00:00+08:00" % d1, note="网络安全风险评估")
    b.ev("drill", uid, "2026-01-%02dT14:30:00+08:00" % (5 + k % 20), note="网络安全应急演练")
    b.ev("drill", uid, "2026-07-%02dT15:00:00+08:00" % (2 + k % 25), note="勒索病毒处置演练")


def build_baotou():
    inv = Inv("baotou")
    b = Builder(inv, 150200, True, "10.15", "bt-unified")
    H = HEADER
    # ---------------- units
    U = b.unit
    U("bt-sjj", "包头市行政审批政务服务与数据管理局", "city", region="150200", n_term=9, admins=2,
      opened="2019-03-12", x=[("x-contact", q("0472-5617xxx"))])
    U("bt-dsj", "包头市大数据中心", "city", n_term=8, admins=3, exits=["bt-unified", "nm-unified"])
    U("bt-gaj", "包头市公安局", "city", n_term=8, admins=2, segments=2,
      exits=["bt-unified", "bt-gaj-exit"])
    U("bt-wjw", "包头市卫生健康委员会", "city", n_term=7)
    U("bt-jyj", "包头市教育局", "city", n_term=7)
    U("bt-rsj", "包头市人力资源和社会保障局", "city", n_term=6)
    U("bt-czj", "包头市财政局", "city", n_term=6)
    U("bt-zrj", "包头市自然资源局", "city", n_term=6)
    U("bt-sthj", "包头市生态环境局", "city", n_term=5)
    U("bt-scj", "包头市市场监督管理局", "city", n_term=6)
    U("bt-mzj", "包头市民政局", "city", n_term=5)
    U("bt-yjj", "包头市应急管理局", "city", n_term=6)
    U("bt-zy", "包头市中级人民法院", "city", kind="court", n_term=6)
    U("bt-zxyy", "包头市中心医院", "city", kind="hospital", n_term=7, wireless_aps=2,
      documents=["responsibility-letter", "ip-confirmation", "ops-form"])
    U("bt-yz", "包头市第一中学", "city", kind="school", method="zero-trust", n_term=4,
      ops_lead=False)
    U("bt-nsh", "包头农村商业银行股份有限公司", "city", kind="bank", method="zero-trust", n_term=4,
      exits=["bt-nsh-exit"])
    U("bt-ctjt", "包头市城市建设投资（集团）有限公司", "city", kind="soe", method="vpn", n_term=4)
    U("bt-kq", "包头市昆都仑区人民政府", "county", region="150203", n_term=7, admins=2)
    U("bt-qs", "包头市青山区人民政府", "county", region="150204", n_term=6)
    U("bt-dh", "包头市东河区人民政府", "county", region="150202", n_term=6)
    U("bt-jy", "包头市九原区人民政府", "county", region="150207", n_term=6, wireless_aps=1)
    U("bt-sgq", "包头市石拐区人民政府", "county", region="150205", n_term=5, admins=0,
      documents=["responsibility-letter", "ip-confirmation", "confidentiality-pledge"])
    U("bt-bykq", "包头市白云鄂博矿区人民政府", "county", region="150206", n_term=5)
    U("bt-tyq", "土默特右旗人民政府", "county", region="150221", n_term=7, admins=2)
    U("bt-gy", "固阳县人民政府", "county", region="150222", n_term=6)
    U("bt-dmq", "达尔罕茂明安联合旗人民政府", "county", region="150223", n_term=6)
    U("bt-tyq-slqz", "土默特右旗萨拉齐镇人民政府", "township", region="150221", n_term=4)
    U("bt-dmq-dehsm", "达尔罕茂明安联合旗达尔汗苏木", "township", region="150223", n_term=3,
      last_activity="2026-06-30")
    U("bt-gy-jsz", "固阳县金山镇人民政府", "township", region="150222", n_term=3,
      last_activity="2026-06-28")
    U("bt-dmq-edgc", "达尔罕茂明安联合旗达尔汗苏木额尔登敖包嘎查", "village", region="150223",
      n_term=2, method="mobile")

    inv.bad("unit", "bt-ctjt", "BT-13", "接入方式为 VPN，既非专线也非零信任")
    inv.bad("unit", "bt-dmq-edgc", "BT-13", "接入方式为移动通信网(mobile)")
    inv.bad("unit", "bt-zxyy", "BT-14", "缺《政务数据使用保密承诺书》")
    inv.bad("unit", "bt-zxyy", "BT-18", "擅自安装无线接入设备 2 台(豁免已于 2026-08-31 过期)")
    inv.bad("unit", "bt-sgq", "BT-14", "缺《网络运维信息表》")
    inv.bad("unit", "bt-sgq", "BT-16", "未明确网络管理员")
    inv.bad("unit", "bt-yz", "BT-16", "未明确运维负责人")
    inv.bad("unit", "bt-jy", "BT-18", "擅自安装无线接入设备 1 台")
    inv.bad("unit", "bt-gy-jsz", "BT-21", "最后联网应用 2026-06-28，超过三个月(多 2 天)")
    inv.ok("unit", "bt-dmq-dehsm", "最后联网应用 2026-06-30，恰好三个月，不算超期")
    inv.bad("unit", "bt-wjw", "BT-43", "同一 IP 一周内 3 次告警均未处理(2026-09-02/04/07)")
    inv.ok("unit", "bt-jyj", "同一 IP 3 次未处理告警分散在 20 天内(任一 7 天窗口内仅 1 次)")
    inv.ok("unit", "bt-rsj", "同一 IP 一周内 3 次告警，其中 1 次已处理")
    inv.bad("unit", "bt-mzj", "BT-41-ASSESS", "近 12 个月仅 1 次风险评估(另 1 次在 12 个月之前)")
    inv.bad("unit", "bt-mzj", "BT-41-DRILL", "近 12 个月仅 1 次应急演练(另 1 次在 12 个月之前)")
    inv.bad("unit", "bt-scj", "BT-45-3", "近 12 个月连续收到 3 次网络风险通知")
    inv.ok("unit", "bt-czj", "3 次风险通知，但最早 1 次在 12 个月之前")
    inv.ok("unit", "bt-sthj", "近 12 个月恰好 2 次风险评估、2 次应急演练")

    # ---------------- terminals
    b.make_terminals()
    t = b.t
    t("bt-sjj-0009")["software"] = ["WPS Office", "奇安信天擎", "向日葵"]
    inv.bad("terminal", "bt-sjj-0009", "BT-42-8", "装有向日葵(有效豁免至 2026-12-31)", waived=True)
    t("bt-jyj-0004")["software"] = ["WPS Office", "火绒", "钉钉", "ToDesk"]
    inv.bad("terminal", "bt-jyj-0004", "BT-42-8", "装有 ToDesk")
    t("bt-kq-0005")["software"] = ["WPS Office", "360安全卫士", "TeamViewer"]
    inv.bad("terminal", "bt-kq-0005", "BT-42-8", "装有 TeamViewer")
    t("bt-wjw-0003")["user"] = None
    t("bt-wjw-0003")["real_name"] = None
    inv.bad("terminal", "bt-wjw-0003", "BT-24-BIND", "未绑定用户名")
    inv.bad("terminal", "bt-wjw-0003", "BT-25", "无实名用户")
    t("bt-zrj-0002")["mac"] = None
    inv.bad("terminal", "bt-zrj-0002", "BT-24-BIND", "未登记 MAC 地址")
    t("bt-dh-0004")["ip"] = "10.15.99.23"
    inv.bad("terminal", "bt-dh-0004", "BT-24-SEGMENT", "IP 10.15.99.23 不在本单位地址段内")
    t("bt-tyq-0006")["ip"] = "192.168.1.105"
    inv.bad("terminal", "bt-tyq-0006", "BT-24-SEGMENT", "IP 192.168.1.105 不在本单位地址段内")
    t("bt-czj-0003")["real_name"] = False
    inv.bad("terminal", "bt-czj-0003", "BT-25", "用户未实名")
    t("bt-zxyy-0006")["real_name"] = False
    inv.bad("terminal", "bt-zxyy-0006", "BT-25", "用户未实名(公共账号)")
    t("bt-gaj-0007")["classified"] = True
    inv.bad("terminal", "bt-gaj-0007", "BT-42-3", "涉密计算机接入政务外网")
    t("bt-yjj-0002")["firewall"] = False
    inv.bad("terminal", "bt-yjj-0002", "BT-42-5-FIREWALL", "未启用防火墙")
    t("bt-qs-0003")["antivirus"] = {"installed": False}
    t("bt-qs-0003")["software"] = ["WPS Office", "钉钉"]
    inv.bad("terminal", "bt-qs-0003", "BT-42-5-AV", "未安装防病毒软件")
    t("bt-gy-0002")["antivirus"] = None
    t("bt-gy-0002")["software"] = ["WPS Office", "微信"]
    inv.bad("terminal", "bt-gy-0002", "BT-42-5-AV", "未登记防病毒软件(缺字段视为未安装)")
    t("bt-dsj-0004")["antivirus"]["last_full_scan"] = "2026-09-10"
    inv.bad("terminal", "bt-dsj-0004", "BT-42-5-SCAN", "最近全盘查杀 2026-09-10，距基准日 20 天")
    t("bt-dsj-0005")["antivirus"]["last_full_scan"] = "2026-09-24"
    inv.ok("terminal", "bt-dsj-0005", "最近全盘查杀 2026-09-24，距基准日 6 天")
    t("bt-zy-0002")["antivirus"]["last_full_scan"] = "2026-09-23"
    inv.ok("terminal", "bt-zy-0002", "最近全盘查杀 2026-09-23，距基准日恰好 7 天")
    t("bt-bykq-0002")["antivirus"]["signatures"] = "2026-08-15"
    inv.bad("terminal", "bt-bykq-0002", "BT-42-5-SIGNATURES", "病毒特征库 2026-08-15 后未更新")
    t("bt-dmq-0003")["ip"] = t("bt-dmq-0002")["ip"]
    inv.bad("unit", "bt-dmq", "BT-24-UNIQUE", "终端 bt-dmq-0002 与 bt-dmq-0003 使用同一 IP %s" % t("bt-dmq-0002")["ip"])
    g = b.unit_by_id["bt-gaj"]["segments"][1]
    t("bt-gaj-0008")["ip"] = g.rsplit(".", 1)[0] + ".41"
    inv.ok("terminal", "bt-gaj-0008", "IP 位于本单位第二个地址段 %s 内" % g)

    # ---------------- exits, clouds, datacenters
    exits = [
        {"id": "bt-unified", "name": "包头市电子政务外网统一互联网出口", "kind": "unified", "operator": "bt-dsj"},
        {"id": "nm-unified", "name": "自治区电子政务外网统一互联网出口", "region": "150000",
         "kind": "unified"},
        {"id": "bt-gaj-exit", "name": "包头市公安局视频图像信息共享专用互联网出口", "kind": "independent", "operator": "bt-gaj",
         "approval": ("包数函〔2025〕27号", "2025-06-10")},
        {"id": "bt-nsh-exit", "name": "包头农商银行自建互联网出口", "kind": "independent", "operator": "bt-nsh"},
    ]
    inv.bad("exit", "bt-nsh-exit", "BT-42-1", "独立互联网出口未经主管部门书面批准(使用单位 bt-nsh)")
    clouds = [
        {"id": "bt-cloud", "name": "包头市政务云", "kind": "government", "operator": "bt-dsj",
         "mlps": {"level": 3, "filed": "2021-05-10", "last_assessment": "2026-05-10", "result": "pass"},
         "crypto": {"required": True, "last_evaluation": "2026-04-01", "result": "pass"},
         "security_assessment": "2025-12-01", "dr": "two-sites-three-centers"},
        {"id": "bt-xcy", "name": "包头市信创云", "kind": "government", "operator": "bt-dsj",
         "mlps": {"level": 3, "filed": "2023-09-01", "last_assessment": "2026-06-20", "result": "basic-pass"},
         "crypto": {"required": True, "last_evaluation": "2026-06-28", "result": "pass"},
         "security_assessment": "2026-03-15", "dr": "two-sites-three-centers"},
        {"id": "bt-gxq-cloud", "name": "包头稀土高新区政务云节点", "kind": "government", "operator": "bt-dsj",
         "mlps": {"level": 3, "filed": "2022-04-01", "last_assessment": "2026-01-20", "result": "pass"},
         "crypto": {"required": True, "last_evaluation": "2026-01-28", "result": "basic-pass"},
         "dr": "none"},
        {"id": "bt-ali", "name": "阿里云公共云(华北3 张家口)", "kind": "public", "region": "130700",
         "mlps": {"level": 3, "filed": "2019-04-01", "last_assessment": "2025-08-01", "result": "pass"},
         "security_assessment": "2025-11-20", "dr": "remote"},
    ]
    clouds.append({"id": "bt-gaj-cloud", "name": "包头市公安局视频专有云", "kind": "private", "operator": "bt-gaj",
                   "crypto": {"required": True}, "security_assessment": "2026-02-10", "dr": "same-city"})
    inv.bad("cloud", "bt-ali", "NAT-MLPS-CLOUD", "三级云平台上次等级测评 2025-08-01，超过 12 个月")
    inv.bad("cloud", "bt-gaj-cloud", "BT-40-CLOUD-MLPS", "云平台未办理等级保护定级备案")
    inv.bad("cloud", "bt-gaj-cloud", "BT-40-CLOUD-CRYPTO", "云平台需密评但无密评记录")
    inv.bad("cloud", "bt-gxq-cloud", "NM-CLOUD-ASSESS", "政务云未通过云计算服务安全评估(无评估记录)")
    inv.bad("cloud", "bt-gxq-cloud", "NM-CLOUD-DR", "政务云无灾备(dr: none)，未形成两地三中心")
    dcs = [
        {"id": "bt-dc1", "name": "包头市政务数据中心", "pue": "1.42", "built": "2018-05-01", "operator": "bt-dsj"},
        {"id": "bt-gaj-dc", "name": "包头市公安局自建机房", "pue": "1.68", "built": "2012-09-01", "operator": "bt-gaj"},
        {"id": "bt-xtdc", "name": "包头稀土高新区云计算中心", "pue": "1.28", "built": "2021-10-15"},
        {"id": "bt-tyq-jf", "name": "土默特右旗政务机房", "region": "150221", "pue": "1.50", "operator": "bt-tyq",
         "built": "2016-07-01"},
    ]
    inv.bad("datacenter", "bt-gaj-dc", "NM-PUE", "PUE 1.68，不低于 1.5")
    inv.bad("datacenter", "bt-tyq-jf", "NM-PUE", "PUE 恰为 1.50，要求优于(低于) 1.5")

    # ---------------- systems
    C = lambda c: ("cloud", c)
    D = lambda d: ("datacenter", d)
    S = b.systems.append
    S(sys_("bt-zwfw", "包头市政务服务平台", "bt-sjj", C("bt-xcy"), level=3, important=True,
           launched="2024-06-01", changed="2026-03-01", internet="exchange-zone"))
    inv.ok("system", "bt-zwfw", "上线后有变更(2026-03-01)，已于变更前 2026-02-20 重新备案")
    S(sys_("bt-12345", "包头市12345政务服务便民热线系统", "bt-sjj", C("bt-cloud"), level=3,
           important=True, launched="2021-09-01", internet="exchange-zone"))
    S(sys_("bt-gxjh", "包头市政务数据共享交换平台", "bt-dsj", C("bt-xcy"), level=3, important=True,
           grade="important", launched="2022-03-01"))
    S(sys_("bt-oa", "包头市协同办公系统", "bt-dsj", C("bt-cloud"), level=2, launched="2020-11-01"))
    S(sys_("bt-csdn", "包头市城市运行管理服务平台(城市大脑)", "bt-dsj", C("bt-xcy"), level=3,
           important=True, launched="2025-04-01"))
    S(sys_("bt-xlgc", "包头市公共安全视频图像信息共享平台", "bt-gaj", D("bt-gaj-dc"), level=4,
           important=True, cii=True, grade="important", launched="2019-08-01",
           assessed="2026-03-20"))
    inv.bad("system", "bt-xlgc", "NAT-MLPS-L4", "四级系统上次等级测评 2026-03-20，超过 6 个月")
    S(sys_("bt-crj", "包头市出入境业务预约系统", "bt-gaj", C("bt-cloud"), level=2,
           launched="2023-02-01", internet="exchange-zone"))
    S(sys_("bt-qmjk", "包头市全民健康信息平台", "bt-wjw", C("bt-xcy"), level=3, important=True,
           grade="important", launched="2021-12-01"))
    inv.bad("unit", "bt-wjw", "NAT-DATA-RISK", "有重要数据系统 bt-qmjk，近 12 个月无数据安全风险评估(上次 2025-08-15)")
    S(sys_("bt-hlwyy", "包头市中心医院互联网医院平台", "bt-zxyy", C("bt-cloud"), level=3,
           launched="2023-05-01", internet="direct"))
    inv.bad("system", "bt-hlwyy", "BT-40-EXCHANGE", "与互联网直接交互，未经安全交换区(豁免 2026-10-15 到期)", waived=True)
    S(sys_("bt-jyzy", "包头市教育资源公共服务平台", "bt-jyj", C("bt-ali"), level=2,
           launched="2022-08-01", internet="exchange-zone"))
    inv.ok("system", "bt-jyzy", "部署在公有云上，但非重要系统、一般数据")
    S(sys_("bt-zsbm", "包头市义务教育招生入学报名系统", "bt-jyj", C("bt-ali"), level=3,
           important=True, launched="2024-04-01", internet="exchange-zone"))
    inv.bad("system", "bt-zsbm", "NM-PUBLIC-CLOUD", "重要信息系统部署在公有云 bt-ali")
    S(sys_("bt-shbz", "包头市社会保障卡综合业务系统", "bt-rsj", C("bt-cloud"), level=3,
           important=True, grade="important", launched="2020-06-01"))
    S(sys_("bt-jyfw", "包头市公共就业服务平台", "bt-rsj", C("bt-cloud"), level=2,
           launched="2022-10-01", internet="exchange-zone", result="fail"))
    inv.bad("system", "bt-jyfw", "NAT-MLPS-RESULT", "等级测评结论为不符合(fail)")
    S(sys_("bt-ysyth", "包头市预算管理一体化系统", "bt-czj", C("bt-xcy"), level=3, important=True,
           launched="2022-01-10", changed="2026-05-10", filing="2021-12-20"))
    inv.bad("system", "bt-ysyth", "BT-29-CHANGE", "2026-05-10 变更后未重新备案(仅有上线前备案 2021-12-20)")
    S(sys_("bt-bdc", "包头市不动产登记信息管理平台", "bt-zrj", C("bt-cloud"), level=3,
           important=True, launched="2020-03-01", assessed="2025-08-20"))
    inv.bad("system", "bt-bdc", "NAT-MLPS-L3", "三级系统上次等级测评 2025-08-20，超过 12 个月")
    S(sys_("bt-gtkj", "包头市国土空间基础信息平台", "bt-zrj", C("bt-xcy"), level=3, important=True,
           grade="important", launched="2023-07-01"))
    S(sys_("bt-hjjc", "包头市生态环境监测监控平台", "bt-sthj", C("bt-cloud"), level=2,
           launched="2023-04-01", filing="2023-05-16"))
    inv.bad("system", "bt-hjjc", "BT-29", "上线(2023-04-01)后才备案(2023-05-16)")
    S(sys_("bt-scjg", "包头市市场监管综合业务系统", "bt-scj", C("bt-cloud"), level=2,
           launched="2022-05-01", backup=False))
    inv.bad("system", "bt-scjg", "BT-30", "未启用数据备份")
    S(sys_("bt-mzyw", "包头市民政综合业务信息系统", "bt-mzj", C("bt-cloud"), level=2,
           launched="2024-09-01", test="2024-10-12"))
    inv.bad("system", "bt-mzyw", "BT-40-TEST", "上线(2024-09-01)后才做安全检测(2024-10-12)")
    S(sys_("bt-yjzh", "包头市应急指挥综合业务系统", "bt-yjj", C("bt-xcy"), level=3, important=True,
           launched="2025-06-01", crypto={"required": True}))
    inv.bad("system", "bt-yjzh", "BT-40-CRYPTO", "需密评但无密评记录")
    inv.bad("system", "bt-yjzh", "NAT-CRYPTO-EVAL", "三级系统需密评但未开展")
    S(sys_("bt-aqsc", "包头市安全生产监管执法系统", "bt-yjj", C("bt-cloud"), level=2,
           launched="2021-03-01"))
    b.systems[-1]["backup"]["last_restore_test"] = "2025-06-30"
    inv.bad("system", "bt-aqsc", "BT-30-RESTORE", "最近一次备份恢复测试 2025-06-30，超过 12 个月")
    S(sys_("bt-ssfw", "包头市中级人民法院诉讼服务平台", "bt-zy", C("bt-cloud"), level=3,
           launched="2022-12-01", internet="exchange-zone",
           crypto={"required": True, "last_evaluation": "2025-07-20", "result": "pass"}))
    inv.bad("system", "bt-ssfw", "NAT-CRYPTO-YEARLY", "三级系统上次密评 2025-07-20，超过 12 个月")
    S(sys_("bt-kqwg", "昆都仑区网格化社会治理平台", "bt-kq", C("bt-cloud"), level=2,
           launched="2024-03-01", mlps=False))
    inv.bad("system", "bt-kqwg", "BT-40-MLPS", "未办理等级保护定级备案")
    S(sys_("bt-szqs", "青山区数字青山城市运行平台", "bt-qs", C("bt-gxq-cloud"), level=2,
           launched="2025-02-01", filed="2025-04-15"))
    inv.bad("system", "bt-szqs", "NAT-MLPS-FILING", "2025-02-01 上线，2025-04-15 才办理等保备案(超过 30 日)")
    S(sys_("bt-dhsq", "东河区社区综合服务平台", "bt-dh", C("bt-xcy"), level=2, launched="2024-11-01"))
    S(sys_("bt-tynm", "土默特右旗智慧农牧业服务平台", "bt-tyq", C("bt-cloud"), level=2,
           launched="2023-09-01", filing=""))
    inv.bad("system", "bt-tynm", "BT-29", "已上线但从未向运行管理部门备案")
    S(sys_("bt-gyzw", "固阳县政务公开平台", "bt-gy", C("bt-cloud"), level=2, launched="2021-06-01",
           internet="exchange-zone"))
    S(sys_("bt-dmmq", "达茂旗牧区草原生态监测系统", "bt-dmq", D("bt-tyq-jf"), level=2, launched=None))
    inv.ok("system", "bt-dmmq", "尚未上线(无 launched)，备案/测评类规则不适用")
    S(sys_("bt-kaq", "白云鄂博矿区矿山安全监测系统", "bt-bykq", D("bt-dc1"), level=2,
           launched="2025-08-01"))
    inv.bad("system", "bt-kaq", "NM-NEW-ON-CLOUD", "2025-08-01 新上线的系统部署在自建机房，未部署到政务云")

    # ---------------- events
    for k, u in enumerate(b.units):
        if u["id"] == "bt-mzj":
            continue
        std_assessments(b, u["id"], k)
    b.ev("risk-assessment", "bt-mzj", "2025-09-18T09:00:00+08:00", note="12 个月之前, 不计入")
    b.ev("drill", "bt-mzj", "2025-08-28T15:00:00+08:00", note="12 个月之前, 不计入")
    b.ev("risk-assessment", "bt-mzj", "2026-04-10T09:30:00+08:00")
    b.ev("drill", "bt-mzj", "2026-06-15T14:30:00+08:00")
    # risk notices
    for at in ("2025-12-03T10:00:00+08:00", "2026-03-17T16:20:00+08:00", "2026-07-22T11:05:00+08:00"):
        b.ev("risk-notice", "bt-scj", at, note="弱口令及高危端口风险通知")
    b.ev("risk-notice", "bt-czj", "2025-07-10T10:00:00+08:00", note="12 个月之前, 不计入")
    b.ev("risk-notice", "bt-czj", "2026-01-15T09:40:00+08:00", note="终端病毒告警风险通知")
    b.ev("risk-notice", "bt-czj", "2026-06-02T15:10:00+08:00", note="远程桌面端口暴露风险通知")
    b.ev("risk-notice", "bt-kq", "2026-04-08T10:30:00+08:00", note="漏洞扫描风险通知")
    b.ev("risk-notice", "bt-dh", "2026-02-26T11:00:00+08:00", note="非法外联风险通知")
    b.ev("risk-notice", "bt-tyq", "2026-08-19T09:15:00+08:00", note="挖矿木马风险通知")
    # alerts
    ip = alert_ip(b, "bt-wjw-0005")
    b.ev("alert", "bt-wjw", "2026-09-02T10:12:00+08:00", ip=ip, handled=False, note="木马外联告警")
    b.ev("alert", "bt-wjw", "2026-09-04T15:40:00+08:00", ip=ip, handled=False, note="木马外联告警")
    b.ev("alert", "bt-wjw", "2026-09-07T09:05:00+08:00", ip=ip, handled=False, note="木马外联告警")
    ip = alert_ip(b, "bt-jyj-0002")
    for d in ("01", "11", "21"):
        b.ev("alert", "bt-jyj", "2026-08-%sT14:00:00+08:00" % d, ip=ip, handled=False, note="端口扫描告警")
    ip = alert_ip(b, "bt-rsj-0003")
    b.ev("alert", "bt-rsj", "2026-09-14T09:20:00+08:00", ip=ip, handled=False, note="病毒告警")
    b.ev("alert", "bt-rsj", "2026-09-16T10:45:00+08:00", ip=ip, handled=True, note="病毒告警, 已隔离")
    b.ev("alert", "bt-rsj", "2026-09-18T16:30:00+08:00", ip=ip, handled=False, note="病毒告警")
    misc = [("bt-sjj-0002", "2026-06-11T10:02:00+08:00"), ("bt-gaj-0003", "2026-07-04T22:14:00+08:00"),
            ("bt-kq-0002", "2026-07-19T08:55:00+08:00"), ("bt-tyq-0001", "2026-08-08T13:27:00+08:00"),
            ("bt-tyq-0001", "2026-08-09T09:41:00+08:00"), ("bt-dh-0002", "2026-09-01T11:11:00+08:00"),
            ("bt-zy-0004", "2026-09-12T15:33:00+08:00"), ("bt-czj-0001", "2026-09-20T10:20:00+08:00"),
            ("bt-gy-0003", "2026-09-25T17:48:00+08:00"), ("bt-zxyy-0002", "2026-09-26T08:12:00+08:00")]
    for tid, at in misc:
        tt = b.t(tid)
        b.ev("alert", tt["unit"], at, ip=tt["ip"], handled=True, note="安全监测平台告警, 已处置")
    # data risk assessments (important data systems)
    for sid, at in (("bt-gxjh", "2026-04-20T09:00:00+08:00"), ("bt-xlgc", "2026-05-08T09:00:00+08:00"),
                    ("bt-shbz", "2026-06-12T09:30:00+08:00"), ("bt-gtkj", "2026-03-25T14:00:00+08:00"),
                    ("bt-qmjk", "2025-08-15T10:00:00+08:00")):
        s = [x for x in b.systems if x["id"] == sid][0]
        b.ev("data-risk-assessment", s["unit"], at, system=sid, note="数据安全风险评估")

    b.ev("risk-assessment", "bt-gaj", "2026-04-22T09:00:00+08:00", system="bt-xlgc",
         note="关键信息基础设施年度网络安全检测评估")
    # ---------------- write
    b.write_units("units.yaml", H, "包头市电子政务外网接入单位 (units)")
    b.write_terminals_per_unit(HEADER2, "包头市")
    b.write_systems("systems.yaml", H, "政务外网信息系统 (systems)")
    out = H + "# 政务云与机房 (clouds and data centres)\nclouds:\n"
    for c in clouds:
        out += emit_cloud(inv, c)
    out += "\ndatacenters:\n"
    for d in dcs:
        out += emit_dc(inv, d)
    inv.write("clouds.yaml", out)
    out = H + "# 互联网出口 (internet exits)\nexits:\n"
    for e in exits:
        out += emit_exit(inv, e)
    inv.write("exits.yaml", out)
    write_events(inv, [e for e in b.events if e["type"] == "alert"], "events/alerts.yaml", HEADER2,
                 "安全监测告警 (alerts); handled: 是否已处置")
    write_events(inv, [e for e in b.events if e["type"] != "alert"], "events/assessments.yaml",
                 HEADER2, "风险通知、风险评估、应急演练、数据安全风险评估")
    inv.write("inventory.yaml", H +
              "# 包头市电子政务外网台账 — 样例 (sample inventory of Baotou)\n"
              "# 依据: 包政数发〔2025〕11号《包头市电子政务外网使用和管理办法（试行）》\n"
              "inventory:\n"
              "  name: 包头市电子政务外网台账(样例)\n"
              "  region: \"150200\"\n"
              "  level: city\n"
              "  as_of: 2026-09-30\n"
              "  # 整改闭环 (audit cycle, DESIGN §9): 署名单位、整改天数、报告文号与签署\n"
              "  issuer: 包头市行政审批政务服务与数据管理局\n"
              "  rectify_days: {high: 15, medium: 30, low: 90}\n"
              "  report: {number: \"包数审〔2026〕3号\", prepared_by: 王芳, reviewed_by: 李强, approved_by: 赵刚}\n")
    tasks = nm_city_tasks(inv, "bt", overdue_high=52, overdue_low=10)
    plan_tasks(inv, tasks, H, "内政数字〔2024〕189号 任务进展 (plan progress)")
    waivers = [
        {"rule": "BT-42-8", "target": "terminal/bt-sjj-0009",
         "reason": "政务大厅自助终端由厂商远程运维, 过渡期内保留向日葵, 已限制仅运维时段启用",
         "approved_by": "王建国", "approval": "包数函〔2026〕3号", "expires": "2026-12-31",
         "comment": "有效豁免 (valid until 2026-12-31)"},
        {"rule": "BT-18", "target": "unit/bt-zxyy",
         "reason": "门诊楼无线网络改造期间临时保留 2 台无线 AP", "approved_by": "王建国",
         "approval": "包数函〔2026〕1号", "expires": "2026-08-31",
         "comment": "已过期的豁免 (expired 2026-08-31): 不再豁免, 并被报告"},
        {"rule": "BT-40-EXCHANGE", "target": "system/bt-hlwyy",
         "reason": "安全交换区扩容完成前, 互联网医院平台暂时直连互联网", "approved_by": "刘志强",
         "approval": "包数函〔2026〕9号", "expires": "2026-10-15",
         "comment": "基准日后 15 天内到期 (expires within 30 days of as-of)"},
        {"rule": "BT-21", "target": "unit/bt-dmq-dehsm",
         "reason": "牧区苏木冬季网络业务少, 链路闲置期间暂不关闭", "approved_by": "王建国",
         "approval": "包数函〔2026〕11号", "expires": "2027-03-31", "unused": True,
         "comment": "有效但未用上的豁免 (valid, matches no finding): 单位恰好闲置三个月, 不算违规"},
    ]
    write_waivers(inv, waivers, H, "豁免 (waivers): 规则 + 对象 + 审批 + 到期日")
    rectifications = [
        {"rule": "BT-42-8", "target": "terminal/bt-jyj-0004", "order": "包数整改〔2026〕12号",
         "issued": "2026-09-10", "due": "2026-10-10", "owner": "孙丽",
         "comment": "期限内 (in time): 尚未到期, 问题仍在, 未逾期"},
        {"rule": "BT-18", "target": "unit/bt-jy", "order": "包数整改〔2026〕7号",
         "issued": "2026-07-10", "due": "2026-08-10",
         "comment": "已逾期 (overdue): 2026-08-10 到期, 问题仍在"},
        {"rule": "BT-42-8", "target": "terminal/bt-sjj-0001", "order": "包数整改〔2026〕5号",
         "issued": "2026-06-15", "due": "2026-07-15", "closed": "2026-07-02", "note": "已卸载 TeamViewer, 复查通过",
         "comment": "已整改并关闭 (closed and fixed): 复查无问题, 不再报告"},
        {"rule": "BT-25", "target": "terminal/bt-czj-0003", "order": "包数整改〔2026〕8号",
         "issued": "2026-07-01", "due": "2026-07-31", "closed": "2026-07-28", "note": "单位报告已实名",
         "not_fixed": True,
         "comment": "报告已整改但问题仍在 (reported fixed, still open): RECT-NOT-FIXED"},
        {"rule": "BT-16", "target": "unit/bt-sjj", "order": "包数整改〔2026〕9号",
         "issued": "2026-08-01", "due": "2026-09-01", "unused": True,
         "comment": "未关闭但问题已消失 (open order, no finding): RECT-UNUSED, 可以关闭"},
    ]
    write_rectifications(inv, rectifications, H, "整改通知 (rectification orders): 规则 + 对象 + 文号 + 下发日期 + 整改时限")
    write_readme(inv, "包头市电子政务外网台账(样例)", 
                 "Sample inventory of the Baotou (包头, 150200) e-government extranet, checked against 包政数发〔2025〕11号 and national / Inner Mongolia rules as of 2026-09-30.",
                 "包头市(地级市, 行政区划代码 150200)电子政务外网接入单位、终端、信息系统、政务云、机房、互联网出口、安全事件、"
                 "内政数字〔2024〕189号任务进展与豁免的样例台账。包头规则(包政数发〔2025〕11号)、国家规则和自治区规则都适用。"
                 "旗县区单位带自己的区划代码(如土默特右旗 150221), 仍属包头(1502)。",
                 [("inventory.yaml", "台账头 (inventory header)"), ("units.yaml", "接入单位 (units)"),
                  ("terminals/<unit>.yaml", "各单位终端, 每单位一个文件 (terminals, one file per unit)"),
                  ("systems.yaml", "信息系统 (systems)"), ("clouds.yaml", "政务云与机房 (clouds, datacenters)"),
                  ("exits.yaml", "互联网出口 (exits)"), ("events/alerts.yaml", "告警 (alerts)"),
                  ("events/assessments.yaml", "风险通知、评估、演练 (notices, assessments, drills)"),
                  ("tasks.yaml", "189号任务进展 (plan progress)"), ("waivers.yaml", "豁免 (waivers)"),
                  ("rectifications.yaml", "整改通知 (rectification orders)"),
                  ("history/2026Q2.json", "上一季度的检查结果, 供 --previous 使用 (last quarter's findings for --previous)")],
                 "- `BT-42-8` → `terminal/bt-sjj-0009`: 有效至 2026-12-31, 该违规报告为 waived。\n"
                 "- `BT-18` → `unit/bt-zxyy`: 2026-08-31 已过期, 违规仍为 open, 过期豁免被报告。\n"
                 "- `BT-40-EXCHANGE` → `system/bt-hlwyy`: 2026-10-15 到期(基准日后 15 天内), 目前仍 waived, 并报告 `WAIVER-EXPIRING`。\n"
                 "- `BT-21` → `unit/bt-dmq-dehsm`: 有效至 2027-03-31, 但该单位恰好闲置三个月、没有 BT-21 违规, 报告 `WAIVER-UNUSED`(info)。",
                 "- 事件类规则(BT-41、BT-43、BT-45-3)的对象是单位, 标注写在单位上; 报告位置指向最近一条计入的事件。\n"
                 "- 计划任务 (PLAN-…) 的对象是 `task/nm-2024-189/<no>`, 标注写在该任务记录行上。\n"
                 "- `NAT-DATA-RISK` 的对象是单位(单位有重要/核心数据系统时, 12 个月内要有数据安全风险评估)。\n"
                 "- 计划任务的期限由计划引擎报告, 规则编号为 `PLAN-DEADLINE`: 已逾期为 open, "
                 "`--due-soon-days`(默认 90 天)内到期为 due-soon。\n"
                 "- 豁免本身的问题(`WAIVER-EXPIRED`、`WAIVER-EXPIRING`、`WAIVER-UNUSED`)的对象是 "
                 "`waiver/<规则>@<类型>/<编号>`, 标注写在该豁免的 `- rule:` 行上, 报告位置指向其 `expires:` 行。")
    return inv


def light_events(b, seed_units, alerts, notices):
    """One risk assessment and one drill per unit, some alerts and notices."""
    for k, u in enumerate(b.units):
        b.ev("risk-assessment", u["id"], "2026-%02d-%02dT09:30:00+08:00" % (3 + k % 5, 2 + k % 25),
             note="网络安全风险评估")
        b.ev("drill", u["id"], "2026-%02d-%02dT15:00:00+08:00" % (5 + k % 4, 3 + (k * 7) % 25),
             note="网络安全应急演练")
    for n, (tid, at, handled, note) in enumerate(alerts):
        tt = b.t(tid)
        b.ev("alert", tt["unit"], at, ip=tt["ip"], handled=handled, note=note)
    for uid, at, note in notices:
        b.ev("risk-notice", uid, at, note=note)


def write_common(inv, b, clouds, dcs, exits, names):
    H = HEADER
    b.write_units("units.yaml", H, names["units"])
    b.write_terminals_per_unit(HEADER2, names["short"])
    b.write_systems("systems.yaml", H, "信息系统 (systems)")
    out = H + "# 政务云 (clouds)\nclouds:\n"
    for c in clouds:
        out += emit_cloud(inv, c)
    inv.write("clouds.yaml", out)
    out = H + "# 机房 / 数据中心 (datacenters)\ndatacenters:\n"
    for d in dcs:
        out += emit_dc(inv, d)
    inv.write("datacenters.yaml", out)
    out = H + "# 互联网出口 (internet exits)\nexits:\n"
    for e in exits:
        out += emit_exit(inv, e)
    inv.write("exits.yaml", out)
    write_events(inv, b.events, "events.yaml", H,
                 "告警、风险通知、风险评估、应急演练、数据安全风险评估 (events)")


def build_xingan():
    inv = Inv("xingan")
    b = Builder(inv, 152200, True, "10.22", "xa-unified")
    U = b.unit
    U("xa-sjj", "兴安盟行政审批政务服务与数据管理局", "city", region="152200", n_term=10, admins=2,
      exits=["xa-unified", "nm-unified"])
    U("xa-gaj", "兴安盟公安局", "city", n_term=8, admins=2, exits=["xa-unified", "xa-gaj-exit"])
    U("xa-wjw", "兴安盟卫生健康委员会", "city", n_term=8)
    U("xa-jyj", "兴安盟教育局", "city", n_term=7)
    U("xa-rsj", "兴安盟人力资源和社会保障局", "city", n_term=7)
    U("xa-czj", "兴安盟财政局", "city", n_term=7)
    U("xa-zrj", "兴安盟自然资源局", "city", n_term=6)
    U("xa-sthj", "兴安盟生态环境局", "city", n_term=5)
    U("xa-scj", "兴安盟市场监督管理局", "city", n_term=6)
    U("xa-nmj", "兴安盟农牧局", "city", n_term=7)
    U("xa-daj", "兴安盟档案局", "city", n_term=4)
    U("xa-zy", "兴安盟中级人民法院", "city", kind="court", n_term=6)
    U("xa-rmyy", "兴安盟人民医院", "city", kind="hospital", n_term=8, segments=2)
    U("xa-wlhtyz", "乌兰浩特第一中学", "city", kind="school", region="152201", method="zero-trust",
      n_term=4)
    U("xa-nsh", "内蒙古乌兰浩特农村商业银行股份有限公司", "city", kind="bank", region="152201",
      method="zero-trust", n_term=4)
    U("xa-wlht", "乌兰浩特市人民政府", "county", region="152201", n_term=8, admins=2)
    U("xa-aes", "阿尔山市人民政府", "county", region="152202", n_term=7)
    U("xa-kyqq", "科尔沁右翼前旗人民政府", "county", region="152221", n_term=8, admins=2)
    U("xa-kyzq", "科尔沁右翼中旗人民政府", "county", region="152222", n_term=7)
    U("xa-zlt", "扎赉特旗人民政府", "county", region="152223", n_term=7)
    U("xa-tq", "突泉县人民政府", "county", region="152224", n_term=7)
    U("xa-kyqq-glhz", "科尔沁右翼前旗归流河镇人民政府", "township", region="152221", n_term=3)
    U("xa-kyzq-byhsz", "科尔沁右翼中旗巴彦呼舒镇人民政府", "township", region="152222", n_term=3,
      method="vpn")
    U("xa-zlt-ydez", "扎赉特旗音德尔镇人民政府", "township", region="152223", n_term=3, method="vpn",
      last_activity="2026-05-20")
    U("xa-tq-yac", "突泉县突泉镇永安村村民委员会", "village", region="152224", n_term=2,
      method="mobile", admins=0)
    inv.ok("unit", "xa-kyzq-byhsz", "VPN 接入；兴安盟方案允许 VPN 等方式，包头第十三条不适用")
    inv.ok("unit", "xa-zlt-ydez", "近 4 个月未联网应用；包头第二十一条只适用于包头")
    inv.ok("unit", "xa-tq-yac", "无网络管理员；包头第十六条只适用于包头")
    b.make_terminals()
    t = b.t
    t("xa-aes-0003")["software"] = ["WPS Office", "火绒", "ToDesk"]
    inv.ok("terminal", "xa-aes-0003", "装有 ToDesk；包头第四十二条（八）只适用于包头，兴安盟不报告")
    t("xa-kyqq-0005")["antivirus"]["last_full_scan"] = "2026-08-30"
    inv.ok("terminal", "xa-kyqq-0005", "一个月未全盘查杀；包头第四十二条（五）只适用于包头")

    clouds = [
        {"id": "xa-cloud", "name": "兴安盟政务云(信创云)", "kind": "government",
         "mlps": {"level": 3, "filed": "2022-06-01", "last_assessment": "2026-06-05", "result": "pass"},
         "crypto": {"required": True, "last_evaluation": "2026-05-20", "result": "pass"},
         "security_assessment": "2026-01-12", "dr": "two-sites-three-centers"},
        {"id": "xa-kyqq-cloud", "name": "科尔沁右翼前旗政务云节点", "region": "152221", "kind": "government",
         "mlps": {"level": 3, "filed": "2021-09-01", "last_assessment": "2025-12-10", "result": "basic-pass"},
         "crypto": {"required": True, "last_evaluation": "2025-12-20", "result": "pass"}, "dr": "same-city"},
        {"id": "xa-tyy", "name": "天翼云(内蒙古和林格尔节点)", "region": "150123", "kind": "public",
         "mlps": {"level": 3, "filed": "2020-03-01", "last_assessment": "2025-05-01", "result": "pass"},
         "security_assessment": "2025-10-01", "dr": "remote"},
    ]
    inv.bad("cloud", "xa-kyqq-cloud", "NM-CLOUD-ASSESS", "政务云未通过云计算服务安全评估(豁免已于 2026-07-31 过期)")
    inv.bad("cloud", "xa-kyqq-cloud", "NM-CLOUD-DR", "政务云仅同城灾备，未形成两地三中心")
    inv.bad("cloud", "xa-kyqq-cloud", "XA-CLOUD-DR", "政务云仅同城灾备，未建设异地灾备")
    inv.bad("cloud", "xa-tyy", "NAT-MLPS-CLOUD", "三级云平台上次等级测评 2025-05-01，超过 12 个月")
    dcs = [
        {"id": "xa-dc1", "name": "兴安盟云计算中心", "pue": "1.38", "built": "2020-08-01"},
        {"id": "xa-gaj-dc", "name": "兴安盟公安局机房", "pue": "1.55", "built": "2014-05-01"},
        {"id": "xa-aes-jf", "name": "阿尔山市政务机房", "region": "152202", "pue": "1.46", "built": "2019-10-01"},
    ]
    inv.bad("datacenter", "xa-gaj-dc", "NM-PUE", "PUE 1.55，不低于 1.5(有效豁免至 2027-06-30)", waived=True)
    exits = [
        {"id": "xa-unified", "name": "兴安盟电子政务外网统一互联网出口", "kind": "unified"},
        {"id": "nm-unified", "name": "自治区电子政务外网统一互联网出口", "region": "150000", "kind": "unified"},
        {"id": "xa-gaj-exit", "name": "兴安盟公安局视频专网互联网出口", "kind": "independent",
         "approval": ("兴数函〔2025〕14号", "2025-05-08")},
    ]
    C = lambda c: ("cloud", c)
    D = lambda d: ("datacenter", d)
    S = b.systems.append
    S(sys_("xa-zwfw", "兴安盟政务服务平台", "xa-sjj", C("xa-cloud"), level=3, important=True,
           launched="2022-09-01", internet="exchange-zone"))
    S(sys_("xa-dsj", "兴安盟一体化大数据平台", "xa-sjj", C("xa-cloud"), level=3, important=True,
           grade="important", launched="2023-03-01"))
    S(sys_("xa-12345", "兴安盟12345政务服务便民热线系统", "xa-sjj", C("xa-cloud"), level=3,
           launched="2021-05-01", internet="exchange-zone"))
    S(sys_("xa-xlgc", "兴安盟“雪亮工程”视频联网共享平台", "xa-gaj", D("xa-gaj-dc"), level=4,
           important=True, cii=True, grade="important", launched="2020-10-01", assessed="2026-05-20"))
    S(sys_("xa-qmjk", "兴安盟全民健康信息平台", "xa-wjw", C("xa-cloud"), level=3, important=True,
           launched="2022-04-01", assessed="2025-06-10"))
    inv.bad("system", "xa-qmjk", "XA-MLPS", "政务云上的三级系统等级测评过期(上次 2025-06-10)")
    inv.bad("system", "xa-qmjk", "NAT-MLPS-L3", "三级系统上次等级测评 2025-06-10，超过 12 个月")
    S(sys_("xa-jyzy", "兴安盟智慧教育云平台", "xa-jyj", C("xa-tyy"), level=2, launched="2023-08-01",
           internet="exchange-zone"))
    inv.ok("system", "xa-jyzy", "部署在公有云上，但非重要系统、一般数据")
    S(sys_("xa-xszz", "兴安盟学生资助管理系统", "xa-jyj", C("xa-tyy"), level=3, important=True,
           launched="2024-03-01"))
    inv.bad("system", "xa-xszz", "NM-PUBLIC-CLOUD", "重要信息系统部署在公有云 xa-tyy")
    S(sys_("xa-shbz", "兴安盟社会保障一体化信息系统", "xa-rsj", C("xa-cloud"), level=3, important=True,
           grade="important", launched="2021-11-01",
           crypto={"required": True, "last_evaluation": "2025-05-01", "result": "pass"}))
    inv.bad("system", "xa-shbz", "XA-CRYPTO", "政务云上的系统密评过期(上次 2025-05-01)")
    inv.bad("system", "xa-shbz", "NAT-CRYPTO-YEARLY", "三级系统密评超过一年(上次 2025-05-01)")
    S(sys_("xa-czyth", "兴安盟预算管理一体化系统", "xa-czj", C("xa-cloud"), level=3, important=True,
           launched="2022-01-01",
           crypto={"required": True, "last_evaluation": "2026-03-15", "result": "fail"}))
    inv.bad("system", "xa-czyth", "XA-CRYPTO", "密评结论不通过(2026-03-15；豁免 2026-10-18 到期)", waived=True)
    inv.bad("system", "xa-czyth", "NAT-CRYPTO-EVAL", "密评结论不通过(2026-03-15)")
    S(sys_("xa-bdc", "兴安盟不动产登记信息平台", "xa-zrj", C("xa-cloud"), level=3, important=True,
           launched="2020-07-01"))
    S(sys_("xa-hbjc", "兴安盟生态环境监测平台", "xa-sthj", C("xa-cloud"), level=2,
           launched="2024-05-01", mlps=False))
    inv.bad("system", "xa-hbjc", "XA-MLPS", "政务云上的系统未定级备案")
    S(sys_("xa-scjg", "兴安盟市场监管综合业务系统", "xa-scj", D("xa-dc1"), level=3,
           launched="2021-06-01", assessed="2025-07-01"))
    inv.bad("system", "xa-scjg", "NAT-MLPS-L3", "三级系统上次等级测评 2025-07-01，超过 12 个月(机房部署, 兴安盟政务云规则不适用)")
    S(sys_("xa-nmyw", "兴安盟智慧农牧业服务平台", "xa-nmj", D("xa-dc1"), level=2,
           launched="2025-03-01", filed="2025-05-20"))
    inv.bad("system", "xa-nmyw", "NAT-MLPS-FILING", "2025-03-01 上线，2025-05-20 才备案(超过 30 日)")
    inv.bad("system", "xa-nmyw", "NM-NEW-ON-CLOUD", "2025-03-01 新上线的系统部署在自建机房，未部署到政务云")
    S(sys_("xa-szda", "兴安盟数字档案管理系统", "xa-daj", C("xa-cloud"), level=2, launched="2023-12-01",
           result="fail"))
    inv.bad("system", "xa-szda", "XA-MLPS", "政务云上的系统等级测评结论为不符合(fail)")
    inv.bad("system", "xa-szda", "NAT-MLPS-RESULT", "等级测评结论为不符合(fail)")
    S(sys_("xa-ssfw", "兴安盟中级人民法院诉讼服务平台", "xa-zy", C("xa-cloud"), level=3,
           launched="2022-06-01", internet="exchange-zone"))
    S(sys_("xa-hlwyy", "兴安盟人民医院互联网医院平台", "xa-rmyy", C("xa-cloud"), level=3,
           grade="important", launched="2023-10-01", internet="exchange-zone"))
    inv.bad("unit", "xa-rmyy", "NAT-DATA-RISK", "有重要数据系统 xa-hlwyy，近 12 个月无数据安全风险评估(上次 2025-07-20)")
    S(sys_("xa-wlhtwg", "乌兰浩特市基层治理网格化平台", "xa-wlht", C("xa-cloud"), level=2,
           launched="2024-07-01"))
    S(sys_("xa-aesly", "阿尔山市智慧旅游服务平台", "xa-aes", C("xa-tyy"), level=2,
           launched="2023-06-01", internet="direct"))
    inv.ok("system", "xa-aesly", "直接与互联网交互；包头第四十条的安全交换区要求只适用于包头")
    S(sys_("xa-kyqqzw", "科尔沁右翼前旗政务服务综合平台", "xa-kyqq", C("xa-kyqq-cloud"), level=2,
           launched="2022-11-01"))
    S(sys_("xa-zltny", "扎赉特旗智慧农业平台", "xa-zlt", C("xa-cloud"), level=2, launched="2024-09-01",
           backup=False))
    inv.ok("system", "xa-zltny", "未启用备份；包头第三十条只适用于包头")
    S(sys_("xa-tqyj", "突泉县应急指挥平台", "xa-tq", D("xa-aes-jf"), level=2, launched=None))
    inv.ok("system", "xa-tqyj", "尚未上线(无 launched)")

    alerts = [("xa-sjj-0002", "2026-06-03T10:15:00+08:00", True, "弱口令告警, 已整改"),
              ("xa-gaj-0004", "2026-06-21T21:40:00+08:00", True, "木马外联告警, 已处置"),
              ("xa-wjw-0006", "2026-07-02T09:12:00+08:00", True, "病毒告警, 已隔离"),
              ("xa-wlht-0003", "2026-07-15T14:05:00+08:00", True, "挖矿行为告警, 已处置"),
              ("xa-wlht-0003", "2026-07-16T08:55:00+08:00", True, "挖矿行为告警, 已处置"),
              ("xa-kyqq-0002", "2026-08-04T11:30:00+08:00", True, "端口扫描告警"),
              ("xa-kyzq-0004", "2026-08-11T16:20:00+08:00", True, "病毒告警"),
              ("xa-zlt-0001", "2026-08-23T10:00:00+08:00", False, "非法外联告警"),
              ("xa-zlt-0001", "2026-08-24T10:30:00+08:00", False, "非法外联告警"),
              ("xa-zlt-0001", "2026-08-26T09:10:00+08:00", False, "非法外联告警"),
              ("xa-tq-0002", "2026-09-03T13:45:00+08:00", True, "病毒告警"),
              ("xa-rmyy-0005", "2026-09-09T08:20:00+08:00", True, "勒索病毒告警, 已隔离"),
              ("xa-aes-0003", "2026-09-15T19:02:00+08:00", False, "远程控制软件告警"),
              ("xa-czj-0001", "2026-09-22T10:40:00+08:00", True, "弱口令告警"),
              ("xa-nsh-0002", "2026-09-27T15:15:00+08:00", True, "钓鱼邮件告警")]
    notices = [("xa-zlt", "2025-12-08T10:00:00+08:00", "非法外联风险通知"),
               ("xa-zlt", "2026-04-14T10:00:00+08:00", "非法外联风险通知"),
               ("xa-zlt", "2026-09-01T10:00:00+08:00", "非法外联风险通知"),
               ("xa-wlht", "2026-07-20T09:00:00+08:00", "挖矿木马风险通知"),
               ("xa-rmyy", "2026-09-10T09:30:00+08:00", "勒索病毒风险通知"),
               ("xa-aes", "2026-09-16T11:00:00+08:00", "远程控制软件风险通知")]
    light_events(b, None, alerts, notices)
    b.events = [e for e in b.events if not (e["unit"] == "xa-tq-yac" and e["type"] == "drill")]
    inv.bad("unit", "xa-tq-yac", "XA-DRILL", "近 12 个月未开展应急演练")
    b.ev("risk-assessment", "xa-gaj", "2026-05-26T09:00:00+08:00", system="xa-xlgc",
         note="关键信息基础设施年度网络安全检测评估")
    inv.ok("unit", "xa-zlt", "同一 IP 一周内 3 次未处理告警、12 个月内 3 次风险通知；包头第四十三条、第四十五条只适用于包头")
    for sid, at in (("xa-dsj", "2026-04-22T09:00:00+08:00"), ("xa-xlgc", "2026-06-18T09:00:00+08:00"),
                    ("xa-shbz", "2026-05-12T14:00:00+08:00"), ("xa-hlwyy", "2025-07-20T10:00:00+08:00")):
        s = [x for x in b.systems if x["id"] == sid][0]
        b.ev("data-risk-assessment", s["unit"], at, system=sid, note="数据安全风险评估")

    write_common(inv, b, clouds, dcs, exits, {"units": "兴安盟电子政务外网接入单位 (units)", "short": "兴安盟"})
    inv.write("inventory.yaml", HEADER +
              "# 兴安盟电子政务外网和政务云台账 — 样例 (sample inventory of Xing'an League)\n"
              "inventory:\n"
              "  name: 兴安盟电子政务外网和政务云台账(样例)\n"
              "  region: \"152200\"\n"
              "  level: city\n"
              "  as_of: 2026-09-30\n")
    plan_tasks(inv, nm_city_tasks(inv, "xa", overdue_high=45, overdue_low=26), HEADER,
               "内政数字〔2024〕189号 任务进展 (plan progress)")
    waivers = [
        {"rule": "NM-PUE", "target": "datacenter/xa-gaj-dc",
         "reason": "公安局机房节能改造已立项, 2027 年上半年完成后迁入兴安盟云计算中心",
         "approved_by": "斯琴", "approval": "兴数函〔2026〕5号", "expires": "2027-06-30",
         "comment": "有效豁免 (valid until 2027-06-30)"},
        {"rule": "NM-CLOUD-ASSESS", "target": "cloud/xa-kyqq-cloud",
         "reason": "旗级政务云节点并入盟级政务云前暂缓评估", "approved_by": "斯琴",
         "approval": "兴数函〔2025〕31号", "expires": "2026-07-31",
         "comment": "已过期的豁免 (expired 2026-07-31)"},
        {"rule": "XA-CRYPTO", "target": "system/xa-czyth",
         "reason": "密评整改(国密改造)实施中, 复评已预约", "approved_by": "张建华",
         "approval": "兴数函〔2026〕12号", "expires": "2026-10-18",
         "comment": "基准日后 18 天内到期 (expires within 30 days of as-of)"},
    ]
    write_waivers(inv, waivers, HEADER, "豁免 (waivers)")
    write_readme(inv, "兴安盟电子政务外网和政务云台账(样例)",
                 "Sample inventory of Xing'an League (兴安盟, 152200): national, Inner Mongolia (189号, 2015 cloud plan) and Xing'an rules apply; Baotou rules do not.",
                 "兴安盟(盟, 行政区划代码 152200)电子政务外网接入单位、终端、信息系统、政务云、机房、互联网出口、事件、"
                 "内政数字〔2024〕189号任务进展与豁免的样例台账。适用国家规则、自治区规则(189号方案、2015 云计算行动方案)"
                 "和兴安盟数字政府实施方案的规则; 包头市办法的规则不适用, 所以台账里有些包头会报告的情形(VPN 接入、ToDesk、"
                 "未处理告警)在这里是合规的。",
                 [("inventory.yaml", "台账头"), ("units.yaml", "接入单位"), ("terminals/<unit>.yaml", "各单位终端"),
                  ("systems.yaml", "信息系统"), ("clouds.yaml", "政务云"), ("datacenters.yaml", "机房"),
                  ("exits.yaml", "互联网出口"), ("events.yaml", "事件"), ("tasks.yaml", "189号任务进展"),
                  ("waivers.yaml", "豁免")],
                 "- `NM-PUE` → `datacenter/xa-gaj-dc`: 有效至 2027-06-30, 报告为 waived。\n"
                 "- `NM-CLOUD-ASSESS` → `cloud/xa-kyqq-cloud`: 2026-07-31 已过期, 仍为 open。\n"
                 "- `XA-CRYPTO` → `system/xa-czyth`: 2026-10-18 到期(基准日后 18 天), 目前 waived; 同一系统的 `NAT-CRYPTO-EVAL` 未豁免。",
                 "- 兴安盟的政务云要求异地灾备(`XA-CLOUD-DR`: remote 或两地三中心), 自治区要求两地三中心(`NM-CLOUD-DR`); "
                 "`xa-kyqq-cloud` 只有同城灾备, 两条都违反。\n"
                 "- `NAT-DATA-RISK` 的对象是单位; 计划逾期的规则编号为 `PLAN-DEADLINE`, 对象为 `task/nm-2024-189/<no>`。\n"
                 "- 豁免本身的问题(`WAIVER-EXPIRED`、`WAIVER-EXPIRING`)的对象是 `waiver/<规则>@<类型>/<编号>`, 标注写在该豁免的 `- rule:` 行上。")
    return inv


def build_henan():
    inv = Inv("henan")
    b = Builder(inv, 410000, False, "10.41", "hn-unified")
    U = b.unit
    U("hn-zwj", "河南省行政审批和政务信息管理局", "province", region="410000", n_term=9, admins=3)
    U("hn-gat", "河南省公安厅", "province", region="410000", n_term=7, admins=2)
    U("hn-wjw", "河南省卫生健康委员会", "province", region="410000", n_term=7)
    U("hn-jyt", "河南省教育厅", "province", region="410000", n_term=6)
    U("hn-rst", "河南省人力资源和社会保障厅", "province", region="410000", n_term=6)
    U("hn-czt", "河南省财政厅", "province", region="410000", n_term=6)
    U("hn-zrt", "河南省自然资源厅", "province", region="410000", n_term=6)
    U("hn-scj", "河南省市场监督管理局", "province", region="410000", n_term=6)
    U("hn-gy", "河南省高级人民法院", "province", kind="court", region="410000", n_term=5)
    U("hn-rmyy", "河南省人民医院", "province", kind="hospital", region="410100", n_term=6,
      wireless_aps=4)
    U("hn-tzjt", "河南投资集团有限公司", "province", kind="soe", region="410100", method="vpn", n_term=4)
    U("hn-zzdsj", "郑州市大数据管理局", "city", region="410100", n_term=8, admins=2,
      exits=["hn-zz-unified"])
    U("hn-zzgaj", "郑州市公安局", "city", region="410100", n_term=6, exits=["hn-zz-unified"])
    U("hn-zzjs", "郑州市金水区人民政府", "county", region="410105", n_term=6, exits=["hn-zz-unified"])
    U("hn-xzlh", "新郑市龙湖镇人民政府", "township", region="410184", n_term=3, exits=["hn-zz-unified"])
    U("hn-zzyz", "郑州市第一中学", "city", kind="school", region="410100", method="zero-trust", n_term=4,
      exits=["hn-zz-unified"])
    U("hn-zyyh", "中原银行股份有限公司", "province", kind="bank", region="410100", method="zero-trust",
      n_term=4)
    U("hn-kfdsj", "开封市政务服务和大数据管理局", "city", region="410200", n_term=6)
    U("hn-lydsj", "洛阳市政务服务和大数据管理局", "city", region="410300", n_term=7)
    U("hn-lywjw", "洛阳市卫生健康委员会", "city", region="410300", n_term=6, exits=["hn-ly-exit"])
    U("hn-ysq", "洛阳市偃师区人民政府", "county", region="410307", n_term=5)
    U("hn-pdsdsj", "平顶山市政务服务和大数据管理局", "city", region="410400", n_term=5)
    U("hn-aydsj", "安阳市政务服务和大数据管理局", "city", region="410500", n_term=5)
    U("hn-xxdsj", "新乡市政务服务和大数据管理局", "city", region="410700", n_term=5)
    U("hn-jzdsj", "焦作市政务服务和大数据管理局", "city", region="410800", n_term=5)
    U("hn-xcdsj", "许昌市政务服务和大数据管理局", "city", region="411000", n_term=5)
    U("hn-nydsj", "南阳市政务服务和大数据管理局", "city", region="411300", n_term=6)
    U("hn-nywl", "南阳市卧龙区人民政府", "county", region="411303", n_term=5)
    U("hn-xydsj", "信阳市政务服务和大数据管理局", "city", region="411500", n_term=6)
    U("hn-xysh", "信阳市浉河区人民政府", "county", region="411502", n_term=5)
    U("hn-xysh-cys", "信阳市浉河区董家河镇车云山村村民委员会", "village", region="411502", n_term=2,
      method="mobile")
    inv.ok("unit", "hn-rmyy", "有 4 台无线 AP；包头第十八条只适用于包头")
    b.make_terminals()
    t = b.t
    t("hn-rmyy-0004")["software"] = ["WPS Office", "360安全卫士", "向日葵"]
    inv.ok("terminal", "hn-rmyy-0004", "装有向日葵；包头第四十二条（八）只适用于包头，河南不报告")

    clouds = [
        {"id": "hn-cloud", "name": "河南省政务云(省级平台)", "region": "410000", "kind": "government",
         "mlps": {"level": 3, "filed": "2019-06-01", "last_assessment": "2026-04-20", "result": "pass"},
         "crypto": {"required": True, "last_evaluation": "2026-03-10", "result": "pass"},
         "security_assessment": "2026-02-01", "dr": "two-sites-three-centers"},
        {"id": "hn-zz-cloud", "name": "郑州市政务云节点", "region": "410100", "kind": "government",
         "mlps": {"level": 3, "filed": "2020-05-01", "last_assessment": "2026-05-28", "result": "pass"},
         "crypto": {"required": True, "last_evaluation": "2026-06-02", "result": "basic-pass"},
         "dr": "two-sites-three-centers"},
        {"id": "hn-ly-cloud", "name": "洛阳市政务云节点", "region": "410300", "kind": "government",
         "mlps": {"level": 3, "filed": "2021-03-01", "last_assessment": "2026-03-30", "result": "pass"},
         "crypto": {"required": True, "last_evaluation": "2026-04-15", "result": "pass"},
         "security_assessment": "2025-12-20", "dr": "remote"},
        {"id": "hn-xy-cloud", "name": "信阳市政务云节点", "region": "411500", "kind": "government",
         "mlps": {"level": 2, "filed": "2022-08-01", "last_assessment": "2026-01-18", "result": "pass"},
         "security_assessment": "2026-01-05", "dr": "two-sites-three-centers"},
        {"id": "hn-zyyh-cloud", "name": "中原银行私有云", "region": "410100", "kind": "private",
         "mlps": {"level": 3, "filed": "2020-01-10", "last_assessment": "2025-06-30", "result": "pass"},
         "crypto": {"required": True, "last_evaluation": "2026-05-30", "result": "pass"},
         "security_assessment": "2025-12-28", "dr": "same-city"},
    ]
    inv.bad("cloud", "hn-ly-cloud", "HN-CLOUD-DR", "政务云灾备为 remote，未形成两地三中心(豁免 2026-10-20 到期)", waived=True)
    inv.bad("cloud", "hn-xy-cloud", "HN-MLPS-CLOUD", "政务云按等保二级建设，要求不低于三级(豁免已于 2026-06-30 过期)")
    inv.ok("cloud", "hn-zyyh-cloud", "同城灾备；两地三中心要求只针对政务云")
    inv.bad("cloud", "hn-zyyh-cloud", "NAT-MLPS-CLOUD", "三级云平台上次等级测评 2025-06-30，超过 12 个月")
    inv.bad("cloud", "hn-zz-cloud", "HN-CLOUD-ASSESS", "政务云无云计算服务安全评估记录")
    dcs = [
        {"id": "hn-gat-dc", "name": "河南省公安厅数据中心", "region": "410100", "pue": "1.45", "built": "2017-04-01"},
        {"id": "hn-rmyy-dc", "name": "河南省人民医院信息中心机房", "region": "410100", "pue": "1.62",
         "built": "2013-11-01"},
        {"id": "hn-ny-jf", "name": "南阳市政务服务和大数据管理局机房", "region": "411300", "pue": "1.48",
         "built": "2016-06-01"},
        {"id": "hn-kf-jf", "name": "开封市政务服务和大数据管理局机房", "region": "410200", "pue": "1.57",
         "built": "2015-03-01"},
    ]
    inv.ok("datacenter", "hn-rmyy-dc", "PUE 1.62；PUE<1.5 是内蒙古的要求，河南不报告")
    exits = [
        {"id": "hn-unified", "name": "河南省电子政务外网统一互联网出口", "region": "410000", "kind": "unified"},
        {"id": "hn-zz-unified", "name": "郑州市电子政务外网统一互联网出口", "region": "410100", "kind": "unified"},
        {"id": "hn-ly-exit", "name": "洛阳市卫生健康委员会自建互联网出口", "region": "410300",
         "kind": "independent"},
    ]
    inv.bad("exit", "hn-ly-exit", "HN-EXIT-UNIFIED", "独立互联网出口，未纳入省市县三级统一管控(有效豁免至 2027-03-31)", waived=True)

    C = lambda c: ("cloud", c)
    D = lambda d: ("datacenter", d)
    S = b.systems.append
    S(sys_("hn-zwfw", "河南政务服务网", "hn-zwj", C("hn-cloud"), level=3, important=True,
           launched="2019-10-01", internet="exchange-zone"))
    S(sys_("hn-ysb", "“豫事办”移动政务服务平台", "hn-zwj", C("hn-cloud"), level=3, important=True,
           grade="important", launched="2020-04-01", internet="exchange-zone"))
    S(sys_("hn-sjgx", "河南省政务数据共享交换平台", "hn-zwj", C("hn-cloud"), level=3, important=True,
           grade="important", launched="2019-12-01"))
    S(sys_("hn-xlgc", "河南省公共安全视频图像信息共享平台", "hn-gat", D("hn-gat-dc"), level=4,
           important=True, cii=True, grade="core", launched="2018-09-01", assessed="2026-01-15"))
    inv.bad("system", "hn-xlgc", "NAT-MLPS-L4", "四级系统上次等级测评 2026-01-15，超过 6 个月")
    inv.bad("system", "hn-xlgc", "NAT-CII-RISK", "关键信息基础设施近 12 个月无网络安全风险评估(上次 2025-08-20)")
    inv.bad("system", "hn-xlgc", "HN-CLOUD-HOSTING", "部署在公安厅自建数据中心，未上政务云")
    S(sys_("hn-qmjk", "河南省全民健康信息平台", "hn-wjw", C("hn-cloud"), level=3, important=True,
           grade="important", launched="2021-05-01"))
    S(sys_("hn-jyzy", "河南省教育资源公共服务平台", "hn-jyt", C("hn-cloud"), level=1,
           launched="2022-02-01", internet="exchange-zone"))
    inv.bad("system", "hn-jyzy", "HN-MLPS-SYSTEM", "一般政务信息系统定为等保一级，要求不低于二级")
    S(sys_("hn-shbz", "河南省社会保障卡一卡通服务平台", "hn-rst", C("hn-cloud"), level=2,
           important=True, launched="2022-07-01"))
    inv.bad("system", "hn-shbz", "HN-MLPS-SYSTEM", "重要政务信息系统定为等保二级，要求不低于三级")
    S(sys_("hn-ysyth", "河南省预算管理一体化系统", "hn-czt", C("hn-cloud"), level=3, important=True,
           launched="2021-01-01", changed="2026-02-01",
           crypto={"required": True, "last_evaluation": "2025-08-01", "result": "pass"}))
    inv.bad("system", "hn-ysyth", "NAT-CRYPTO-YEARLY", "三级系统上次密评 2025-08-01，超过 12 个月")
    S(sys_("hn-bdc", "河南省不动产登记信息平台", "hn-zrt", C("hn-cloud"), level=3, important=True,
           launched="2020-08-01", assessed="2025-07-15"))
    inv.bad("system", "hn-bdc", "NAT-MLPS-L3", "三级系统上次等级测评 2025-07-15，超过 12 个月")
    S(sys_("hn-scjg", "河南省市场监管一体化平台", "hn-scj", C("hn-cloud"), level=2, launched="2022-11-01",
           result="fail"))
    inv.bad("system", "hn-scjg", "NAT-MLPS-RESULT", "等级测评结论为不符合(fail)")
    S(sys_("hn-ssfw", "河南法院诉讼服务平台", "hn-gy", C("hn-cloud"), level=3, launched="2020-06-01",
           internet="exchange-zone"))
    S(sys_("hn-hlwyy", "河南省人民医院互联网医院平台", "hn-rmyy", D("hn-rmyy-dc"), level=3,
           launched="2021-03-01", internet="direct"))
    inv.ok("system", "hn-hlwyy", "直接与互联网交互；包头第四十条只适用于包头")
    inv.bad("system", "hn-hlwyy", "HN-CLOUD-HOSTING", "部署在医院自建机房，未上政务云")
    S(sys_("hn-zzcsdn", "郑州城市大脑", "hn-zzdsj", C("hn-zz-cloud"), level=3, important=True,
           launched="2025-02-01", filed="2025-04-10"))
    inv.bad("system", "hn-zzcsdn", "NAT-MLPS-FILING", "2025-02-01 上线，2025-04-10 才备案(超过 30 日)")
    S(sys_("hn-zzjj", "郑州市交通管理综合应用平台", "hn-zzgaj", C("hn-zz-cloud"), level=3,
           important=True, launched="2023-04-01", crypto={"required": True}))
    inv.bad("system", "hn-zzjj", "NAT-CRYPTO-EVAL", "三级系统需密评但未开展")
    S(sys_("hn-jswg", "金水区网格化治理平台", "hn-zzjs", C("hn-zz-cloud"), level=2, launched="2024-01-01"))
    S(sys_("hn-lyzw", "洛阳市政务服务平台", "hn-lydsj", C("hn-ly-cloud"), level=3, important=True,
           launched="2020-12-01", internet="exchange-zone"))
    S(sys_("hn-lyjk", "洛阳市智慧医疗健康平台", "hn-lywjw", C("hn-ly-cloud"), level=3,
           grade="important", launched="2022-05-01"))
    inv.bad("unit", "hn-lywjw", "NAT-DATA-RISK", "有重要数据系统 hn-lyjk，近 12 个月无数据安全风险评估(上次 2025-06-18)")
    S(sys_("hn-xyzw", "信阳市一体化政务服务平台", "hn-xydsj", C("hn-xy-cloud"), level=2,
           launched="2022-03-01"))
    S(sys_("hn-zyzf", "中原银行政务代收付系统", "hn-zyyh", C("hn-zyyh-cloud"), level=3,
           launched="2021-09-01"))
    inv.bad("system", "hn-zyzf", "HN-CLOUD-HOSTING", "部署在银行私有云，未上政务云")
    S(sys_("hn-nyzw", "南阳市一体化政务服务平台", "hn-nydsj", D("hn-ny-jf"), level=2, launched="2021-07-01"))
    inv.bad("system", "hn-nyzw", "HN-CLOUD-HOSTING", "部署在自建机房，未上政务云")
    S(sys_("hn-kfzw", "开封市政务服务平台", "hn-kfdsj", D("hn-kf-jf"), level=2, launched="2020-10-01"))
    inv.bad("system", "hn-kfzw", "HN-CLOUD-HOSTING", "部署在自建机房，未上政务云")
    gov = sum(1 for s in b.systems if s["hosting"][0] == "cloud" and s["hosting"][1] in
              ("hn-cloud", "hn-zz-cloud", "hn-ly-cloud", "hn-xy-cloud"))
    share = "%d/%d = %.1f%%" % (gov, len(b.systems), 100.0 * gov / len(b.systems))
    inv.bad("inventory", "inventory", "HN-CLOUD-SHARE", "政务云承载的系统占比 %s，低于 80%%" % share)

    alerts = [("hn-zwj-0003", "2026-06-05T10:20:00+08:00", True, "弱口令告警, 已整改"),
              ("hn-gat-0002", "2026-06-18T23:10:00+08:00", True, "暴力破解告警, 已封禁源地址"),
              ("hn-wjw-0005", "2026-07-01T09:30:00+08:00", True, "病毒告警, 已隔离"),
              ("hn-zzdsj-0004", "2026-07-09T15:45:00+08:00", True, "木马外联告警, 已处置"),
              ("hn-zzjs-0002", "2026-07-22T11:00:00+08:00", False, "端口扫描告警"),
              ("hn-lydsj-0006", "2026-08-02T10:10:00+08:00", True, "挖矿行为告警"),
              ("hn-lywjw-0001", "2026-08-12T14:25:00+08:00", False, "非法外联告警"),
              ("hn-lywjw-0001", "2026-08-13T09:40:00+08:00", False, "非法外联告警"),
              ("hn-lywjw-0001", "2026-08-15T16:05:00+08:00", False, "非法外联告警"),
              ("hn-nydsj-0003", "2026-08-28T08:50:00+08:00", True, "病毒告警"),
              ("hn-xydsj-0002", "2026-09-04T13:15:00+08:00", True, "钓鱼邮件告警"),
              ("hn-rmyy-0004", "2026-09-11T20:30:00+08:00", False, "远程控制软件告警"),
              ("hn-xcdsj-0001", "2026-09-19T10:00:00+08:00", True, "弱口令告警"),
              ("hn-kfdsj-0005", "2026-09-24T15:35:00+08:00", True, "病毒告警"),
              ("hn-zyyh-0002", "2026-09-28T09:05:00+08:00", True, "钓鱼邮件告警")]
    notices = [("hn-lywjw", "2025-11-20T10:00:00+08:00", "非法外联风险通知"),
               ("hn-lywjw", "2026-03-12T10:00:00+08:00", "非法外联风险通知"),
               ("hn-lywjw", "2026-08-20T10:00:00+08:00", "非法外联风险通知"),
               ("hn-zzjs", "2026-07-25T09:00:00+08:00", "高危端口暴露风险通知"),
               ("hn-rmyy", "2026-09-12T09:30:00+08:00", "远程控制软件风险通知")]
    light_events(b, None, alerts, notices)
    b.ev("risk-assessment", "hn-gat", "2025-08-20T09:00:00+08:00", system="hn-xlgc",
         note="关键信息基础设施网络安全检测评估(12 个月之前, 不计入)")
    inv.ok("unit", "hn-lywjw", "同一 IP 一周内 3 次未处理告警、12 个月内 3 次风险通知；包头规则不适用于河南")
    for sid, at in (("hn-ysb", "2026-04-08T09:00:00+08:00"), ("hn-sjgx", "2026-05-14T09:00:00+08:00"),
                    ("hn-xlgc", "2026-06-09T09:30:00+08:00"), ("hn-qmjk", "2026-03-19T14:00:00+08:00"),
                    ("hn-lyjk", "2025-06-18T10:00:00+08:00")):
        s = [x for x in b.systems if x["id"] == sid][0]
        b.ev("data-risk-assessment", s["unit"], at, system=sid, note="数据安全风险评估")

    write_common(inv, b, clouds, dcs, exits, {"units": "河南省电子政务外网接入单位 (units)", "short": "河南省"})
    inv.write("inventory.yaml", HEADER +
              "# 河南省电子政务外网和政务云台账 — 样例 (sample inventory of Henan province)\n"
              "# 省级台账: 接入单位分属郑州、开封、洛阳、平顶山、安阳、新乡、焦作、许昌、南阳、信阳等市,\n"
              "# 每个单位写自己的 region; 终端、系统、事件继承所属单位的 region。\n"
              "inventory:%s\n"
              "  name: 河南省电子政务外网和政务云台账(样例)\n"
              "  region: \"410000\"\n"
              "  level: province\n"
              "  as_of: 2026-09-30\n" % inv.mark("inventory", "inventory"))
    waivers = [
        {"rule": "HN-EXIT-UNIFIED", "target": "exit/hn-ly-exit",
         "reason": "洛阳市卫健委互联网出口并入全省统一出口的割接计划已批复, 过渡期保留",
         "approved_by": "李振华", "approval": "豫政务信息函〔2026〕18号", "expires": "2027-03-31",
         "comment": "有效豁免 (valid until 2027-03-31)"},
        {"rule": "HN-MLPS-CLOUD", "target": "cloud/hn-xy-cloud",
         "reason": "信阳市政务云节点按三级要求改造, 改造期间暂按二级运行", "approved_by": "李振华",
         "approval": "豫政务信息函〔2025〕42号", "expires": "2026-06-30",
         "comment": "已过期的豁免 (expired 2026-06-30)"},
        {"rule": "HN-CLOUD-DR", "target": "cloud/hn-ly-cloud",
         "reason": "郑洛协同容灾备份试点建设中, 完成后形成两地三中心", "approved_by": "王海燕",
         "approval": "豫政务信息函〔2026〕7号", "expires": "2026-10-20",
         "comment": "基准日后 20 天内到期 (expires within 30 days of as-of)"},
    ]
    write_waivers(inv, waivers, HEADER, "豁免 (waivers)")
    write_readme(inv, "河南省电子政务外网和政务云台账(样例)",
                 "Sample province-level inventory of Henan (河南, 410000) with units in many cities, each with its own region code; national and Henan rules apply, Inner Mongolia and Baotou rules do not.",
                 "河南省(省级, 行政区划代码 410000)电子政务外网和政务云样例台账。接入单位分布在郑州(410100)、开封(410200)、"
                 "洛阳(410300)、平顶山、安阳、新乡、焦作、许昌、南阳(411300)、信阳(411500)等市, 每个单位写自己的 `region`, "
                 "终端、系统和事件继承所属单位的区划。适用国家规则和《河南省数字政府建设》相关规则; 内蒙古和包头的规则不适用"
                 "(例如 PUE 1.62 的机房、装有向日葵的终端在这里不报告)。河南不在 189 号方案范围内, 所以没有 `tasks:`。",
                 [("inventory.yaml", "台账头"), ("units.yaml", "接入单位"), ("terminals/<unit>.yaml", "各单位终端"),
                  ("systems.yaml", "信息系统"), ("clouds.yaml", "政务云"), ("datacenters.yaml", "机房"),
                  ("exits.yaml", "互联网出口"), ("events.yaml", "事件"), ("waivers.yaml", "豁免")],
                 "- `HN-EXIT-UNIFIED` → `exit/hn-ly-exit`: 有效至 2027-03-31, 报告为 waived。\n"
                 "- `HN-MLPS-CLOUD` → `cloud/hn-xy-cloud`: 2026-06-30 已过期, 仍为 open。\n"
                 "- `HN-CLOUD-DR` → `cloud/hn-ly-cloud`: 2026-10-20 到期(基准日后 20 天), 目前 waived。",
                 "- `HN-CLOUD-SHARE` 是全台账规则, 对象为 `inventory/inventory`, 标注在 `inventory.yaml` 的 `inventory:` 行。\n"
                 "- 只统计 `kind: government` 的云; 中原银行私有云与自建机房上的系统不计入政务云, 它们各自还有一条 `HN-CLOUD-HOSTING`。\n"
                 "- `HN-DRILL`(省、市两级每年至少组织一次应急演练)是全台账规则, 本台账合规; 违规情形见市级样例 `examples/zhoukou`。\n"
                 "- `NAT-DATA-RISK` 的对象是单位(单位有重要/核心数据系统时, 12 个月内要有数据安全风险评估)。")
    return inv


def build_zhoukou():
    """A small Henan city inventory: the one place HN-DRILL (省、市两级每年至少分别组织一次
    实战型安全应急演练) fires, since the rule looks at province and city inventories and the
    province example holds drills.  Everything else is compliant."""
    inv = Inv("zhoukou")
    b = Builder(inv, 411600, False, "10.46", "zk-unified")
    U = b.unit
    U("zk-sjj", "周口市政务服务和大数据管理局", "city", region="411600", n_term=5, admins=2)
    U("zk-gaj", "周口市公安局", "city", n_term=4)
    U("zk-wjw", "周口市卫生健康委员会", "city", n_term=4)
    U("zk-cq", "周口市川汇区人民政府", "county", region="411602", n_term=3)
    U("zk-xy", "西华县人民政府", "county", region="411622", n_term=3, method="zero-trust")
    b.make_terminals()
    clouds = [
        {"id": "zk-cloud", "name": "周口市政务云节点", "kind": "government",
         "mlps": {"level": 3, "filed": "2021-06-01", "last_assessment": "2026-05-12", "result": "pass"},
         "crypto": {"required": True, "last_evaluation": "2026-04-20", "result": "pass"},
         "security_assessment": "2026-01-20", "dr": "two-sites-three-centers"},
    ]
    exits = [{"id": "zk-unified", "name": "周口市电子政务外网统一互联网出口", "kind": "unified"}]
    C = lambda c: ("cloud", c)
    S = b.systems.append
    S(sys_("zk-zwfw", "周口市一体化政务服务平台", "zk-sjj", C("zk-cloud"), level=3, important=True,
           launched="2021-09-01", internet="exchange-zone"))
    S(sys_("zk-oa", "周口市协同办公系统", "zk-sjj", C("zk-cloud"), level=2, launched="2022-03-01"))
    S(sys_("zk-jj", "周口市交通管理综合应用平台", "zk-gaj", C("zk-cloud"), level=3, important=True,
           launched="2023-05-01"))
    S(sys_("zk-cqwg", "川汇区网格化治理平台", "zk-cq", C("zk-cloud"), level=2, launched="2024-04-01"))
    # risk assessments within the year, drills only before it
    for k, u in enumerate(b.units):
        b.ev("risk-assessment", u["id"], "2026-%02d-%02dT09:30:00+08:00" % (3 + k, 5 + k * 3),
             note="网络安全风险评估")
        b.ev("drill", u["id"], "2025-%02d-%02dT15:00:00+08:00" % (4 + k, 10 + k * 2),
             note="网络安全应急演练(12 个月之前)")
    b.ev("drill", "zk-sjj", "2025-09-30T00:00:00+08:00",
         note="全市应急演练, 恰在基准日 12 个月之前(不计入)")
    for tid, at in (("zk-sjj-0002", "2026-07-14T10:20:00+08:00"), ("zk-wjw-0003", "2026-09-02T15:40:00+08:00")):
        tt = b.t(tid)
        b.ev("alert", tt["unit"], at, ip=tt["ip"], handled=True, note="病毒告警, 已处置")
    inv.bad("inventory", "inventory", "HN-DRILL",
            "近 12 个月全市未组织应急演练(最近一次 2025-09-30, 恰好 12 个月之前, 不计入)")

    H = HEADER
    b.write_units("units.yaml", H, "周口市电子政务外网接入单位 (units)")
    b.write_terminals_per_unit(HEADER2, "周口市")
    b.write_systems("systems.yaml", H, "信息系统 (systems)")
    out = H + "# 政务云 (clouds)\nclouds:\n"
    for c in clouds:
        out += emit_cloud(inv, c)
    inv.write("clouds.yaml", out)
    out = H + "# 互联网出口 (internet exits)\nexits:\n"
    for e in exits:
        out += emit_exit(inv, e)
    inv.write("exits.yaml", out)
    write_events(inv, b.events, "events.yaml", H, "告警、风险评估、应急演练 (events)")
    inv.write("inventory.yaml", H +
              "# 周口市电子政务外网台账 — 样例 (sample city inventory in Henan)\n"
              "inventory:%s\n"
              "  name: 周口市电子政务外网台账(样例)\n"
              "  region: \"411600\"\n"
              "  level: city\n"
              "  as_of: 2026-09-30\n" % inv.mark("inventory", "inventory"))
    write_readme(inv, "周口市电子政务外网台账(样例)",
                 "Small sample city inventory of Zhoukou (周口, 411600) in Henan: compliant except that the city held no emergency drill in the 12 months before as-of (HN-DRILL).",
                 "周口市(地级市, 行政区划代码 411600)电子政务外网的小型样例台账。适用国家规则和河南规则; "
                 "除“省、市两级每年至少分别组织一次实战型安全应急演练”(`HN-DRILL`)外全部合规。"
                 "`HN-DRILL` 只看省级和市级台账, 而省级样例 `examples/henan` 有演练记录, 所以单独用这个市级台账演示。",
                 [("inventory.yaml", "台账头"), ("units.yaml", "接入单位"), ("terminals/<unit>.yaml", "各单位终端"),
                  ("systems.yaml", "信息系统"), ("clouds.yaml", "政务云"), ("exits.yaml", "互联网出口"),
                  ("events.yaml", "事件")],
                 "无 (none)。",
                 "- `HN-DRILL` 是全台账规则, 对象为 `inventory/inventory`, 标注在 `inventory.yaml` 的 `inventory:` 行; "
                 "报告位置指向最近一次演练(2025-09-30, 恰好在基准日 12 个月之前, 按“近 12 个月”不计入)。\n"
                 "- 河南不在内政数字〔2024〕189号方案范围内, 所以没有 `tasks:`。")
    return inv


# BUILDERS


if __name__ == "__main__":
    for build in (build_baotou, build_xingan, build_henan, build_zhoukou):
        inv = build()
        inv.flush()
        print("wrote examples/%s (%d files, %d planted violations)" % (
            inv.key, len(inv.files), sum(len(v) for v in inv.bad_marks.values())))
