#!/usr/bin/env bash
# End-to-end load test of the sample application, on loopback only.
#
#   benchmarks/e2e/run.sh            throughput and latency of GET /api/hello per configuration
#   benchmarks/e2e/run.sh --memory   heap after a full GC, before and after MEMORY_SECONDS of
#                                    Checkly traffic while the OTLP endpoint is down
#
# Each configuration runs in a JVM of its own, all started at once and pinned to one CPU. Each is
# warmed up in turn for WARMUP (a JVM on one CPU takes over a minute for its JIT to settle: its
# throughput triples in that time), then the measured windows rotate between them, round after
# round, so that slow drifts of the host touch every configuration alike.
#
# Configurations:
#   none             no tracing: checkly.enabled=false, otel.sdk.disabled=true, and every
#                    OpenTelemetry instrumentation off (otel.instrumentation.common.default-enabled)
#   checkly-plain    this starter, plain requests: the filter and sampler run, nothing is recorded
#   checkly-foreign  this starter, every request carries another system's sampled traceparent and
#                    a tracestate: extracted and passed through, nothing is recorded (not in the
#                    default CONFIGS; add it by name)
#   checkly-traffic  this starter, every request carries tracestate: checkly=true and a fresh
#                    traceparent: every request is traced and exported to the local OTLP sink
#   otel-always-on   the same jar with the sample app's otel-always-on profile, which replaces the
#                    Checkly sampler by always_on, under the same traffic as checkly-traffic: every
#                    request traced and exported, as with OpenTelemetry's starter alone
#   agent-default    the same jar under the OpenTelemetry Java agent alone, with its defaults
#                    (parentbased_always_on, metrics and logs on), plain requests: every one traced
#   agent-off        the agent alone with otel.traces.sampler=always_off and, as the extension
#                    has by default, no metrics or logs exporter, plain requests: its
#                    instrumentation runs, nothing is recorded
#   agent-checkly    the agent with the Checkly extension (checkly-otel-javaagent-extension),
#                    plain requests: the extension's boundary and sampler run, nothing is recorded
#                    (the agent-* configurations are not in the default CONFIGS; add them by name)
# Every tracing configuration exports over OTLP/HTTP to an OtlpSink.java of its own, so that the
# exports of each are counted apart; configuration n listens on APP_PORT+n, its sink on SINK_PORT+n.
#
# Environment (defaults in brackets): ROUNDS [5], DURATION [10s], WARMUP [120s, 0 to skip],
# CONNECTIONS [16], THREADS [1] (wrk), CONFIGS [all four, space-separated], APP_PORT [18080],
# SINK_PORT [14318], DOWN_PORT [14399] (--memory: a port nothing listens on), MEMORY_SECONDS [60],
# APP_JAVA_OPTS [none] (extra JVM options for the sample app), STARTUP_TIMEOUT [120] seconds,
# REBUILD [0] (1: rebuild the sample app jar first; it is built anyway when missing).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=$ROOT/sample-app/target/sample-app-0.1.0-SNAPSHOT.jar
EXTENSION_JAR=$ROOT/checkly-otel-javaagent-extension/target/checkly-otel-javaagent-extension-0.1.0-SNAPSHOT.jar
AGENT_VERSION=2.31.1
AGENT_JAR=$ROOT/benchmarks/target/opentelemetry-javaagent-$AGENT_VERSION.jar

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-120s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
CONFIGS=${CONFIGS:-none checkly-plain checkly-traffic otel-always-on}
APP_PORT=${APP_PORT:-18080}
SINK_PORT=${SINK_PORT:-14318}
DOWN_PORT=${DOWN_PORT:-14399}
MEMORY_SECONDS=${MEMORY_SECONDS:-60}
APP_JAVA_OPTS=${APP_JAVA_OPTS:-}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-120}
REBUILD=${REBUILD:-0}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

MODE=load
case "${1:-}" in
  "") ;;
  --memory) MODE=memory ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

USES_AGENT=0
for config in $CONFIGS; do
  case $config in
    none | checkly-plain | checkly-foreign | checkly-traffic | otel-always-on) ;;
    agent-default | agent-off | agent-checkly) USES_AGENT=1 ;;
    *) die "unknown configuration '$config' in CONFIGS" ;;
  esac
done

# Converts a wrk duration (20, 20s, 2m, 1h) to seconds.
to_seconds() {
  case $1 in
    *h) echo $((${1%h} * 3600)) ;;
    *m) echo $((${1%m} * 60)) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
