#!/usr/bin/env bash
# Debian's ffmpeg (and a font for the captions) for the walkthrough video made from the editor suite's screenshots.
set -euo pipefail
if ! command -v ffmpeg >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq ffmpeg fonts-dejavu-core >/dev/null
fi
ffmpeg -version | head -1
