#!/usr/bin/env bash
# Runs the official W3C Trace Context test suite (STRICT_LEVEL=2 SPEC_LEVEL=2, all tests) against
# TraceContextTestService: the starter as shipped, calling out with the auto-configured RestClient.
#
#   integration-tests/w3c/run-suite.sh W3C_REPO [TEST_PATTERN...]
#
# W3C_REPO: a local copy of github.com/w3c/trace-context, either a checkout (with test/test.py) or a
# bare git directory (its HEAD's test/ is extracted). TEST_PATTERNs are passed to test.py, e.g.
# TraceContextTest.test_tracestate_key_length_limit. Needs python3 with aiohttp (Debian:
# python3-aiohttp). Maven runs offline: everything must already be in the local repository.
# SKIP_BUILD=1 reuses the last build; HARNESS_DEBUG=1 makes the suite print every request and
# callback. Exits with the suite's status (the number of failures and errors).
set -euo pipefail

[[ $# -ge 1 ]] || { sed -n '5,12p' "$0" >&2; exit 2; }
w3c=$(cd "$1" && pwd); shift
module=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$module/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
mvn=("$root/mvnw" -o -B -ntp -q)

if [[ -z "${SKIP_BUILD:-}" ]]; then
  # The starter and its parents into the local repository (this module's own parents resolve
  # from the file system), then this module, which is not in the reactor, on its own.
  (cd "$root" && "${mvn[@]}" install -DskipTests -Dspotless.check.skip=true -pl checkly-otel-starter -am)
  "${mvn[@]}" -f "$module/pom.xml" test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
fi

service=
copy=
cleanup() {
  [[ -n "$service" ]] && { kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; }
  [[ -n "$copy" ]] && rm -rf "$copy"
  return 0
}
trap cleanup EXIT

suite="$w3c/test"
if [[ ! -f "$suite/test.py" ]]; then
  copy=$(mktemp -d)
  git --git-dir="$w3c" archive HEAD test | tar -x -C "$copy"
  suite="$copy/test"
fi

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
harness_port=$(free_port)
log="$module/target/service.log"

java -cp "$module/target/test-classes:$(cat "$module/target/classpath.txt")" \
  io.github.checklyotel.test.w3c.TraceContextTestService --server.port="$port" >"$log" 2>&1 &
service=$!

ready() { curl -sf -o /dev/null -H 'Content-Type: application/json' -d '[]' "http://127.0.0.1:$port/test"; }
for _ in $(seq 1 180); do
  ready || ! kill -0 "$service" 2>/dev/null && break
  sleep 1
done
ready || { cat "$log" >&2; echo "the test service did not start" >&2; exit 1; }

rc=0
(cd "$suite" && STRICT_LEVEL=2 SPEC_LEVEL=2 HARNESS_PORT="$harness_port" \
  "$python" test.py "http://127.0.0.1:$port/test" "$@" 2>&1) || rc=$?
echo "service log: $log"
exit "$rc"
