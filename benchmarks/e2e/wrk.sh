# Sourced by run.sh and profile.sh: installs wrk from Debian where it is missing.
if ! command -v wrk >/dev/null; then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then SUDO=(sudo); fi
  echo "[e2e] installing wrk" >&2
  if ! apt-cache policy wrk 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    "${SUDO[@]}" apt-get update -q
  fi
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q wrk >/dev/null
fi
