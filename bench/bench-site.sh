#!/usr/bin/env bash
# Site benchmark: `yunwang site` on the generated province inventory against
# Hugo rendering the same pages (one Markdown page per unit, system, cloud,
# rule and plan task with front matter and a table of its findings).
#
#   bash bench/bench-site.sh            # SCALE=1 (the inventory of bench/bench-load.sh, cached in bench-data/)
#   SCALE=0.3 bash bench/bench-site.sh
#   SKIP_BUILD=1 RUNS=3 bash bench/bench-site.sh
#
# Environment: SCALE (default 1), SEED (default 1), RUNS (default 2; the best
# run of each tool counts), SKIP_BUILD=1 to use .build/release/yunwang as is,
# SETTLE (default 61: seconds to wait after deleting earlier outputs, see below),
# BIN (the yunwang binary, default .build/release/yunwang), WORK (the folder
# for both tools' outputs, default bench-data/site-s$SCALE).
# Both tools use every core (Hugo by default, yunwang renders pages in parallel).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SCALE=${SCALE:-1}
SEED=${SEED:-1}
RUNS=${RUNS:-2}
DATA=$ROOT/bench-data
BIN=${BIN:-$ROOT/.build/release/yunwang}
WORK=${WORK:-$DATA/site-s$SCALE}
mkdir -p "$DATA"

say() { printf '%s\n' "$*" >&2; }
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", (b-a)/1e9}'; }
less() { awk -v a="$1" -v b="$2" 'BEGIN{exit !(a<b)}'; }

# 1. The release binary (make bench has built it already).
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    swift build -c release --product yunwang >"$DATA/build-site.log" 2>&1 || { tail -30 "$DATA/build-site.log" >&2; exit 1; }
fi
[[ -x "$BIN" ]] || { say "bench-site: $BIN is missing"; exit 1; }

# 2. The inventory: the cache of bench/bench-load.sh (same key), generated when missing.
GEN_SHA=$(sha256sum bench/generate.py | cut -c1-16)
KEY="gen=$GEN_SHA scale=$SCALE seed=$SEED"
INV=$DATA/inventory-s$SCALE
if [[ ! -f "$INV/.bench-key" || "$(cat "$INV/.bench-key")" != "$KEY" ]]; then
    say "bench-site: generating the inventory ($KEY) …"
    rm -rf "$INV.tmp"
    python3 bench/generate.py --scale "$SCALE" --seed "$SEED" --out "$INV.tmp"
    printf '%s\n' "$KEY" >"$INV.tmp/.bench-key"
    rm -rf "$INV"
    mv "$INV.tmp" "$INV"
fi

# 3. Hugo (Debian's package), installed quietly when missing.
if ! command -v hugo >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
        say "bench-site: installing hugo …"
        export DEBIAN_FRONTEND=noninteractive
        { apt-get install -y -qq --no-install-recommends hugo || { apt-get update -qq && apt-get install -y -qq --no-install-recommends hugo; }; } >"$DATA/hugo-install.log" 2>&1 \
            || { cat "$DATA/hugo-install.log" >&2; exit 1; }
    else
        say "bench-site: hugo is missing (sudo apt-get install hugo)"; exit 1
    fi
fi

# Outputs of earlier runs go first, then sync and a pause: on ext4 without a
# journal (this machine's root file system), an inode freed less than 60 s
# ago is skipped when a new file is created, and every skip reads the inode
# table, so creating 15,000 files right after deleting 30,000 took 23 s
# instead of 1.2 s (perf: find_inode_bit -> recently_deleted). Waiting 61 s
# after the delete makes the first timed run pay nothing for it. Every run
# writes into a fresh folder and nothing is deleted between timed runs; the
# runs alternate (yunwang, hugo, yunwang, …) and each starts after a sync, so
# neither tool pays for the other's write-back.
if [[ -e "$WORK" ]]; then
    rm -rf "$WORK"
    sync
    sleep "${SETTLE:-61}"
