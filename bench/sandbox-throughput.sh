#!/usr/bin/env bash
# Sandbox gateway throughput: the sandbox (SandboxMain) pinned to CPU 0, the load generator
# (src/test/java/.../SandboxThroughput) to CPU 1. Prints requests per second.
#
#   bench/sandbox-throughput.sh                      # no latency, 64 in flight
#   LATENCY_MS=100 CONCURRENCY=256 bench/sandbox-throughput.sh
#
# Environment: SECONDS_RUN (10), CONCURRENCY (64), PASSES (1000), LATENCY_MS (0), KEY_BITS (2048),
# WORKERS (sandbox default), SANDBOX_CPU (0), CLIENT_CPU (1), SANDBOX_JAVA_OPTS (e.g. a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN=${SECONDS_RUN:-10}
CONCURRENCY=${CONCURRENCY:-64}
PASSES=${PASSES:-1000}
LATENCY_MS=${LATENCY_MS:-0}
KEY_BITS=${KEY_BITS:-2048}
SANDBOX_CPU=${SANDBOX_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
APP_ID=2021000000000099

mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() { [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

PIN_SANDBOX=(); PIN_CLIENT=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  PIN_SANDBOX=(taskset -c "$SANDBOX_CPU"); PIN_CLIENT=(taskset -c "$CLIENT_CPU")
else
  echo "warning: taskset or a second CPU is missing; the sandbox is not pinned to one core" >&2
fi

java -cp "$CP" io.alipass.camel.sandbox.SandboxThroughput keygen "$WORK/app"
"${PIN_SANDBOX[@]}" java ${SANDBOX_JAVA_OPTS:-} -cp "$CP" io.alipass.camel.sandbox.SandboxMain --port 0 --app-id "$APP_ID" \
  --app-public-key "$WORK/app/app_public_key.txt" --keys-dir "$WORK/sandbox-keys" --key-bits "$KEY_BITS" \
  --latency-ms "$LATENCY_MS" ${WORKERS:+--workers "$WORKERS"} > "$WORK/sandbox.out" 2>&1 &
SANDBOX_PID=$!  # java itself: taskset execs it
for _ in $(seq 1 100); do grep -q '^Alipay sandbox gateway:' "$WORK/sandbox.out" && break; sleep 0.2; done
URL=$(sed -n 's/^Alipay sandbox gateway: *//p' "$WORK/sandbox.out")
[ -n "$URL" ] || { cat "$WORK/sandbox.out"; exit 1; }
echo "sandbox: $URL (cpu ${SANDBOX_CPU}, latency ${LATENCY_MS} ms, ${KEY_BITS}-bit Alipay key); ${CONCURRENCY} in flight, ${PASSES} passes"

"${PIN_CLIENT[@]}" java -cp "$CP" io.alipass.camel.sandbox.SandboxThroughput run --url "$URL" --app-id "$APP_ID" \
  --app-private-key "$WORK/app/app_private_key.txt" --alipay-public-key "$WORK/sandbox-keys/alipay_public_key.txt" \
  --seconds "$SECONDS_RUN" --concurrency "$CONCURRENCY" --passes "$PASSES" --sandbox-pid "$SANDBOX_PID"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
