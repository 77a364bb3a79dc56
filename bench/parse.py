"""Reads the raw outputs of the benchmark's tools and prints the few numbers
scripts/bench.sh puts in its table, tab-separated, one record per line.

  parse.py lighthouse REPORT.json   -> score  lcp_ms  tbt_ms  cls  lcp_element
  parse.py wrk OUTPUT.txt           -> requests_per_s  p50_ms  p99_ms  requests  non_2xx  socket_errors
  parse.py twiggy TOP.csv N         -> "total" code_and_data_bytes
                                       "rules" bytes_defined_in_rules  bytes_naming_rules
                                       "top" bytes  percent  name   (N lines)
"""

import csv
import json
import re
import sys


def lighthouse(path):
    report = json.load(open(path, encoding="utf-8"))
    if report.get("runtimeError"):
        sys.exit(f"lighthouse: {report['runtimeError'].get('message')}")
    audits = report["audits"]
    score = report["categories"]["performance"]["score"]

    def value(audit_id):
        v = audits[audit_id].get("numericValue")
        return "nan" if v is None else f"{v:.4f}"

    # Which element was the largest paint: says whether it was the HTML
    # shell's own text or something only the wasm renders.
    element = "?"
    for item in (audits.get("largest-contentful-paint-element", {}).get("details") or {}).get("items", []):
        for sub in item.get("items", []):
            node = sub.get("node")
            if node:
                element = node.get("snippet") or node.get("selector") or "?"
                break
        if element != "?":
            break
    element = re.sub(r"\s+", " ", element).replace("|", "/")
    if len(element) > 80:
        element = element[:77] + "..."
    print(
        "\t".join(
            [
                "nan" if score is None else f"{score * 100:.0f}",
                value("largest-contentful-paint"),
                value("total-blocking-time"),
                value("cumulative-layout-shift"),
                element,
            ]
        )
    )


# wrk prints durations as 812.00us, 1.23ms, 2.01s or 1.00m.
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def duration_ms(text):
    m = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text)
    if not m:
        sys.exit(f"wrk: cannot read duration {text!r}")
    return float(m.group(1)) * UNITS_MS[m.group(2)]


def wrk(path):
    out = open(path, encoding="utf-8").read()

    def percentile(p):
        m = re.search(rf"^\s+{p}%\s+(\S+)", out, re.M)
        if not m:
            sys.exit(f"wrk: no {p}% line in {path} (run with --latency)")
        return duration_ms(m.group(1))

    rps = re.search(r"^Requests/sec:\s+([0-9.]+)", out, re.M)
    total = re.search(r"^\s+(\d+) requests in", out, re.M)
    if not rps or not total:
        sys.exit(f"wrk: no summary in {path}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    print(
        "\t".join(
            [
                rps.group(1),
                f"{percentile(50):.3f}",
                f"{percentile(99):.3f}",
                total.group(1),
                non2xx.group(1) if non2xx else "0",
                str(sum(int(g) for g in errors.groups())) if errors else "0",
            ]
        )
    )


def twiggy(path, n):
    rows = [(r["Name"], int(r["ShallowSize"])) for r in csv.DictReader(open(path, encoding="utf-8"))]
    # The name section is kept only to read these names; the shipped wasm has
    # none, so its subsections count in neither the total nor the top list.
    shipped = [(name, size) for name, size in rows if not name.endswith('" subsection')]
    total = sum(size for _, size in shipped)
    # Code the rules crate defines (its functions and its trait impls, e.g.
    # the serde impls of its API bodies) ...
    defined = sum(s for name, s in shipped if name.startswith(("rules::", "<rules::")))
    # ... and, as an upper bound, everything whose name mentions a rules item
    # (generic code of other crates instantiated for rules types).
    mentioned = sum(s for name, s in shipped if "rules::" in name)
    print(f"total\t{total}")
    print(f"rules\t{defined}\t{mentioned}")
    shipped.sort(key=lambda r: -r[1])
    for name, size in shipped[:n]:
        short = re.sub(r"::h[0-9a-f]{16}$", "", name).replace("|", "/")
        if len(short) > 90:
            short = short[:87] + "..."
        print(f"top\t{size}\t{size / total * 100:.1f}\t{short}")


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "lighthouse":
        lighthouse(sys.argv[2])
    elif kind == "wrk":
        wrk(sys.argv[2])
    elif kind == "twiggy":
        twiggy(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(f"unknown kind {kind}")
