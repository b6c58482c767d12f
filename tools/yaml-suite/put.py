#!/usr/bin/env python3
"""Helper used while importing: reads JSON lines (one test file each:
{"id", "name", "cases": [{"yaml", "fail"?, "json"?, ...}]}) on stdin and
writes src/<id>.json. The cases keep the suite's own fields; only the
fields the converter reads (name, fail, yaml, json, skip) were copied."""
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    d = json.loads(line)
    with open(os.path.join(here, "src", d["id"] + ".json"), "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print("wrote", d["id"], len(d["cases"]))