fi
mkdir -p "$WORK"
sync
say "bench-site: scale $SCALE, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# 4. yunwang site; the best wall time counts. --timings gives the site's own
#    steps (render, search index, checksums, write) after load + check, with
#    their CPU time (user + system, every thread). CPU seconds are reported
#    next to wall time: on a busy machine they still say how much work each
#    tool did for the same pages.
TIMEFORMAT='%3U %3S'
cpu_of() { awk '{printf "%.3f", $1 + $2}' "$1"; }
best=""; best_site=""; best_render=""; best_cpu=""; best_site_cpu=""
run_yunwang() {
    local i=$1 start end t site_t render_t cpu site_cpu
    sync
    start=$(now)
    { time { "$BIN" site "$INV" --output "$WORK/yunwang-$i" --timings 2>"$WORK/timings-$i.txt" || [[ $? == 1 ]]; }; } 2>"$WORK/cpu-yunwang-$i.txt"
    end=$(now)
    t=$(secs "$start" "$end")
    cpu=$(cpu_of "$WORK/cpu-yunwang-$i.txt")
    site_t=$(awk '/ total / {print $1}' "$WORK/timings-$i.txt")
    site_cpu=$(sed -n 's/.* total (.*, \([0-9.]*\) s CPU).*/\1/p' "$WORK/timings-$i.txt")
    render_t=$(awk '/ render pages$/ {print $1}' "$WORK/timings-$i.txt")
    say "bench-site: yunwang run $i/$RUNS: ${t}s, ${cpu}s CPU (site steps ${site_t}s, ${site_cpu}s CPU; render ${render_t}s)"
    # Each number is the best of its own runs (load and check vary apart from the site steps).
    if [[ -z "$best" ]] || less "$t" "$best"; then best=$t; fi
    if [[ -z "$best_cpu" ]] || less "$cpu" "$best_cpu"; then best_cpu=$cpu; fi
    if [[ -z "$best_site" ]] || less "$site_t" "$best_site"; then best_site=$site_t; fi
    if [[ -z "$best_site_cpu" ]] || less "$site_cpu" "$best_site_cpu"; then best_site_cpu=$site_cpu; fi
    if [[ -z "$best_render" ]] || less "$render_t" "$best_render"; then best_render=$render_t; fi
}
run_yunwang 1
pages=$(find "$WORK/yunwang-1" -name '*.html' | wc -l)
bytes=$(du -sb "$WORK/yunwang-1" | cut -f1)

# 5. The Hugo project: the same objects and findings, from the inventory's
#    files and the site's findings.json / search-index.json (not timed).
python3 - "$INV" "$WORK/yunwang-1" "$WORK/hugo" <<'PY'
import collections, json, os, re, sys

inv, site, out = sys.argv[1:4]
findings = json.load(open(os.path.join(site, "findings.json"), encoding="utf-8"))["findings"]
index = json.load(open(os.path.join(site, "search-index.json"), encoding="utf-8"))

def objects(path, key):
    """Block-style YAML objects as bench/generate.py writes them: '  - id: x' then '    field: value'."""
    items, cur, section = [], None, None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if re.match(r"^[a-z_]+:\s*$", line):
            section = line[:-1]
            continue
        if section != key:
            continue
        if line.startswith("  - id: "):
            cur = {"id": line[8:].strip()}
            items.append(cur)
        elif cur is not None and line.startswith("    ") and not line.startswith("     ") and ":" in line:
            k, v = line[4:].split(":", 1)
            cur[k.strip()] = v.strip().strip('"')
    return items

def files(sub):
    d = os.path.join(inv, sub)
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".yaml"))

units = [u for p in files("units") for u in objects(p, "units")]
systems = [s for p in files("systems") for s in objects(p, "systems")]
clouds = objects(os.path.join(inv, "clouds.yaml"), "clouds")
rules = [e for e in index if e["u"].startswith("rules/")]
tasks = [e for e in index if e["u"].startswith("tasks/")]

