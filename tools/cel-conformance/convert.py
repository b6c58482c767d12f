#!/usr/bin/env python3
"""Convert cel-spec `tests/simple/testdata/*.textproto` into one JSON fixture.

Usage:
    python3 tools/cel-conformance/convert.py DIR_WITH_TEXTPROTOS... \
        > Tests/CELTests/Conformance/simple.json

The textproto files come from github.com/google/cel-spec (Apache-2.0; see the
LICENSE beside the fixture). This script parses the protobuf text format itself
(standard library only) and writes, for every test case: file/section/name,
the expression, bindings and expected result as yunwang typed JSON, and an
`excluded` reason when the case needs protobuf messages, a container, a
type-checker or other features outside a checker-free dynamic evaluator.
Output is deterministic (sorted keys, stable order of files and tests).
"""
import base64
import json
import re
import math
import os
import sys


class TextProtoError(Exception):
    pass


class Lexer:
    def __init__(self, text):
        self.s = text
        self.i = 0

    def skip_ws(self):
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c in " \t\r\n,;":
                self.i += 1
            elif c == "#":
                while self.i < len(s) and s[self.i] != "\n":
                    self.i += 1
            else:
                break

    def peek(self):
        self.skip_ws()
        return self.s[self.i] if self.i < len(self.s) else ""

    def ident(self):
        self.skip_ws()
        s = self.s
        if self.i < len(s) and s[self.i] == "[":
            j = s.index("]", self.i)
            name = s[self.i:j + 1]
            self.i = j + 1
            return name
        j = self.i
        while j < len(s) and (s[j].isalnum() or s[j] in "_.-+"):
            j += 1
        if j == self.i:
            raise TextProtoError("expected identifier at %d: %r" % (self.i, s[self.i:self.i + 30]))
        name = s[self.i:j]
        self.i = j
        return name

    def string(self):
        """One or more adjacent quoted strings, C-escapes decoded to bytes."""
        out = bytearray()
        while self.peek() in ("'", '"'):
            q = self.s[self.i]
            self.i += 1
            s = self.s
            while True:
                if self.i >= len(s):
                    raise TextProtoError("unterminated string")
                c = s[self.i]
                if c == q:
                    self.i += 1
                    break
                if c == "\\":
                    self.i += 1
                    e = s[self.i]
                    simple = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11,
                              "\\": 92, "'": 39, '"': 34, "?": 63}
                    if e in simple:
                        out.append(simple[e]); self.i += 1
                    elif e in "01234567":
                        j = self.i
                        while j < len(s) and j < self.i + 3 and s[j] in "01234567":
                            j += 1
                        out.append(int(s[self.i:j], 8) & 0xFF); self.i = j
                    elif e in "xX":
                        j = self.i + 1
                        while j < len(s) and j < self.i + 3 and s[j] in "0123456789abcdefABCDEF":
                            j += 1
                        out.append(int(s[self.i + 1:j], 16)); self.i = j
                    elif e == "u":
                        out += chr(int(s[self.i + 1:self.i + 5], 16)).encode("utf-8"); self.i += 5
                    elif e == "U":
                        out += chr(int(s[self.i + 1:self.i + 9], 16)).encode("utf-8"); self.i += 9
                    else:
                        raise TextProtoError("bad escape \\%s" % e)
                else:
                    out += c.encode("utf-8")
                    self.i += 1
        return bytes(out)

    def scalar(self):
        if self.peek() in ("'", '"'):
            return ("str", self.string())
        # Unquoted token; tolerate a malformed value by reading to the end of line.
        s = self.s
        j = self.i
        while j < len(s) and s[j] not in " \t\r\n,;}#":
            j += 1
        tok = s[self.i:j]
        if any(ch in tok for ch in "()\"^"):
            k = s.find("\n", self.i)
            tok = s[self.i:k if k >= 0 else len(s)]
            j = self.i + len(tok)
        self.i = j
        return ("tok", tok)


def parse_message(lx, top=False):
    """Returns a list of (field, value) pairs; value is a list (message) or scalar tuple."""
    fields = []
    while True:
        c = lx.peek()
        if c == "":
            if top:
                return fields
            # Truncated input (a stored copy cut at a page boundary): close what is open.
            return fields
        if c == "}":
            if top:
                raise TextProtoError("unexpected }")
            lx.i += 1
            return fields
        name = lx.ident()
        c = lx.peek()
        if c == ":":
            lx.i += 1
            c = lx.peek()
        if c in ("{", "<"):
            lx.i += 1
            fields.append((name, parse_message(lx)))
        else:
            fields.append((name, lx.scalar()))


