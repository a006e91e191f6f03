#!/usr/bin/env bash
# gpu-check.sh: everything segfill can only check on an NVIDIA GPU, in one run, with a report
# at the end. For a user (or a maintainer) on an NVIDIA machine:
#
#   scripts/gpu-check.sh [--work DIR] [--no-bench] [--ort-cuda] [--sam DIR] [--sdxl DIR]
#                        [--preflight-only]
#
# Steps: the driver and GPU (nvidia-smi), the build, `segfill devices`, tiny test bundles,
# `segfill build-engines` on them, segment and inpaint on each backend (where the CLI has
# --backend), the GPU tests (every *GpuTest class), the CUDA benchmarks (every *GpuBench JMH
# suite), the GPU figures (`segfill bench figures`: memory per plan, SDXL inpaint, the step
# outside the UNet, SAM, against their H100 goals), then the report: REPORT.md and report.json
# in the work directory, the markdown also printed. --sam and --sdxl give real exported bundles
# for the figures (their plans are built when DIR/engines/manifest.json is missing); without
# them the figures run on the tiny bundles and only exercise the path. --no-bench skips the
# benchmarks and the figures. --ort-cuda adds a -Pcuda pass over the *OrtCuda*GpuTest classes in
# a JVM of their own (needs CUDA 12 and cuDNN 9 installed). Logs go to the work directory.
#
# Exit status: 0 every step passed (skipped GPU tests are listed, not failures; a figure over its
# goal is reported, not a failure); 1 a step failed; 2 bad usage; 3 no NVIDIA GPU or driver
# (checked before anything is built); 4 the driver or GPU is too old for segfill's CUDA 13 build.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMMAND_LINE="scripts/gpu-check.sh${*:+ $*}"

# CUDA 13.x needs driver branch 580 or newer (NVIDIA's minor-version compatibility table); the
# kernel library carries sm_80, sm_86, sm_89, sm_90 and compute_90 PTX (kernels/Makefile).
MIN_DRIVER_MAJOR=580
MIN_COMPUTE_CAPABILITY=80