by_unit, by_target, by_rule = collections.defaultdict(list), collections.defaultdict(list), collections.defaultdict(list)
systems_of = collections.defaultdict(list)
for s in systems:
    systems_of[s.get("unit", "")].append(s)
for f in findings:
    if "unit" in f:
        by_unit[f["unit"]].append(f)
    t = f["target"]
    by_target[(t["kind"], t["id"].replace("/", "-"))].append(f)
    by_rule[f["rule"]].append(f)

def cell(s):
    return str(s).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

def table(fs):
    if not fs:
        return "没有问题。\n"
    rows = ["| 严重程度 | 状态 | 规则 | 对象 | 问题 | 依据 | 期限 |", "|---|---|---|---|---|---|---|"]
    for f in fs:
        c = f["citation"]
        rows.append("| %s | %s | %s | %s/%s | %s<br>%s:%s:%s | %s %s<br>%s | %s |" % tuple(map(cell, (
            f["severity"], f["status"], f["rule"], f["target"]["kind"], f["target"]["id"], f["message"],
            f["location"]["file"], f["location"]["line"], f["location"]["column"],
            c["document"], c["article"], c["quote"], f["due"] or ""))))
    return "\n".join(rows) + "\n"

def page(path, title, params, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fm = {"title": title, "params": params}
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(fm, ensure_ascii=False, indent=1) + "\n\n" + body)

content = os.path.join(out, "content")
for sec, title in [("units", "接入单位"), ("systems", "信息系统"), ("clouds", "政务云"), ("rules", "规则"), ("tasks", "计划任务")]:
    page(os.path.join(content, sec, "_index.md"), title, {}, "")
page(os.path.join(content, "_index.md"), "总览", {}, "%d 个问题。\n" % len(findings))
for u in units:
    fs = by_unit[u["id"]]
    body = "## 信息系统\n\n" + "".join("- [%s](../systems/%s.html) %s\n" % (cell(s.get("name", "")), s["id"], s["id"]) for s in systems_of[u["id"]])
    page(os.path.join(content, "units", u["id"] + ".md"), u.get("name", u["id"]), u, body + "\n## 问题\n\n" + table(fs))
for s in systems:
    page(os.path.join(content, "systems", s["id"] + ".md"), s.get("name", s["id"]), s, "## 问题\n\n" + table(by_target[("system", s["id"])]))
for c in clouds:
    page(os.path.join(content, "clouds", c["id"] + ".md"), c.get("name", c["id"]), c, "## 问题\n\n" + table(by_target[("cloud", c["id"])]))
for r in rules:
    rid = r["u"][len("rules/"):-len(".html")]
    page(os.path.join(content, "rules", rid + ".md"), r["t"], {"citation": r["d"]}, "## 问题\n\n" + table(by_rule[r["t"].split(" ")[0]]))
for t in tasks:
    tid = t["u"][len("tasks/"):-len(".html")]
    plan, _, no = tid.rpartition("-")
    page(os.path.join(content, "tasks", tid + ".md"), t["t"], {"detail": t["d"]}, "## 问题\n\n" + table(by_target[("task", plan + "-" + no)]))

layouts = os.path.join(out, "layouts", "_default")
os.makedirs(layouts, exist_ok=True)
head = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav></header>
<main>
<h1>{{ .Title }}</h1>
"""
foot = """</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
"""
with open(os.path.join(layouts, "single.html"), "w", encoding="utf-8") as fh:
    fh.write(head + """<table class="details">
{{ range $k, $v := .Params.params }}<tr><th>{{ $k }}</th><td>{{ $v }}</td></tr>
{{ end }}</table>
{{ .Content }}
""" + foot)
with open(os.path.join(layouts, "list.html"), "w", encoding="utf-8") as fh:
    fh.write(head + """{{ .Content }}