DURATION_S=$(to_seconds "$DURATION")
WARMUP_S=$(to_seconds "$WARMUP")

# --- tools -----------------------------------------------------------------------------------

if ! command -v wrk >/dev/null; then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
  log "installing wrk"
  if ! apt-cache policy wrk 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    "${SUDO[@]}" apt-get update -q
  fi
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q wrk >/dev/null
fi
for tool in java jcmd curl; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

if [ ! -f "$JAR" ] || [ "$REBUILD" = 1 ]; then
  log "building the sample app"
  (cd "$ROOT" && ./mvnw -q -B -ntp package -DskipTests -pl sample-app -am)
elif [ -n "$(find "$ROOT/sample-app/src/main" "$ROOT/checkly-otel-autoconfigure/src/main" \
  -type f -newer "$JAR" -print -quit)" ]; then
  log "warning: sources changed since $JAR was built; REBUILD=1 rebuilds it"
fi

if [ "$USES_AGENT" = 1 ]; then
  if [ ! -f "$EXTENSION_JAR" ] || [ "$REBUILD" = 1 ]; then
    log "building the Checkly extension for the Java agent"
    (cd "$ROOT" && ./mvnw -q -B -ntp package -DskipTests -pl checkly-otel-javaagent-extension -am)
  fi
  if [ ! -f "$AGENT_JAR" ]; then
    log "fetching the OpenTelemetry Java agent $AGENT_VERSION from Maven Central"
    (cd "$ROOT" && ./mvnw -q -B -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$AGENT_VERSION \
      -DoutputDirectory="$(dirname "$AGENT_JAR")")
  fi
fi

# The app on CPU 0, the load generator and the sink on CPU 1, so that wrk does not steal the
# app's CPU. With one CPU everything shares it, and the numbers say less.
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  APP_CPU=(taskset -c 0)
  LOAD_CPU=(taskset -c 1)
  log "pinning: sample app on CPU 0, wrk and the OTLP sink on CPU 1 (nproc=$(nproc))"
else
  APP_CPU=()
  LOAD_CPU=()
  log "not pinning: nproc=$(nproc) (or no taskset); the app and wrk share the CPU"
fi

# --- processes -------------------------------------------------------------------------------

WORK=$(mktemp -d "${TMPDIR:-/tmp}/checkly-e2e.XXXXXX")
declare -A APP_PIDS=() APP_PORTS=() SINK_PIDS=() SINK_PORTS=()

stop_pid() { # pid name
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$2 did not stop in 20 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

stop_app() { # config
  if [ -n "${APP_PIDS[$1]:-}" ]; then
    stop_pid "${APP_PIDS[$1]}" "sample app ($1)"
    unset "APP_PIDS[$1]"
  fi
}

stop_sink() { # config
  if [ -n "${SINK_PIDS[$1]:-}" ]; then
    stop_pid "${SINK_PIDS[$1]}" "OTLP sink ($1)"
    unset "SINK_PIDS[$1]"
  fi
}

cleanup() {
  local status=$? config
  for config in "${!APP_PIDS[@]}"; do stop_app "$config"; done
  for config in "${!SINK_PIDS[@]}"; do stop_sink "$config"; done
  if [ "$status" -eq 0 ]; then
    rm -rf "$WORK"
  else
    log "logs kept in $WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { # port
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_sink() { # config port
  port_in_use "$2" && die "port $2 (for the sink of $1) is already in use"
  "${LOAD_CPU[@]}" java -Xmx128m "$HERE/OtlpSink.java" "$2" >"$WORK/sink-$1.log" 2>&1 &
  SINK_PIDS[$1]=$!
  SINK_PORTS[$1]=$2
  local i
  for i in $(seq 1 60); do
    curl -fsS --max-time 2 "http://127.0.0.1:$2/stats" >/dev/null 2>&1 && return 0
    kill -0 "${SINK_PIDS[$1]}" 2>/dev/null || { cat "$WORK/sink-$1.log" >&2; die "the OTLP sink did not start"; }
    sleep 0.5
  done
  die "the OTLP sink did not answer within 30 s"
}

sink_requests() { # config
  curl -fsS --max-time 5 "http://127.0.0.1:${SINK_PORTS[$1]}/stats" | sed -n 's/^requests=\([0-9]*\).*/\1/p'
}

app_args() { # config endpoint
  case $1 in
    none)
      echo --checkly.enabled=false --otel.sdk.disabled=true \
        --otel.instrumentation.common.default-enabled=false
      ;;
    checkly-plain | checkly-foreign)
      echo "--otel.exporter.otlp.endpoint=$2" --otel.exporter.otlp.protocol=http/protobuf
      ;;
    checkly-traffic)
      # Every request is Checkly's here: lift the spoofing cap, or it would trace only 50 a second.
      echo "--otel.exporter.otlp.endpoint=$2" --otel.exporter.otlp.protocol=http/protobuf \
        --checkly.rate-limit.enabled=false
      ;;
    otel-always-on)
      echo "--otel.exporter.otlp.endpoint=$2" --otel.exporter.otlp.protocol=http/protobuf \
        --spring.profiles.active=otel-always-on
      ;;
  esac
}