work=""
bench=1
ort_cuda=0
preflight_only=0
declare -A given_bundle=([sam]="" [sdxl]="")
usage() {
  echo "usage: scripts/gpu-check.sh [--work DIR] [--no-bench] [--ort-cuda] [--sam DIR] [--sdxl DIR]" \
    "[--preflight-only]" >&2
  exit 2
}
while (($#)); do
  case "$1" in
    --work) [[ $# -ge 2 && -n "$2" ]] || usage; work="$2"; shift 2 ;;
    --no-bench) bench=0; shift ;;
    --ort-cuda) ort_cuda=1; shift ;;
    --sam|--sdxl) [[ $# -ge 2 && -n "$2" ]] || usage; given_bundle[${1#--}]="$2"; shift 2 ;;
    --preflight-only) preflight_only=1; shift ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check: unknown argument '$1'" >&2; usage ;;
  esac
done

die() {  # die STATUS MESSAGE
  echo "gpu-check: $2" >&2
  exit "$1"
}

# ---- 0. the flags' directories, before anything else (relative to where the user stands) ------
[[ -z "$work" || "$work" == /* ]] || work="$PWD/$work"
if ((!bench)) && [[ -n "${given_bundle[sam]}${given_bundle[sdxl]}" ]]; then
  die 2 "--sam, --sdxl: only the GPU figures use them, and --no-bench skips the figures"
fi
for kind in sam sdxl; do
  dir="${given_bundle[$kind]}"
  [[ -n "$dir" ]] || continue
  [[ -d "$dir" ]] || die 2 "--$kind: $dir is not a directory"
  if [[ "$kind" == sdxl && ! -f "$dir/model_index.json" ]]; then
    die 2 "--sdxl: $dir has no model_index.json, so it is not an SDXL bundle in the Optimum layout (models/README.md)"
  fi
  if [[ "$kind" == sam && -z "$(find "$dir" -maxdepth 2 -name '*.onnx' -print -quit)" ]]; then
    die 2 "--sam: $dir has no .onnx graph, so it is not a SAM bundle (models/README.md)"
  fi
  given_bundle[$kind]="$(cd "$dir" && pwd)"
done
cd "$ROOT" || exit 2

# ---- 1. driver and GPU, before any build: a machine without one learns it in a second --------
command -v nvidia-smi >/dev/null 2>&1 \
  || die 3 "no NVIDIA GPU: nvidia-smi not found (no NVIDIA driver installed, or no NVIDIA GPU here)"
if ! gpus="$(nvidia-smi --query-gpu=index,name,driver_version,compute_cap,memory.total \
    --format=csv,noheader 2>&1)"; then
  die 3 "no NVIDIA GPU: nvidia-smi failed: $(head -1 <<<"$gpus")"
fi
[[ -n "$gpus" ]] || die 3 "no NVIDIA GPU: nvidia-smi lists no device"

driver="$(head -1 <<<"$gpus" | cut -d, -f3 | tr -d ' ')"
driver_major="${driver%%.*}"
[[ "$driver_major" =~ ^[0-9]+$ ]] || die 3 "no NVIDIA GPU: cannot read the driver version from '$driver'"
if ((driver_major < MIN_DRIVER_MAJOR)); then
  die 4 "NVIDIA driver $driver is too old: segfill's CUDA 13 build needs driver $MIN_DRIVER_MAJOR or newer"
fi
usable=0
while IFS=, read -r index name _ cc memory; do
  name="${name# }"
  memory="${memory# }"
  cc="$(tr -d ' ' <<<"$cc")"
  cc_num="${cc/./}"
  if [[ "$cc_num" =~ ^[0-9]+$ ]] && ((cc_num >= MIN_COMPUTE_CAPABILITY)); then
    usable=$((usable + 1))
  else
    echo "gpu-check: GPU $index ($name, compute capability $cc) is below 8.0; segfill's kernels cannot run on it" >&2
  fi
  echo "gpu-check: GPU $index: $name, compute capability $cc, $memory, driver $driver"
done <<<"$gpus"
((usable > 0)) || die 4 "no GPU with compute capability 8.0 or newer (Ampere and later) found"

if ((preflight_only)); then
  echo "gpu-check: preflight ok ($usable usable GPU(s))"
  exit 0
fi

for tool in java mvn python3; do
  command -v "$tool" >/dev/null 2>&1 || die 2 "$tool is needed (README: requirements)"
done

# ---- the rest logs to the work directory and records one result per step ---------------------
work="${work:-$(mktemp -d "${TMPDIR:-/tmp}/segfill-gpu-check.XXXXXX")}"
mkdir -p "$work/logs" || die 2 "cannot create the work directory $work"
work="$(cd "$work" && pwd)"
echo "gpu-check: work directory $work"
# The report is made from the files the steps leave here: none may come from an earlier run.
rm -f "$work"/{REPORT.md,report.json,steps.tsv,gpus.csv,figures.json,figures.md,kernel-bench.md} \
  "$work"/tests-*.json
printf '%s\n' "$gpus" >"$work/gpus.csv"

declare -a step_names=() step_results=()
failed=0
record() {  # record NAME RESULT
  step_names+=("$1")
  step_results+=("$2")
  [[ "$2" == ok* || "$2" == skipped* ]] || failed=1
}
# The line of a log that says what went wrong: the first that looks like an error, else the last.
why() {
  { grep -m1 -iE 'exception|error|unmatched|refus|not found|failed|cannot|no GPU' "$1" \
      || grep -v '^[[:space:]]*$' "$1" | tail -1; } | sed 's/^[[:space:]]*//' | cut -c1-200
}

# REPORT.md and report.json from the work directory: gpus.csv, steps.tsv, tests-N.json (one per
# test pass), figures.json and figures.md (segfill bench figures), kernel-bench.md (JMH's table).
write_report() {
  local i result=passed
  ((failed)) && result=failed
  for i in "${!step_names[@]}"; do
    printf '%s\t%s\n' "${step_names[$i]}" "${step_results[$i]}"
  done >"$work/steps.tsv"
  python3 - "$work" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$COMMAND_LINE" "$result" <<'PY'
import glob, json, os, sys
work, date, command, result = sys.argv[1:5]
def text(name):
    path = os.path.join(work, name)
    return open(path).read() if os.path.exists(path) else ""
def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]
def row(values):
    return "| " + " | ".join(str(v).replace("|", "\\|") for v in values) + " |"
gpu_keys = ("index", "name", "driver", "computeCapability", "memory")
gpus = [dict(zip(gpu_keys, cells(l.replace(",", "|"))))
        for l in text("gpus.csv").splitlines() if l.strip()]
steps = [dict(zip(("step", "result"), l.split("\t", 1))) for l in text("steps.tsv").splitlines()]
tests = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(work, "tests-*.json")))]
table = [l for l in text("kernel-bench.md").splitlines() if l.startswith("|")]
kernels = [dict(zip(cells(table[0]), cells(l))) for l in table[2:]]
json.dump({"date": date, "command": command, "result": result, "gpus": gpus, "steps": steps,
           "tests": tests, "figures": json.loads(text("figures.json") or "null"),
           "kernelBench": kernels}, open(os.path.join(work, "report.json"), "w"), indent=2)

