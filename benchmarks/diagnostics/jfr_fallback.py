#!/usr/bin/env python3
"""Share of a JFR recording's CPU samples that run the Vector API's Java fallback instead of its intrinsics.

A kernel that C2 compiled without the intrinsics (its inlining budget ran out, or a call it left out of line lost
the vector's exact type) shows jdk.incubator.vector frames such as FloatVector.stOp on top of the stack. Usage:
    java -XX:StartFlightRecording=filename=steps.jfr ... StepTimes.java resnet18 16
    python3 benchmarks/diagnostics/jfr_fallback.py steps.jfr      # second half of the recording: steady state
"""
import collections
import json
import subprocess
import sys


def name(frame):
    """package.Class.method (JFR's JSON names classes with slashes)."""
    return frame["method"]["type"]["name"].replace("/", ".") + "." + frame["method"]["name"]


def main(path):
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    steady = events[len(events) // 2:]
    callers, fallback = collections.Counter(), 0
    for e in steady:
        frames = e["values"]["stackTrace"]["frames"]
        if not frames:
            continue
        if name(frames[0]).startswith(("jdk.incubator.vector", "jdk.internal.vm.vector")):
            fallback += 1
            ours = next((f for f in frames if not name(f).startswith("jdk.")), None)
            callers[f"{name(ours)}:{ours['lineNumber']}" if ours else "(no caller of ours in the stack JFR kept)"] += 1
    total = max(1, len(steady))
    print(f"{len(steady)} samples in the second half; {100 * fallback / total:.1f} % with Vector API frames on top")
    for caller, n in callers.most_common(8):
        print(f"  {100 * n / total:5.1f} %  {caller}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: jfr_fallback.py RECORDING.jfr")
    main(sys.argv[1])
