#!/usr/bin/env bash
# Installs what is missing, builds Shoal, runs the Swift unit tests, the release hot path
# check (Tests/HotPathCheck), and then the end-to-end suite (Tests/integration) against the
# real binary.
# Exits non-zero if anything fails. Arguments go to pytest (e.g. -k tcp -x).
# SWIFT_SCRATCH_PATH=.build-x builds in another folder than .build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh

scratch=()
if [ -n "${SWIFT_SCRATCH_PATH:-}" ]; then
    scratch=(--scratch-path "$SWIFT_SCRATCH_PATH")
fi

echo "== swift build (with tests)"
swift build "${scratch[@]}" --build-tests

echo "== swift test"
swift test "${scratch[@]}" --skip-build

echo "== hot path check (release build: no allocation, no reference counting per query)"
swift build "${scratch[@]}" -c release --product HotPathCheck
"$(swift build "${scratch[@]}" -c release --show-bin-path)/HotPathCheck"

echo "== integration tests"
SHOAL_BIN="$(swift build "${scratch[@]}" --show-bin-path)/shoal"
export SHOAL_BIN
python3 -m pytest -q -p no:cacheprovider Tests/integration "$@"
