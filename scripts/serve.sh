#!/usr/bin/env bash
# Installs what is missing, builds Shoal in release mode and serves zones/ on
# 127.0.0.1:5300 (UDP and TCP). Extra arguments go to `shoal serve`, e.g.
#   bash scripts/serve.sh --dns 127.0.0.1:5353 --rrset-order fixed
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
swift build -c release
exec .build/release/shoal serve "$@"
