#!/usr/bin/env bash
# End-to-end load test of the sample application, on loopback only.
#
#   benchmarks/e2e/run.sh            throughput and latency of GET /api/hello per configuration
#   benchmarks/e2e/run.sh --memory   heap after a full GC, before and after MEMORY_SECONDS of
#                                    Checkly traffic while the OTLP endpoint is down
#
# Each configuration runs in a JVM of its own, all started at once and pinned to one CPU. Each is
# warmed up in turn for WARMUP (a JVM on one CPU takes over a minute for its JIT to settle: its
# throughput triples in that time), then the measured windows rotate between them, in a random
# order each round (SEED makes it repeatable), so that slow drifts of the host touch every
# configuration alike. Beside throughput, each window reports the JVM's CPU per request: its
# utime + stime from /proc/<pid>/stat over the window, divided by the requests completed, which
# steal time on a shared host disturbs far less than throughput.
#
# Configurations:
#   none             no tracing: checkly.enabled=false, otel.sdk.disabled=true, and every
#                    OpenTelemetry instrumentation off (otel.instrumentation.common.default-enabled)
#   none-aa          the same as none, in a JVM of its own: the A/A pair, added wherever none is.
#                    Each run prints how far apart the two read; more than 1% apart (CPU per
#                    request), and it reports no ratio against none: the host is too noisy then
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
# The harness itself is LoadTest.java, run from source by the JDK; this script installs wrk where it
# is missing and hands over.
#
# Environment (defaults in brackets): ROUNDS [5], DURATION [10s], WARMUP [120s, 0 to skip],
# CONNECTIONS [16], THREADS [1] (wrk), URL_PATH [/api/hello] (/api/orders/1: a database read and an
# HTTP call out per request), CONFIGS [all four, space-separated], APP_PORT [18080],
# SEED [the clock] (the order of the windows), SINK_PORT [14318], DOWN_PORT [14399] (--memory: a port nothing listens on), MEMORY_SECONDS [60],
# APP_JAVA_OPTS [none] (extra JVM options for the sample app), STARTUP_TIMEOUT [120] seconds,
# REBUILD [0] (1: rebuild the sample app jar first; it is built anyway when missing),
# SIDE_BY_SIDE [0] (1: each round loads every configuration at once, in one window, each with a
# wrk of its own, so that the host's noise, steal time included, falls on all of them alike; the
# JVMs then share the application's CPU, so use longer windows, e.g. DURATION=30s),
# FRESH_JVMS [0] (1: every round starts, warms up and stops JVMs of its own, so that lasting
# differences between two JVMs of the same jar, a few percent on a shared host, average out over
# rounds; WARMUP then applies to each round),
# BEFORE_JAR [none] (another build of the sample app, e.g. of the commit before a change: every
# configuration but none also runs from it, as <configuration>@before, in the same rounds, and the
# summary prints each against its @before twin).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

case "${1:-}" in
  -h | --help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac

. "$HERE/wrk.sh"

exec java -De2e.dir="$HERE" "$HERE/LoadTest.java" "$@"
