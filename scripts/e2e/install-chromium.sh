#!/usr/bin/env bash
# Debian's Chromium for the editor suite (a fresh CI machine runs as root); playwright-core drives it, no download.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null | tail -1