md = ["# segfill gpu-check report", "", "- date: " + date, "- command: `%s`" % command,
      "- result: **%s**" % result, "- work directory and logs: `%s`" % work, "",
      "## GPUs (nvidia-smi)", "", row(("index", "name", "driver", "compute capability",
      "memory")), "|---|---|---|---|---|"] + [row(g.get(k, "") for k in gpu_keys) for g in gpus]
md += ["", "## Steps", "", "| step | result |", "|---|---|"]
md += [row((s["step"], s.get("result", ""))) for s in steps]
for run in tests:
    t = run["total"]
    md += ["", "## %s: %d passed, %d failed, %d skipped" % (run["step"], t["passed"],
           t["failed"], t["skipped"]), "", row(("class", "passed", "failed", "skipped",
           "why skipped, what failed")), "|---|---|---|---|---|"]
    md += [row((c["class"], c["passed"], c["failed"], c["skipped"], "; ".join(
           c["skipReasons"] + ["FAILED " + f for f in c["failures"]]))) for c in run["classes"]]
md += ["", text("figures.md").strip()
       or '## GPU figures\n\nNot measured (see the steps above).']
if table:
    md += ["", "## Kernel timings", "", "`*GpuBench` (JMH, -f 1 -wi 1 -i 3): launch, run and"
           " stream synchronisation per operation.", ""] + table
open(os.path.join(work, "REPORT.md"), "w").write("\n".join(md) + "\n")
PY
}

# Writes the report, prints it, and exits: 1 when a step failed, else 0.
finish() {
  write_report || record "report" "FAILED: could not write REPORT.md and report.json (see above)"
  echo
  cat "$work/REPORT.md" 2>/dev/null
  if ((failed)); then
    echo "gpu-check: FAILED (see the steps above; report: $work/REPORT.md, $work/report.json)"
    exit 1
  fi
  echo "gpu-check: all steps passed (report: $work/REPORT.md, $work/report.json)"
  exit 0
}

# ---- 2. build (application jar, kernels, benchmarks jar) ---------------------------------------
echo "gpu-check: building (mvn package, a few minutes the first time)..."
if mvn -B -q -DskipTests package >"$work/logs/build.log" 2>&1; then
  record "build" "ok"
else
  record "build" "FAILED: $(why "$work/logs/build.log") (log: $work/logs/build.log)"
  echo "gpu-check: the build failed; nothing else can run. See $work/logs/build.log" >&2
  finish
fi

# ---- 3. segfill devices: CUDA and TensorRT as the JVM sees them --------------------------------
if ./segfill devices >"$work/devices.json" 2>"$work/logs/devices.log"; then
  if devices_summary="$(python3 - "$work/devices.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
cuda = report.get("cuda") or {}
trt = report.get("tensorrt") or {}
def state(part):
    return "available" if part.get("available") else "unavailable (%s)" % part.get("reason")
print("cuda %s, runtime %s, driver %s; tensorrt %s" % (
    state(cuda), cuda.get("runtimeVersion") or "unknown", cuda.get("driverVersion") or "unknown",
    state(trt)))
sys.exit(0 if cuda.get("available") else 1)
PY
)"; then
    record "segfill devices" "ok: $devices_summary"
  else
    record "segfill devices" "FAILED: $devices_summary"
  fi
else
  record "segfill devices" "FAILED: $(why "$work/logs/devices.log")"
fi

