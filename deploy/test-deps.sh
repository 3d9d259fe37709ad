#!/usr/bin/env bash
# System packages the full test suite needs, installed when missing (Debian/Ubuntu, apt):
#   chromium  - the HTML report test opens the report in headless Chromium
#   java, mvn - the integration tests fetch Apache Kafka's jars from Maven Central and run the broker
#   node, npm - the AsyncAPI test validates asyncapi.json with @asyncapi/parser (installed by the test)
# Usage: deploy/test-deps.sh [COMMAND:PACKAGE ...]   (default: the ones above)
# Python packages are not here: `uv sync` installs them from uv.lock.
set -euo pipefail

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium:chromium java:openjdk-17-jdk-headless mvn:maven node:nodejs npm:npm)

missing=()
for pair in "${wanted[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
  echo "test-deps: missing ${missing[*]} and not root (no sudo): install them, or browser/Kafka tests will" \
       "skip (and fail under CI=true)" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: missing ${missing[*]} and no apt-get here: install them with your package manager" >&2
  exit 0
fi
echo "test-deps: installing ${missing[*]} (apt)"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
