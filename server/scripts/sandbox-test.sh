#!/usr/bin/env bash
# Runs the jest suites matching $1 (the replica or the Galera test), which start their own MariaDB
# servers under SANDBOX_DIR. Whatever happens — a failed test, Ctrl-C, a killed jest — every process
# whose pid file lies in that folder (mariadbd, Galera's rsync state transfer) is killed, and the
# folder with the data directories is removed.
set -uo pipefail
cd "$(dirname "$0")/.."
SANDBOX_DIR="$(mktemp -d /tmp/campus-sandbox-XXXXXX)"
export SANDBOX_DIR
cleanup() {
  while IFS= read -r file; do
    pid="$(cat "$file" 2>/dev/null)"
    # Only a process started from this folder (the pid may have been reused since).
    if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$SANDBOX_DIR"; then
      kill -9 "$pid" 2>/dev/null
    fi
  done < <(find "$SANDBOX_DIR" -name '*.pid' 2>/dev/null)
  sleep 0.5
  rm -rf "$SANDBOX_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
pattern="$1"
shift
npx jest --runInBand --testRegex "$pattern" "$@"
