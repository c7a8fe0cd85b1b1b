#!/usr/bin/env bash
# Debian's Chromium for the editor suite (a fresh CI machine runs as root); playwright-core drives it, no download.
# CHROMIUM names another Chromium-based browser instead (GitHub's Ubuntu runners ship Google Chrome).
set -euo pipefail
browser="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$browser" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium >/dev/null
	browser=/usr/bin/chromium
fi
"$browser" --version 2>/dev/null | tail -1
