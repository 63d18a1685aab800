#!/usr/bin/env bash
# Fails the build early, saying what to install, when Node.js or npm is missing or too old.
set -u
REQUIRED_MAJOR=20
REQUIRED_MINOR=19
advice="Install Node.js ${REQUIRED_MAJOR}.${REQUIRED_MINOR} or newer with npm (Debian/Ubuntu: apt-get install -y nodejs npm, or from https://nodejs.org), then run the build again."
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: the admin page is built with Node.js and npm, and they are not on the PATH. ${advice}" >&2
  exit 1
fi
version=$(node --version | sed 's/^v//')
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
if [ "$major" -lt "$REQUIRED_MAJOR" ] || { [ "$major" -eq "$REQUIRED_MAJOR" ] && [ "$minor" -lt "$REQUIRED_MINOR" ]; }; then
  echo "ERROR: Node.js ${version} is too old to build the admin page (Vite 8 needs ${REQUIRED_MAJOR}.${REQUIRED_MINOR}+). ${advice}" >&2
  exit 1
fi
echo "Node.js ${version}, npm $(npm --version): OK"
