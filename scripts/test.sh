#!/usr/bin/env bash
# Installs what is missing, builds Shoal, runs the Swift unit tests and then the
# end-to-end suite (Tests/integration) against the real binary.
# Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh

echo "== swift build"
swift build

echo "== swift test"
swift test

echo "== integration tests"
SHOAL_BIN="$(swift build --show-bin-path)/shoal"
export SHOAL_BIN
python3 -m pytest -q -p no:cacheprovider Tests/integration "$@"
