#!/usr/bin/env python3
"""Collects the VERDICT rows that gpu-test.sh's stages printed into one table, a JSON file and a verdict line.

Row format (one line each, tab-separated): VERDICT section item status value detail, status one of
PASS FAIL INFO SKIP. The verdict is FAIL when any row fails, when a required section has no row, or when there are
no rows at all; the exit status is 1 then, else 0. Usage:

  verdict_table.py --rows ROWS.tsv --title TEXT --require SECTION[,SECTION...] [--out-dir DIR]
"""
import argparse
import json
import sys

STATUSES = ("PASS", "FAIL", "INFO", "SKIP")


def read_rows(path):
    rows, bad = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.startswith("VERDICT\t"):
                continue
            parts = line.split("\t")
            if len(parts) != 6 or parts[3] not in STATUSES:
                bad.append(f"line {n}: {line!r}")
                continue
            rows.append(dict(zip(("section", "item", "status", "value", "detail"), parts[1:])))
    return rows, bad


def grid(header, body):
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    fmt = "  ".join("{:<%d}" % w for w in widths)
    return [fmt.format(*header).rstrip(), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r).rstrip() for r in body]


def ops_block(rows):
    """The op suite as one line per family, the vendor-on and vendor-off runs side by side."""
    runs = [s for s in ("ops-vendor-on", "ops-vendor-off") if any(r["section"] == s for r in rows)]
    families = []
    for r in rows:
        if r["section"] in runs and r["item"] not in families:
            families.append(r["item"])
    body = []
    for fam in families:
        line = [fam]
        for s in runs:
            hit = [r for r in rows if r["section"] == s and r["item"] == fam]
            line.append(f"{hit[0]['status']} {hit[0]['value']}" if hit else "(no row)")
        body.append(line)
    lines = grid(["family"] + [s.replace("ops-", "") for s in runs], body)
    reasons = {}  # one line per distinct reason: an unusable device gives every family the same one
    for r in rows:
        if r["section"] in runs and r["status"] == "FAIL" and r["detail"]:
            reasons.setdefault(r["detail"], []).append(f"{r['section'].replace('ops-', '')} {r['item']}")
    for detail, where in reasons.items():
        lines.append(f"  {', '.join(where)}: {detail}")
    return lines


def rate(value):
    try:
        return float(value.split()[0])
    except (ValueError, IndexError):
        return None


def throughput_block(rows):
    """Our images/s next to PyTorch's for the same model, batch and precision, and the ratio ours/PyTorch."""
    ours = [r for r in rows if r["section"] == "throughput"]
    torch = {r["item"]: r for r in rows if r["section"] == "throughput-torch"}
    body = []
    for r in ours:
        t = torch.get(r["item"])
        a, b = rate(r["value"]), rate(t["value"]) if t and t["status"] == "INFO" else None
        body.append([r["item"], r["value"], t["value"] if t else "(no row)",
                     f"{a / b:.2f}" if a is not None and b else "-"])
    for item, t in torch.items():
        if not any(r["item"] == item for r in ours):
            body.append([item, "(no row)", t["value"], "-"])
    lines = grid(["model batch precision", "callosum", "pytorch", "ours/pytorch"], body)
    for t in torch.values():
        if t["status"] in ("SKIP", "FAIL"):
            lines.append(f"  pytorch {t['status']}: {t['detail']}")
    return lines


def plain_block(rows, section):
    body = [[r["status"], r["item"], r["value"], r["detail"]] for r in rows if r["section"] == section]
    return grid(["status", "check", "value", "detail"], body)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", required=True)
    ap.add_argument("--title", default="GPU verdict")
    ap.add_argument("--require", default="", help="comma-separated sections that must have at least one row")
    ap.add_argument("--out-dir")
    a = ap.parse_args()

    rows, bad = read_rows(a.rows)
    problems = [f"malformed row {b}" for b in bad]
    required = list(dict.fromkeys(s for s in a.require.split(",") if s))
    for s in required:
        if not any(r["section"] == s for r in rows):
            problems.append(f"section '{s}' has no row (its stage did not run, or printed none)")
    if not rows:
        problems.append("no verdict rows at all")
    failed = [r for r in rows if r["status"] == "FAIL"]
    verdict = "FAIL" if failed or problems else "PASS"

    lines = [a.title, ""]
    sections = []
    for r in rows:
        key = {"ops-vendor-off": "ops-vendor-on", "throughput-torch": "throughput"}.get(r["section"], r["section"])
        if key not in sections:
            sections.append(key)
    for s in sections:
        if s == "ops-vendor-on":
            lines += ["== shared op suite on the device, per family (passed/failed/skipped), vendor libraries on and off =="] + ops_block(rows)
        elif s == "throughput":
            lines += ["== training step images/s, same GPU, same precision =="] + throughput_block(rows)
        else:
            lines += [f"== {s} =="] + plain_block(rows, s)
        lines.append("")
    for p in problems:
        lines.append(f"PROBLEM: {p}")
    lines.append(f"{len(failed)} failed row(s) of {len(rows)}")
    lines.append(f"GPU-VERDICT: {verdict}")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if a.out_dir:
        with open(f"{a.out_dir}/verdict.txt", "w", encoding="utf-8") as f:
            f.write(text)
        with open(f"{a.out_dir}/verdict.json", "w", encoding="utf-8") as f:
            json.dump({"verdict": verdict, "title": a.title, "problems": problems, "rows": rows}, f, indent=1)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