jvm_args() { # config endpoint -> JVM options: the agent's configuration, as system properties
  case $1 in
    agent-*)
      echo "-javaagent:$AGENT_JAR" "-Dotel.exporter.otlp.endpoint=$2" \
        -Dotel.exporter.otlp.protocol=http/protobuf -Dotel.service.name="e2e-$1"
      ;;
  esac
  case $1 in
    # Traces only, as with the extension's defaults: the difference is then the extension alone.
    agent-off) echo -Dotel.traces.sampler=always_off -Dotel.metrics.exporter=none -Dotel.logs.exporter=none ;;
    agent-checkly) echo "-Dotel.javaagent.extensions=$EXTENSION_JAR" ;;
  esac
}

start_app() { # config endpoint port
  port_in_use "$3" && die "port $3 (for $1) is already in use"
  local args jvm
  # shellcheck disable=SC2207
  args=($(app_args "$1" "$2"))
  # shellcheck disable=SC2207
  jvm=($(jvm_args "$1" "$2"))
  # shellcheck disable=SC2086
  "${APP_CPU[@]}" java $APP_JAVA_OPTS "${jvm[@]}" -jar "$JAR" "--server.port=$3" "${args[@]}" \
    >"$WORK/app-$1.log" 2>&1 &
  APP_PIDS[$1]=$!
  APP_PORTS[$1]=$3
  local deadline=$((SECONDS + STARTUP_TIMEOUT))
  while ! curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$3/api/hello" 2>/dev/null; do
    if ! kill -0 "${APP_PIDS[$1]}" 2>/dev/null; then
      tail -n 40 "$WORK/app-$1.log" >&2
      unset "APP_PIDS[$1]"
      die "the sample app ($1) exited during startup"
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "the sample app ($1) did not answer in ${STARTUP_TIMEOUT} s"
    sleep 0.5
  done
}

run_wrk() { # duration-seconds config -> prints the RESULT line
  local checkly=0 foreign=0
  case $2 in checkly-traffic | otel-always-on) checkly=1 ;; checkly-foreign) foreign=1 ;; esac
  WRK_CHECKLY=$checkly WRK_FOREIGN=$foreign timeout --kill-after=5 $(($1 + 30)) "${LOAD_CPU[@]}" \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${1}s" --timeout 5s -s "$HERE/wrk.lua" \
    "http://127.0.0.1:${APP_PORTS[$2]}/api/hello" >"$WORK/wrk.out" 2>&1 || {
    cat "$WORK/wrk.out" >&2
    die "wrk failed"
  }
  grep '^RESULT ' "$WORK/wrk.out" | sed 's/^RESULT //' || die "no RESULT line from wrk"
}

field() { # name line
  sed -n "s/.*\\b$1=\\([0-9.]*\\).*/\\1/p" <<<"$2"
}

# Heap used after a full GC, in MB, from GC.heap_info (G1, Serial, Parallel or Z).
heap_after_gc_mb() { # config
  local pid=${APP_PIDS[$1]}
  jcmd "$pid" GC.run >/dev/null
  jcmd "$pid" GC.heap_info | awk '
    /garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen|ZHeap/ {
      if (match($0, /used [0-9]+[KMG]/)) {
        v = substr($0, RSTART + 5, RLENGTH - 6); u = substr($0, RSTART + RLENGTH - 1, 1)
        kb += (u == "K") ? v : (u == "M") ? v * 1024 : v * 1024 * 1024; found = 1
      }
    }
    END { if (!found) exit 1; printf "%.1f\n", kb / 1024 }' ||
    die "could not read the heap from: jcmd $pid GC.heap_info"
}

rss_mb() { # config
  awk '/^VmRSS:/ { printf "%.1f\n", $2 / 1024 }' "/proc/${APP_PIDS[$1]}/status"
}

STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS=$HERE/results-$STAMP.txt
{
  echo "# benchmarks/e2e/run.sh ${1:-} $(date -Iseconds)"
  echo "# ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS"
  echo "# CONFIGS=$CONFIGS MEMORY_SECONDS=$MEMORY_SECONDS APP_JAVA_OPTS=$APP_JAVA_OPTS nproc=$(nproc)"
  echo "# java: $(java -version 2>&1 | head -n 1)"
} >"$RESULTS"

# --- memory mode -----------------------------------------------------------------------------

if [ "$MODE" = memory ]; then
  port_in_use "$DOWN_PORT" && die "port $DOWN_PORT (DOWN_PORT) must be closed, but something listens"
  endpoint=http://127.0.0.1:$DOWN_PORT
  log "memory: Checkly traffic, OTLP endpoint $endpoint is down"
  start_app checkly-traffic "$endpoint" "$APP_PORT"
  if [ "$WARMUP_S" -gt 0 ]; then
    log "warm-up: $WARMUP_S s"
    run_wrk "$WARMUP_S" checkly-traffic >/dev/null
  fi
  start_heap=$(heap_after_gc_mb checkly-traffic)
  start_rss=$(rss_mb checkly-traffic)
  log "heap after full GC at start: $start_heap MB (RSS $start_rss MB); load for $MEMORY_SECONDS s"
  result=$(run_wrk "$MEMORY_SECONDS" checkly-traffic)
  end_heap=$(heap_after_gc_mb checkly-traffic)
  end_rss=$(rss_mb checkly-traffic)
  export_failures=$(grep -c -i 'failed to export' "$WORK/app-checkly-traffic.log" || true)
  stop_app checkly-traffic
  {
    echo "mode=memory phase=start heap_after_gc_mb=$start_heap rss_mb=$start_rss"
    echo "mode=memory phase=end seconds=$MEMORY_SECONDS heap_after_gc_mb=$end_heap rss_mb=$end_rss $result export_failure_log_lines=$export_failures"
  } >>"$RESULTS"
  echo
  echo "Memory, Checkly traffic with the OTLP endpoint down ($endpoint), $CONNECTIONS connections:"
  echo
  echo "| when | heap used after full GC (MB) | RSS (MB) |"
  echo "| --- | ---: | ---: |"
  echo "| after ${WARMUP_S} s warm-up | $start_heap | $start_rss |"
  echo "| after $MEMORY_SECONDS s more load | $end_heap | $end_rss |"
  echo
  echo "Heap change: $(awk -v a="$start_heap" -v b="$end_heap" 'BEGIN { printf "%+.1f MB", b - a }')." \
    "Load: $(field rps "$result") req/s, $(field requests "$result") requests," \
    "$(field errors "$result") errors; 'failed to export' log lines: $export_failures."
  echo "Raw numbers: $RESULTS"
  exit 0
fi

# --- load mode -------------------------------------------------------------------------------

WARNINGS=()
index=0
for config in $CONFIGS; do
  start_sink "$config" $((SINK_PORT + index))
  log "starting $config on port $((APP_PORT + index))"
  start_app "$config" "http://127.0.0.1:${SINK_PORTS[$config]}" $((APP_PORT + index))
  index=$((index + 1))
done
if [ "$WARMUP_S" -gt 0 ]; then
  for config in $CONFIGS; do
    # In windows of at most 10 s, to show the JIT settling in the log.
    left=$WARMUP_S
    curve=
    while [ "$left" -gt 0 ]; do
      window=$((left < 10 ? left : 10))
      curve="$curve $(field rps "$(run_wrk "$window" "$config")" | awk '{ printf "%.0f", $1 }')"
      left=$((left - window))
    done
    log "warm-up of $config, requests/s per window:$curve"
    echo "# warm-up config=$config rps_per_window=${curve# }" >>"$RESULTS"
  done
fi
log "$ROUNDS round(s) of: $CONFIGS; measured $DURATION_S s each," \
  "$CONNECTIONS connections, $THREADS wrk thread(s)"
for round in $(seq 1 "$ROUNDS"); do
  # Odd rounds run the configurations in order, even rounds in reverse, so drift over the run
  # does not favour one position.
  order=$CONFIGS
  if [ $((round % 2)) -eq 0 ]; then
    order=$(echo "$CONFIGS" | tr ' ' '\n' | tac | tr '\n' ' ')
  fi
  for config in $order; do
    before=$(sink_requests "$config")
    result=$(run_wrk "$DURATION_S" "$config")
    exports=$(($(sink_requests "$config") - before))
    line="config=$config round=$round $result exports=$exports"
    echo "$line" >>"$RESULTS"
    log "round $round/$ROUNDS: $line"
  done
