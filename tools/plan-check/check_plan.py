#!/usr/bin/env python3
"""Check plans/nm-2024-189.yaml against the seed text it was transcribed from.

Usage: check_plan.py [PLAN_YAML] [SEED_TXT]
  defaults: plans/nm-2024-189.yaml (relative to the repo root) and
            /work/shared/seeds/000_fa232ac276ffc542.txt

Checks (each mismatch is printed as "FAIL: ..."; exit status 1 if any):
  1. exactly 64 tasks numbered 1..64 in order, each with all fields;
     type in {required, as-needed}; due == <last year in due_text>-12-31;
     levels == the levels derived from `responsible` (rule below).
  2. the seed's table region (from the table heading line to the end of the
     file) is grepped for completion cells: the regex
     (要求|按需)\\s*(\\d{4})年 ; the counts by type, by year and by
     (type, year) must equal the counts in the YAML, and the total must be 64.
     Every `\\d{4}年` in the table region must belong to such a cell.
     The sequence of cells in seed order must equal the sequence of
     (type, due_text) of tasks 1..64 (rows appear in the seed in table order).
  3. with all whitespace removed from both sides, every sub_task, every
     main_task and every responsible cell ("、".join(responsible)) must occur
     in the seed's table region, and the sub_tasks must occur in task order
     (each found after the previous one).
  4. row check: for every task the whitespace-free concatenation
     sub_task + "、".join(responsible) + 要求|按需 + due_text must occur in the
     table region (a table row reads sub-task, responsible, type, year), and
     what precedes it must end with 年 (the previous row's year cell), a digit
     (序号) or the task's own main_task -- so a sub_task cut short at either
     end, or a row given another row's units/type/year, is caught.

Level rule: a responsible name starting with 自治区 or 内蒙古自治区 -> province;
starting with 各盟市 or 盟市 -> city; containing 旗县 -> county; any other
name (e.g. 相关单位) adds no level. Levels are listed province, city, county.
"""
import collections
import datetime
import os
import re
import sys

import yaml

EXPECTED_TASKS = 64
TABLE_HEADING = "内蒙古自治区电子政务外网和政务云支撑能力优化提升行动方案任务清单"
FIELDS = ["no", "main_task", "sub_task", "responsible", "type", "due",
          "due_text", "levels"]
TYPE_OF_CELL = {"要求": "required", "按需": "as-needed"}
LEVEL_ORDER = ["province", "city", "county"]


class Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 yes/no/on/off booleans (so `no:` stays a key
    named "no"); true/false are still booleans."""


Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def derive_levels(names):
    levels = set()
    for name in names:
        if name.startswith(("内蒙古自治区", "自治区")):
            levels.add("province")
        elif name.startswith(("各盟市", "盟市")):
            levels.add("city")
        elif "旗县" in name:
            levels.add("county")
    return [lv for lv in LEVEL_ORDER if lv in levels]


def strip_ws(s):
    return re.sub(r"\s+", "", s)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    plan_path = argv[1] if len(argv) > 1 else os.path.join(root, "plans", "nm-2024-189.yaml")
    seed_path = argv[2] if len(argv) > 2 else "/work/shared/seeds/000_fa232ac276ffc542.txt"

    failures = []

    def fail(msg):
        failures.append(msg)
        print("FAIL:", msg)

    with open(plan_path, encoding="utf-8") as f:
        plan = yaml.load(f, Loader=Loader)
    with open(seed_path, encoding="utf-8") as f:
        seed = f.read()

    # --- table region of the seed ---------------------------------------
    lines = seed.splitlines()
    starts = [i for i, ln in enumerate(lines) if ln.strip() == TABLE_HEADING]
    if len(starts) != 1:
        fail(f"table heading line found {len(starts)} times in seed (want 1)")
        table = seed
    else:
        table = "\n".join(lines[starts[0]:])
    table_flat = strip_ws(table)

    # --- 1. structure ---------------------------------------------------
    for key in ("id", "title", "document", "source", "tasks"):
        if key not in plan:
            fail(f"top-level key {key!r} missing")
    if strip_ws(plan.get("source", "")).removeprefix("附件") != TABLE_HEADING:
        fail(f"source {plan.get('source')!r} is not '附件 ' + the table heading")
    tasks = plan.get("tasks") or []
    if len(tasks) != EXPECTED_TASKS:
        fail(f"{len(tasks)} tasks (want {EXPECTED_TASKS})")
    nos = [t.get("no") for t in tasks]
    if nos != list(range(1, len(tasks) + 1)):
        fail(f"task numbers are not 1..{len(tasks)} in order: {nos}")

    for t in tasks:
        no = t.get("no")
        missing = [k for k in FIELDS if k not in t or t[k] in (None, "", [])]
        if missing:
            fail(f"task {no}: missing/empty fields {missing}")
            continue
        if t["type"] not in TYPE_OF_CELL.values():
            fail(f"task {no}: type {t['type']!r}")
        years = re.findall(r"\d{4}", str(t["due_text"]))
        due = t["due"]
        due = due.isoformat() if isinstance(due, datetime.date) else str(due)
        if not years or due != f"{years[-1]}-12-31":
            fail(f"task {no}: due {due} does not match due_text {t['due_text']!r}")
        if not isinstance(t["responsible"], list):
            fail(f"task {no}: responsible is not a list")
            continue
        if t["levels"] != derive_levels(t["responsible"]):
            fail(f"task {no}: levels {t['levels']} != derived {derive_levels(t['responsible'])}")

    # --- 2. counts of completion cells ------------------------------------
    cells = re.findall(r"(要求|按需)\s*(\d{4})年", table)
    seed_type = collections.Counter(TYPE_OF_CELL[c] for c, _ in cells)
    seed_year = collections.Counter(y + "年" for _, y in cells)
    seed_pair = collections.Counter((TYPE_OF_CELL[c], y + "年") for c, y in cells)
    all_years = re.findall(r"\d{4}年", table)
    if len(all_years) != len(cells):
        fail(f"table has {len(all_years)} 'NNNN年' but {len(cells)} type+year cells")
    if len(cells) != EXPECTED_TASKS:
        fail(f"seed table has {len(cells)} type+year cells (want {EXPECTED_TASKS})")

    plan_type = collections.Counter(t.get("type") for t in tasks)
    plan_year = collections.Counter(str(t.get("due_text")) for t in tasks)
    plan_pair = collections.Counter((t.get("type"), str(t.get("due_text"))) for t in tasks)
    plan_level = collections.Counter(lv for t in tasks for lv in (t.get("levels") or []))
    plan_levelset = collections.Counter("+".join(t.get("levels") or []) or "(none)" for t in tasks)

    print(f"tasks: {len(tasks)}")
    print("by type   (seed / plan):",
          ", ".join(f"{k} {seed_type[k]}/{plan_type[k]}" for k in sorted(set(seed_type) | set(plan_type), key=str)))
    print("by year   (seed / plan):",
          ", ".join(f"{k} {seed_year[k]}/{plan_year[k]}" for k in sorted(set(seed_year) | set(plan_year))))
    print("by type+year (seed / plan):",
          ", ".join(f"{a}@{b} {seed_pair[(a, b)]}/{plan_pair[(a, b)]}"
                    for a, b in sorted(set(seed_pair) | set(plan_pair), key=str)))
    print("by level (tasks applying):", ", ".join(f"{lv} {plan_level[lv]}" for lv in LEVEL_ORDER))
    print("by level set:", ", ".join(f"{k} {v}" for k, v in sorted(plan_levelset.items())))
    if seed_type != plan_type:
        fail("type counts differ")
    if seed_year != plan_year:
        fail("year counts differ")
    if seed_pair != plan_pair:
        fail("type+year counts differ")
    seed_seq = [(TYPE_OF_CELL[c], y + "年") for c, y in cells]
    plan_seq = [(t.get("type"), str(t.get("due_text"))) for t in tasks]
    for i, (a, b) in enumerate(zip(seed_seq, plan_seq), 1):
        if a != b:
            fail(f"cell #{i} in seed order is {a}, task {i} has {b}")

    # --- 3. verbatim text -------------------------------------------------
    n_text = 0
    pos = 0
    for t in tasks:
        no = t.get("no")
        for field in ("main_task", "sub_task"):
            s = strip_ws(str(t.get(field, "")))
            n_text += 1
            if not s or s not in table_flat:
                fail(f"task {no}: {field} {t.get(field)!r} not found in seed table")
            elif field == "sub_task":
                nxt = table_flat.find(s, pos)
                if nxt < 0:
                    fail(f"task {no}: sub_task found only before task {no - 1}'s sub_task")
                else:
                    pos = nxt + len(s)
        r = "、".join(t.get("responsible") or [])
        n_text += 1
        if not r or strip_ws(r) not in table_flat:
            fail(f"task {no}: responsible {r!r} not found in seed table")
    n_rows = 0
    for t in tasks:
        no = t.get("no")
        cell = {v: k for k, v in TYPE_OF_CELL.items()}.get(t.get("type"), "?")
        row = strip_ws(str(t.get("sub_task", "")) + "、".join(t.get("responsible") or [])
                       + cell + str(t.get("due_text", "")))
        i = table_flat.find(row)
        if i < 0:
            fail(f"task {no}: row {row!r} not found in seed table")
            continue
        before = table_flat[:i]
        if not (before.endswith("年") or before[-1:].isdigit()
                or before.endswith(strip_ws(str(t.get("main_task", ""))))):
            fail(f"task {no}: row is preceded by {before[-12:]!r}, not a year cell, "
                 f"序号 or its main_task (sub_task cut short?)")
            continue
        n_rows += 1
    print(f"verbatim text checks: {n_text} (main_task, sub_task, responsible x {len(tasks)}); rows matched: {n_rows}")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
