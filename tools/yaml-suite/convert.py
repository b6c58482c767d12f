#!/usr/bin/env python3
"""Convert yaml-test-suite test definitions into one fixture for YAMLSuiteTests.

Input: tools/yaml-suite/src/<ID>.yaml (the suite's own src format, with its
visible markers) or <ID>.json (the same data already decoded, trimmed to the
fields used here; see README.md). Output: Tests/YAMLTests/Suite/cases.json.

Each src file is a list of variants. A later variant inherits `json` (and
`yaml`) from the one before it unless it sets the key, and `json: null`
removes it; `fail` applies only to the variant that says it (as in the
suite's released data). Variant ids: `ID` for a single-variant file, else
`ID/00`, `ID/01`, ...

Kept: error cases (`fail: true`) and valid cases whose expected JSON is a
single document. Skipped, with a reason: valid cases with no `json`,
multi-document streams and streams with no document at all.
Standard library only, so the suite's YAML 1.2 strings are never run through
a YAML 1.1 loader: src/*.yaml is read with a tiny reader for the suite's own
layout (a list of maps of plain scalars and `|` blocks).
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "src")
OUT = os.path.join(HERE, "..", "..", "Tests", "YAMLTests", "Suite", "cases.json")


def unescape(text):
    """The suite's visible markers (ReadMe "Special Characters")."""
    text = text.replace("␣", " ")
    text = re.sub("—*»", "\t", text)
    text = text.replace("←", "\r")
    text = text.replace("⇔", "\ufeff")
    text = text.replace("↵", "")
    text = re.sub("∎\n\\Z", "", text)
    return text


def read_src_yaml(path):
    """Minimal reader for src/*.yaml: `- key: value` maps with literal
    blocks (`|`, `|-`, `|+`, `|2`). Enough for the keys used here."""
    lines = open(path, encoding="utf-8").read().split("\n")
    docs, cur, i = [], None, 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.strip() in ("", "---"):
            continue
        m = re.match(r"^(- |  )([a-z]+):(?: (.*))?$", line)
        if not m:
            raise ValueError(f"{path}: cannot read line {i}: {line!r}")
        if m.group(1) == "- ":
            cur = {}
            docs.append(cur)
        key, val = m.group(2), m.group(3)
        if val is not None and val.startswith("|"):
            chomp = "-" if "-" in val else ("+" if "+" in val else "")
            block = []
            while i < len(lines) and (lines[i].startswith("    ") or lines[i] == ""):
                block.append(lines[i][4:])
                i += 1
            while block and block[-1] == "" and chomp != "+":
                block.pop()
            text = "\n".join(block)
            if chomp != "-":
                text += "\n"
            cur[key] = text
        elif val is None or val in ("~", "null"):
            cur[key] = None
        elif val in ("true", "false"):
            cur[key] = val == "true"
        else:
            cur[key] = val.strip("'\"")
    return docs


def json_docs(text):
    """Split a `json` field that may hold several JSON documents."""
    dec, docs, pos = json.JSONDecoder(), [], 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos >= len(text):
            return docs
        value, pos = dec.raw_decode(text, pos)
        docs.append(value)


def variants(path):
    if path.endswith(".json"):
        data = json.load(open(path, encoding="utf-8"))
        return data.get("name", ""), data["cases"], False
    docs = read_src_yaml(path)
    return docs[0].get("name", ""), docs, True


def main():
    cases, skipped = [], []
    for fname in sorted(os.listdir(SRC)):
        if not fname.endswith((".json", ".yaml")):
            continue
        ident = fname.rsplit(".", 1)[0]
        name, raw, escaped = variants(os.path.join(SRC, fname))
        if raw and raw[0].get("skip"):
            skipped.append({"id": ident, "reason": "marked skip in the suite"})
            continue
        inherited = {}  # key -> value carried to later variants
        for n, v in enumerate(raw):
            cid = ident if len(raw) == 1 else f"{ident}/{n:02d}"
            for key in ("yaml", "json", "jv", "docs"):
                if key in v:
                    if v[key] is None:
                        inherited.pop("json", None)
                    else:
                        if key in ("json", "jv", "docs"):
                            inherited.pop("json", None)
                            inherited["json"] = (key, v[key])
                        else:
                            inherited[key] = v[key]
            yaml_text = inherited["yaml"]
            if escaped:
                yaml_text = unescape(yaml_text)
            label = v.get("name") or name
            if v.get("fail"):
                cases.append({"id": cid, "name": label, "input": yaml_text, "error": True})
                continue
            if "json" not in inherited:
                skipped.append({"id": cid, "reason": "valid, but the suite gives no JSON"})
                continue
            kind, value = inherited["json"]
            if kind == "json":
                docs = json_docs(unescape(value) if escaped else value)
            elif kind == "jv":
                docs = value
            else:
                docs = [None] * value
            if not docs:
                skipped.append({"id": cid, "reason": "no document (empty stream)"})
                continue
            if len(docs) > 1:
                skipped.append({"id": cid, "reason": f"multi-document ({len(docs)} documents)"})
                continue
            cases.append({"id": cid, "name": label, "input": yaml_text,
                          "expected_json": json.dumps(docs[0], ensure_ascii=False)})
    valid = sum(1 for c in cases if not c.get("error"))
    errors = len(cases) - valid
    out = {
        "source": "yaml-test-suite src/ (MIT), see Tests/YAMLTests/Suite/LICENSE",
        "counts": {"valid": valid, "error": errors, "skipped": len(skipped)},
        "cases": cases,
        "skipped": skipped,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"valid {valid}, error {errors}, skipped {len(skipped)}", file=sys.stderr)


if __name__ == "__main__":
    main()