done
for config in $CONFIGS; do
  before=$(sink_requests "$config")
  stop_app "$config" # flushes the batch span processor to the sink
  total=$(sink_requests "$config")
  stop_sink "$config"
  case $config in
    none | checkly-plain | checkly-foreign | agent-off | agent-checkly)
      [ "$total" -eq 0 ] || WARNINGS+=("$config: its sink received $total exports, expected none")
      ;;
    checkly-traffic | otel-always-on | agent-default)
      [ "$total" -gt "$before" ] || [ "$total" -gt 0 ] || WARNINGS+=("$config: nothing was exported")
      ;;
  esac
done

median() { # values on stdin, one a line
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "n/a"; exit }
    if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

column() { # config field
  grep "^config=$1 " "$RESULTS" | sed -n "s/.*\\b$2=\\([0-9.]*\\).*/\\1/p"
}

none_rps=n/a
if grep -q '^config=none ' "$RESULTS"; then
  none_rps=$(column none rps | median)
fi

echo
echo "GET /api/hello, $ROUNDS round(s) of $DURATION_S s after $WARMUP_S s warm-up per JVM," \
  "$CONNECTIONS connections, $THREADS wrk thread(s); medians over rounds:"
echo
round_ratios() { # config baseline -> one ratio a line, requests/s in the same round
  join <(grep "^config=$1 " "$RESULTS" | sed -n 's/.*round=\([0-9]*\).*rps=\([0-9.]*\).*/\1 \2/p' | sort) \
    <(grep "^config=$2 " "$RESULTS" | sed -n 's/.*round=\([0-9]*\).*rps=\([0-9.]*\).*/\1 \2/p' | sort) |
    awk '{ if ($3 > 0) printf "%.3f\n", $2 / $3 }'
}

ratio_summary() { # config baseline -> "median (min-max)" of the per-round ratios
  local values
  values=$(round_ratios "$1" "$2")
  [ -n "$values" ] || { echo n/a; return; }
  printf '%s (%s-%s)' "$(echo "$values" | median | awk '{ printf "%.2f", $1 }')" \
    "$(echo "$values" | sort -g | head -n 1 | awk '{ printf "%.2f", $1 }')" \
    "$(echo "$values" | sort -g | tail -n 1 | awk '{ printf "%.2f", $1 }')"
}

echo "| configuration | requests/s | p50 (µs) | p99 (µs) | requests/s vs none | per-round ratio vs none | errors | OTLP exports |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for config in $CONFIGS; do
  rps=$(column "$config" rps | median)
  p50=$(column "$config" p50_us | median)
  p99=$(column "$config" p99_us | median)
  errors=$(column "$config" errors | awk '{ s += $1 } END { print s + 0 }')
  exports=$(column "$config" exports | awk '{ s += $1 } END { print s + 0 }')
  ratio=$(awk -v a="$rps" -v b="$none_rps" 'BEGIN { if (b == "n/a" || b == 0) print "n/a"; else printf "%.3f\n", a / b }')
  printf '| %s | %.0f | %.0f | %.0f | %s | %s | %s | %s |\n' "$config" "$rps" "$p50" "$p99" "$ratio" \
    "$(ratio_summary "$config" none)" "$errors" "$exports"
done
for pair in "agent-checkly agent-off" "agent-checkly agent-default"; do
  set -- $pair
  if grep -q "^config=$1 " "$RESULTS" && grep -q "^config=$2 " "$RESULTS"; then
    echo
    echo "$1 vs $2, per round: $(ratio_summary "$1" "$2")"
  fi
done
if grep -q '^config=checkly-traffic ' "$RESULTS" && grep -q '^config=otel-always-on ' "$RESULTS"; then
  echo
  echo "checkly-traffic vs otel-always-on, per round: $(ratio_summary checkly-traffic otel-always-on)"
fi
echo
echo "errors: wrk socket errors and non-2xx/3xx responses, summed over rounds." \
  "OTLP exports: POSTs its sink received during the measured windows, summed over rounds."
echo "Raw numbers: $RESULTS"
for warning in "${WARNINGS[@]}"; do
  echo "WARNING: $warning"
done