def get(msg, name):
    for k, v in msg:
        if k == name:
            return v
    return None


def get_all(msg, name):
    return [v for k, v in msg if k == name]


class Unsupported(Exception):
    pass


def text(v):
    if v is None:
        return None
    kind, raw = v
    return raw.decode("utf-8") if kind == "str" else raw


def number(v):
    kind, raw = v
    return raw.decode() if kind == "str" else raw


def to_typed(value):
    """cel.expr.Value message -> typed JSON."""
    for k, v in value:
        if k == "int64_value":
            return {"int": str(int(number(v)))}
        if k == "uint64_value":
            return {"uint": str(int(number(v)))}
        if k == "double_value":
            t = number(v).lower()
            if t in ("inf", "infinity"):
                return {"double": "Infinity"}
            if t in ("-inf", "-infinity"):
                return {"double": "-Infinity"}
            if t == "nan":
                return {"double": "NaN"}
            f = float(t)
            return {"double": f}
        if k == "string_value":
            return {"string": v[1].decode("utf-8")}
        if k == "bytes_value":
            return {"bytes": base64.b64encode(v[1]).decode()}
        if k == "bool_value":
            return {"bool": v[1] == "true"}
        if k == "null_value":
            return {"null": None}
        if k == "list_value":
            return {"list": [to_typed(x) for x in get_all(v, "values")]}
        if k == "map_value":
            return {"map": [{"key": to_typed(get(e, "key")), "value": to_typed(get(e, "value"))}
                            for e in get_all(v, "entries")]}
        if k == "type_value":
            return {"type": text(v)}
        raise Unsupported("value kind %s needs protobuf messages or enums" % k)
    raise Unsupported("empty value")


def convert_test(fname, section, t):
    case = {
        "file": fname,
        "section": section,
        "name": text(get(t, "name")),
        "expr": text(get(t, "expr")),
        # Unchecked programs report unknown functions at evaluation, not when planned.
        "disable_check": text(get(t, "disable_check")) == "true",
    }
    excluded = None
    if get(t, "container") is not None:
        excluded = "needs a container and protobuf message types"
    # Message construction (`TestAllTypes{...}`, `google.protobuf.Int64Value{...}`):
    # a map literal's `{` never follows an identifier.
    names = re.findall(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\{", case["expr"] or "")
    if any(n not in ("in", "true", "false", "null") for n in names):
        excluded = excluded or "needs protobuf message types"
    if text(get(t, "disable_macros")) == "true":
        excluded = excluded or "needs macros disabled"
    if get(t, "check_only") is not None:
        excluded = excluded or "type-checker only"
    for te in get_all(t, "type_env"):
        if "message_type" in repr(te) or "function" in [k for k, _ in te]:
            excluded = excluded or "needs protobuf message types or declared functions"
    bindings = {}
    for b in get_all(t, "bindings"):
        key = text(get(b, "key"))
        try:
            bindings[key] = to_typed(get(get(b, "value"), "value"))
        except Unsupported as e:
            excluded = excluded or ("binding: " + str(e))
    case["bindings"] = bindings
    if get(t, "value") is not None:
        try:
            case["expected"] = to_typed(get(t, "value"))
        except Unsupported as e:
            excluded = excluded or str(e)
    elif get(t, "eval_error") is not None:
        errs = get_all(get(t, "eval_error"), "errors")
        msg = text(get(errs[0], "message")) if errs else ""
        case["expected"] = {"error": msg or ""}
    elif get(t, "any_eval_errors") is not None:
        case["expected"] = {"error": ""}
    else:
        excluded = excluded or "expects unknowns or no result"
    case["excluded"] = excluded
    return case


def main(argv):
    paths = []
    for a in argv:
        if os.path.isdir(a):
            paths += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith(".textproto"))
        else:
            paths.append(a)
    cases = []
    for p in sorted(paths, key=os.path.basename):
        with open(p, encoding="utf-8") as fh:
            msg = parse_message(Lexer(fh.read()), top=True)
        fname = text(get(msg, "name"))
        for sec in get_all(msg, "section"):
            sname = text(get(sec, "name"))
            for t in get_all(sec, "test"):
                cases.append(convert_test(fname, sname, t))
    out = {
        "origin": "github.com/google/cel-spec tests/simple/testdata (Apache-2.0), converted by tools/cel-conformance/convert.py",
        "cases": cases,
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