<table class="list">
<thead><tr><th>名称</th><th>编号</th></tr></thead>
<tbody>
{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .File.BaseFileName }}</td></tr>
{{ end }}</tbody>
</table>
""" + foot)
os.makedirs(os.path.join(out, "static"), exist_ok=True)
with open(os.path.join(out, "static", "style.css"), "w", encoding="utf-8") as fh:
    fh.write("body{font-family:sans-serif} table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:2px 6px}\n")
with open(os.path.join(out, "config.toml"), "w", encoding="utf-8") as fh:
    fh.write("""baseURL = "/"
title = "云网审计"
languageCode = "zh-CN"
hasCJKLanguage = true
relativeURLs = true
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
""")
PY
hugo_sources=$(find "$WORK/hugo/content" -name '*.md' | wc -l)

# 6. hugo --quiet, alternating with the remaining yunwang runs; the best wall time counts.
hbest=""; hbest_cpu=""
run_hugo() {
    local i=$1 start end t cpu
    sync
    start=$(now)
    { time (cd "$WORK/hugo" && hugo --quiet --destination "$WORK/hugo-public-$i" 2>"$WORK/hugo-stderr-$i.txt"); } 2>"$WORK/cpu-hugo-$i.txt"
    end=$(now)
    t=$(secs "$start" "$end")
    cpu=$(cpu_of "$WORK/cpu-hugo-$i.txt")
    say "bench-site: hugo run $i/$RUNS: ${t}s, ${cpu}s CPU"
    if [[ -z "$hbest" ]] || less "$t" "$hbest"; then hbest=$t; fi
    if [[ -z "$hbest_cpu" ]] || less "$cpu" "$hbest_cpu"; then hbest_cpu=$cpu; fi
}
for i in $(seq 1 "$RUNS"); do
    run_hugo "$i"
    if (( i < RUNS )); then run_yunwang $((i + 1)); fi
done
hpages=$(find "$WORK/hugo-public-1" -name '*.html' | wc -l)
hbytes=$(du -sb "$WORK/hugo-public-1" | cut -f1)
# Keep the first output of each for a look; the rest go (untimed).
for i in $(seq 2 "$RUNS"); do rm -rf "$WORK/yunwang-$i" "$WORK/hugo-public-$i"; done
hversion=$(hugo version | awk '{print $2}')

echo
echo "## site — scale $SCALE: yunwang site against Hugo $hversion ($(nproc) cores, best of $RUNS)"
echo
echo "| | pages (*.html) | output | wall | pages/s | CPU | pages per CPU-s |"
echo "|---|---:|---:|---:|---:|---:|---:|"
awk -v p="$pages" -v b="$bytes" -v t="$best" -v c="$best_cpu" -v s="$best_site" -v sc="$best_site_cpu" -v r="$best_render" \
    -v hp="$hpages" -v hb="$hbytes" -v ht="$hbest" -v hc="$hbest_cpu" 'BEGIN {
    printf "| yunwang site (load + check + site) | %d | %.0f MB | %.2f s | %.0f | %.2f s | %.0f |\n", p, b / 1e6, t, p / t, c, p / c
    printf "| yunwang site steps only (render, index, checksums, write) | %d | | %.2f s | %.0f | %.2f s | %.0f |\n", p, s, p / s, sc, p / sc
    printf "| of which render pages (pages written and hashed as they are made) | %d | | %.2f s | %.0f | | |\n", p, r, p / r
    printf "| hugo --quiet (Markdown ready, no load or check) | %d | %.0f MB | %.2f s | %.0f | %.2f s | %.0f |\n", hp, hb / 1e6, ht, hp / ht, hc, hp / hc
    printf "\nratio yunwang / hugo, pages per second: %.2fx (whole command), %.2fx (site steps)\n", (p / t) / (hp / ht), (p / s) / (hp / ht)
    printf "ratio yunwang / hugo, pages per CPU-second: %.2fx (whole command), %.2fx (site steps)\n", (p / c) / (hp / hc), (p / sc) / (hp / hc)
}'
echo "hugo input: $hugo_sources Markdown files under $WORK/hugo/content"
