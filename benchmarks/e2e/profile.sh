#!/usr/bin/env bash
# CPU profile of the sample application under load, on loopback only: where a request's CPU goes.
#
#   benchmarks/e2e/profile.sh NAME TRAFFIC [application arguments...]
#
# TRAFFIC is plain, foreign or checkly, as in run.sh (wrk.lua). The sample app's jar runs pinned to
# CPU 0 and wrk loads GET /api/hello from CPU 1 with 16 connections for WARMUP; then async-profiler
# (tools.profiler:async-profiler, fetched from Maven Central with the Maven wrapper) samples the
# application's CPU time for DURATION under the same load, and writes
# benchmarks/target/profiles/NAME.collapsed: one line per distinct stack, frames from the thread's
# root down, then its sample count. ProfileDiff.java compares two profiles.
#
# The configurations of issue 22's profiles:
#   profile.sh none plain --checkly.enabled=false --otel.sdk.disabled=true \
#     --otel.instrumentation.common.default-enabled=false
#   profile.sh plain plain --otel.exporter.otlp.endpoint=http://127.0.0.1:1/
#   profile.sh foreign foreign --otel.exporter.otlp.endpoint=http://127.0.0.1:1/
#
# Environment (defaults in brackets): WARMUP [90s], DURATION [60s], PORT [18180],
# JAR [sample-app/target/sample-app-0.1.0-SNAPSHOT.jar].
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
NAME=${1:?NAME}
TRAFFIC=${2:?TRAFFIC: plain, foreign or checkly}
shift 2
WARMUP=${WARMUP:-90s}
DURATION=${DURATION:-60s}
PORT=${PORT:-18180}
JAR=${JAR:-$ROOT/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar}
PROFILER_VERSION=4.2
OUT=$ROOT/benchmarks/target/profiles
LIB=$OUT/async-profiler-$PROFILER_VERSION/linux-x64/libasyncProfiler.so
mkdir -p "$OUT"

case "$TRAFFIC" in
  plain) LOAD_ENV=() ;;
  foreign) LOAD_ENV=(WRK_FOREIGN=1) ;;
  checkly) LOAD_ENV=(WRK_CHECKLY=1) ;;
  *) echo "TRAFFIC must be plain, foreign or checkly" >&2; exit 2 ;;
esac
. "$HERE/wrk.sh"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -ntp package -DskipTests -pl sample-app -am)
if [ ! -f "$LIB" ]; then
  (cd "$ROOT" && ./mvnw -q -B -ntp dependency:copy \
    -Dartifact=tools.profiler:async-profiler:$PROFILER_VERSION:jar:linux-x64 \
    -DoutputDirectory="$OUT")
  (cd "$OUT" && mkdir -p "async-profiler-$PROFILER_VERSION" \
    && unzip -qo "async-profiler-$PROFILER_VERSION-linux-x64.jar" 'linux-x64/*' \
      -d "async-profiler-$PROFILER_VERSION")
fi

taskset -c 0 java -jar "$JAR" --server.port="$PORT" "$@" >"$OUT/$NAME.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/api/hello" >/dev/null && break
  sleep 1
done
load() {
  env "${LOAD_ENV[@]}" taskset -c 1 wrk -t1 -c16 -d"$1" -s "$HERE/wrk.lua" \
    "http://127.0.0.1:$PORT/api/hello" | grep RESULT
}
echo "[profile] $NAME: warm-up $(load "$WARMUP")"
# jcmd parses name=value pairs itself: the agent's options go quoted, as one argument.
jcmd $APP JVMTI.agent_load "$LIB" '"start,event=ctimer,interval=1ms"' >/dev/null
echo "[profile] $NAME: profiled $(load "$DURATION")"
jcmd $APP JVMTI.agent_load "$LIB" "\"stop,file=$OUT/$NAME.collapsed,collapsed\"" >/dev/null
echo "[profile] wrote $OUT/$NAME.collapsed"
