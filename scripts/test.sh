#!/usr/bin/env bash
# Runs every test of every module (mvn verify) and prints one summary line:
#   tests: N passed, N failed, N skipped
# GPU tests are skipped where no CUDA device is usable; their reasons are listed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

mvn -B verify "$@"
status=$?
echo  # maven may leave the cursor mid-line (ANSI resets); start the summary on its own line

python3 - "$ROOT" <<'PY' || true
import glob, os, sys, xml.etree.ElementTree as ET
root = sys.argv[1]
run = failed = skipped = 0
reasons = {}
for path in glob.glob(os.path.join(root, "*", "target", "surefire-reports", "TEST-*.xml")):
    suite = ET.parse(path).getroot()
    for case in suite.iter("testcase"):
        run += 1
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        skip = case.find("skipped")
        if skip is not None:
            skipped += 1
            # JUnit puts a failed assumption's text in the element body, not in "message".
            body = (skip.text or "").strip().splitlines()
            reason = skip.get("message") or (body[0].split(": ", 1)[-1] if body else "") \
                or "no reason given"
            reasons[reason] = reasons.get(reason, 0) + 1
for reason, count in sorted(reasons.items()):
    print(f"skipped {count}: {reason}")
print(f"tests: {run - failed - skipped} passed, {failed} failed, {skipped} skipped")
PY
exit $status
