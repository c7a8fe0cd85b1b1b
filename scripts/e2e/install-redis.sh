#!/usr/bin/env bash
# Redis for the queue-mode suites, from Debian's packages (the CI machine is fresh and runs as root).
set -euo pipefail
if ! command -v redis-server >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq redis-server >/dev/null
fi
# the package's own service is not used: the suites start their own throw-away Redis on a free port
systemctl disable --now redis-server >/dev/null 2>&1 || service redis-server stop >/dev/null 2>&1 || true
echo "redis $(redis-server --version | grep -o 'v=[0-9.]*')"