# ---- 4. tiny bundles, 5. TensorRT plans from them ----------------------------------------------
if ./segfill make-test-bundles --out "$work/bundles" >"$work/logs/bundles.log" 2>&1; then
  record "make-test-bundles" "ok: $(cd "$work/bundles" && echo *)"
  for bundle in "$work"/bundles/*/; do
    bundle="${bundle%/}"
    name="$(basename "$bundle")"
    log="$work/logs/build-engines-$name.log"
    start=$SECONDS
    # The default output, DIR/engines/, is where `serve --backend tensorrt` looks.
    if ./segfill build-engines --bundle "$bundle" >"$log" 2>&1; then
      record "build-engines $name" "ok: $((SECONDS - start)) s, $(find "$bundle/engines" -type f | wc -l) file(s)"
    else
      record "build-engines $name" "FAILED: $(why "$log") (log: $log)"
    fi
  done
else
  record "make-test-bundles" "FAILED: $(why "$work/logs/bundles.log")"
fi

# ---- 6. the CLI end to end on each backend, where the CLI offers --backend ----------------------
# A 96x64 photo stand-in: a red square on blue, which the tiny SAM segments by colour.
python3 - "$work/photo.png" <<'PY'
import struct, sys, zlib
w, h = 96, 64
rows = b"".join(b"\0" + b"".join(
    bytes((220, 30, 30)) if 30 <= x < 60 and 20 <= y < 44 else bytes((40, 60, 200))
    for x in range(w)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
for backend in ort-cpu tensorrt; do
  if ! ./segfill segment --help 2>&1 | grep -q -- '--backend'; then
    record "segment, inpaint" "skipped: this build's CLI has no --backend option"
    break
  fi
  log="$work/logs/segment-$backend.log"
  if ./segfill segment --backend "$backend" --sam "$work/bundles/sam-onnx" \
      --image "$work/photo.png" --point 45,32 --out "$work/mask-$backend.png" >"$log" 2>&1; then
    record "segment ($backend)" "ok"
  else
    record "segment ($backend)" "FAILED: $(why "$log") (log: $log)"
    continue
  fi
  log="$work/logs/inpaint-$backend.log"
  mkdir -p "$work/inpaint-$backend"
  if ./segfill inpaint --backend "$backend" --sdxl "$work/bundles/sdxl" \
      --image "$work/photo.png" --mask "$work/mask-$backend.png" --prompt "a green wall" \
      --steps 4 --seed 1 --out-dir "$work/inpaint-$backend" >"$log" 2>&1; then
    record "inpaint ($backend)" "ok"
  else
    record "inpaint ($backend)" "FAILED: $(why "$log") (log: $log)"
  fi
done
if [[ -f "$work/mask-ort-cpu.png" && -f "$work/mask-tensorrt.png" ]]; then
  # Informational: FP16 plans may flip a pixel at the threshold; the GPU tests hold the tolerance.
  if cmp -s "$work/mask-ort-cpu.png" "$work/mask-tensorrt.png"; then
    echo "gpu-check: the tensorrt and ort-cpu masks are identical"
  else
    echo "gpu-check: the tensorrt and ort-cpu masks differ (see $work/mask-*.png)"
  fi
fi

# ---- 7. GPU tests: every *GpuTest class of every module ----------------------------------------
# Per-class counts, skip reasons and failed tests of the surefire reports written after STAMP
# (older ones from earlier runs stay in target/ too), into OUT for the report; prints the totals.
summarize_tests() {  # summarize_tests STAMP STEP OUT.json
  python3 - "$ROOT" "$@" <<'PY'
import glob, json, os, sys, xml.etree.ElementTree as ET
root, stamp, step, out = sys.argv[1], os.path.getmtime(sys.argv[2]), sys.argv[3], sys.argv[4]
classes = []
for path in sorted(glob.glob(os.path.join(root, "*", "target", "surefire-reports", "TEST-*GpuTest.xml"))):
    if os.path.getmtime(path) < stamp:
        continue
    suite = ET.parse(path).getroot()
    c = {"class": suite.get("name").rsplit(".", 1)[-1], "passed": 0, "failed": 0, "skipped": 0,
         "skipReasons": [], "failures": []}
    for case in suite.iter("testcase"):
        skip = case.find("skipped")
        if case.find("failure") is not None or case.find("error") is not None:
            c["failed"] += 1
            c["failures"].append(case.get("name"))
        elif skip is not None:
            c["skipped"] += 1
            body = (skip.text or "").strip().splitlines()
            reason = skip.get("message") or (body[0] if body else "no reason given")
            if reason not in c["skipReasons"]:
                c["skipReasons"].append(reason)
        else:
            c["passed"] += 1
    classes.append(c)
total = {k: sum(c[k] for c in classes) for k in ("passed", "failed", "skipped")}
json.dump({"step": step, "total": total, "classes": classes}, open(out, "w"), indent=2)
print("%(passed)d passed, %(failed)d failed, %(skipped)d skipped" % total)
PY
}

test_passes=0
run_gpu_tests() {  # run_gpu_tests STEP LOG MAVEN_ARGS...: one mvn verify pass, recorded as STEP
  local step="$1" log="$work/logs/$2" stamp="$work/logs/$2.stamp" status line
  local passed failed
  shift 2
  touch "$stamp"
  test_passes=$((test_passes + 1))
  echo "gpu-check: $step..."
  mvn -B verify -Dsurefire.failIfNoSpecifiedTests=false "$@" >"$log" 2>&1
  status=$?
  line="$(summarize_tests "$stamp" "$step" "$work/tests-$test_passes.json")"
  read -r passed _ failed _ <<<"$line"
  if [[ $status -eq 0 && "${failed:-x}" == 0 && "${passed:-0}" -gt 0 ]]; then
    record "$step" "ok: $line"
  else
    record "$step" "FAILED: ${line:-no report} (mvn exit $status; log: $log)"
  fi
}

run_gpu_tests "GPU tests" gpu-tests.log -Dtest='*GpuTest'
if ((ort_cuda)); then
  # ONNX Runtime's CUDA provider is CUDA 12 and must not share a JVM with the CUDA 13 TensorRT
  # path (README, "On an NVIDIA GPU"): its tests get their own build and test JVM.
  run_gpu_tests "GPU tests, -Pcuda (ort-cuda)" gpu-tests-ort-cuda.log -Pcuda -Dtest='*OrtCuda*GpuTest'
  # Put the default build back: ./segfill would otherwise keep running the -Pcuda jar.
  if ! mvn -B -q -DskipTests package >"$work/logs/rebuild.log" 2>&1; then
    record "rebuild without -Pcuda" "FAILED: $(why "$work/logs/rebuild.log")"
  fi
fi

# ---- 8. CUDA benchmarks: every *GpuBench JMH suite ---------------------------------------------
if ((bench)); then
  echo "gpu-check: running the GPU benchmarks (GpuBench, short run)..."
  if java -jar bench/target/benchmarks.jar GpuBench -f 1 -wi 1 -i 3 -foe true \
      >"$work/logs/bench.log" 2>&1; then
    grep '^|' "$work/logs/bench.log" >"$work/kernel-bench.md"
    record "GPU benchmarks" "ok: $(grep -c '^| [A-Za-z]*GpuBench' "$work/kernel-bench.md") rows"
  else
    record "GPU benchmarks" "FAILED: $(why "$work/logs/bench.log") (log: $work/logs/bench.log)"
  fi
else
  record "GPU benchmarks" "skipped: --no-bench"
fi

# ---- 9. GPU figures: memory, inpaint, the step outside the UNet, SAM (bench/README.md) --------
# On the bundles given with --sam/--sdxl (plans built first where missing), else on the tiny ones
# of step 4, which then only exercise the path: the figures say so and judge no goal there.
if ((bench)); then
  declare -A tiny_bundle=([sam]="$work/bundles/sam-onnx" [sdxl]="$work/bundles/sdxl")
  figures_args=()
  test_bundles=()
  for kind in sam sdxl; do
    dir="${given_bundle[$kind]}"
    if [[ -z "$dir" ]]; then
      figures_args+=("--$kind" "${tiny_bundle[$kind]}")
      test_bundles+=("$kind")
      continue
    fi
    figures_args+=("--$kind" "$dir")
    if [[ ! -f "$dir/engines/manifest.json" ]]; then
      log="$work/logs/build-engines-given-$kind.log"
      start=$SECONDS
      echo "gpu-check: building TensorRT plans for --$kind $dir (segfill build-engines)..."
      if ./segfill build-engines --bundle "$dir" >"$log" 2>&1; then
        record "build-engines --$kind" "ok: $((SECONDS - start)) s, into $dir/engines"
      else
        record "build-engines --$kind" "FAILED: $(why "$log") (log: $log)"
      fi
    fi
  done
  if ((${#test_bundles[@]})); then
    figures_args+=(--test-bundles "$(IFS=,; echo "${test_bundles[*]}")")
  fi
  log="$work/logs/figures.log"
  echo "gpu-check: measuring the GPU figures (segfill bench figures, a few minutes on real bundles)..."
  if ./segfill bench figures "${figures_args[@]}" --out "$work/figures.json" \
      --markdown "$work/figures.md" >"$log" 2>&1; then
    record "GPU figures" "ok: $(sed -n 's/^figures: \(.*\); wrote .*/\1/p' "$log" | tail -1)"
  else
    record "GPU figures" "FAILED: $(why "$log") (log: $log)"
  fi
else
  record "GPU figures" "skipped: --no-bench"
fi

# ---- report ------------------------------------------------------------------------------------
finish
