#!/usr/bin/env bash
# Installs what Shoal needs to build, serve and run its tests on Debian 12,
# as root, on a machine that already has the Swift toolchain.
# Idempotent: installs only what is missing, runs `apt-get update` at most once,
# and never leaves a daemon running (Debian's unbound package would start one).
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
else
    SUDO=
fi

# Debian packages: the C libraries the build links against, plus the real DNS
# clients and resolver the integration tests drive.
APT_PACKAGES=(libuv1-dev libsqlite3-dev pkg-config dnsutils knot-dnsutils unbound)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done

have_pip() { python3 -m pip --version >/dev/null 2>&1; }
if ! have_pip; then
    missing+=(python3-pip)
fi

if [ "${#missing[@]}" -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Keep maintainer scripts from starting services (unbound) while we install.
    # Only add a policy if the machine has none, and remove only our own.
    policy=/usr/sbin/policy-rc.d
    added_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
        $SUDO chmod 755 "$policy"
        added_policy=1
    fi
    cleanup_policy() { if [ "$added_policy" = 1 ]; then $SUDO rm -f "$policy"; fi; }
    trap cleanup_policy EXIT
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
    cleanup_policy
    trap - EXIT
else
    echo "install-deps: Debian packages present"
fi

# If installing unbound just now started its system service anyway (no policy
# layer honoured), stop that service: the tests start their own unbound on a
# private port. Only a service this run installed is touched.
case " ${missing[*]:-} " in
*" unbound "*)
    if [ -r /run/unbound.pid ] && [ -x /etc/init.d/unbound ]; then
        pid="$(cat /run/unbound.pid 2>/dev/null || true)"
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            echo "install-deps: stopping the unbound service the package started (pid $pid)"
            $SUDO /etc/init.d/unbound stop >/dev/null 2>&1 || true
        fi
    fi
    ;;
esac

# Python packages for the integration tests, and the OpenAPI validator that
# ControlAPITests runs on docs/openapi.yaml.
py_missing=()
python3 -c 'import dns.message' >/dev/null 2>&1 || py_missing+=(dnspython)
python3 -c 'import pytest' >/dev/null 2>&1 || py_missing+=(pytest)
python3 -c 'import openapi_spec_validator' >/dev/null 2>&1 || py_missing+=(openapi-spec-validator)
# Route 53 API tests (test_route53.py): boto3 and the aws command line.
python3 -c 'import boto3' >/dev/null 2>&1 || py_missing+=(boto3)
command -v aws >/dev/null 2>&1 || py_missing+=(awscli)
if [ "${#py_missing[@]}" -gt 0 ]; then
    echo "install-deps: pip installing ${py_missing[*]}"
    # Debian's own python3 is "externally managed"; a pyenv/venv python is not.
    if ! python3 -m pip install -q "${py_missing[@]}" 2>/dev/null; then
        python3 -m pip install -q --break-system-packages "${py_missing[@]}"
    fi
else
    echo "install-deps: python packages present"
fi

for tool in dig kdig unbound pkg-config; do
    command -v "$tool" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
    command -v "$tool" >/dev/null 2>&1 || { echo "install-deps: $tool still missing" >&2; exit 1; }
done
echo "install-deps: ok"
