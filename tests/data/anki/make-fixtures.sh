#!/usr/bin/env bash
# make-fixtures.sh: regenerates the Anki packages in tests/data/anki/.
#
#   third-party-basic.apkg   written by the npm package anki-apkg-export
#                            (pinned in npm/package.json and its lockfile,
#                            with its sql.js and jszip) from npm/make-apkg.js
#   python-21b*.apkg,        written by make-anki21b.sh with sqlite3, zstd
#   legacy-21.apkg           and zip (current and legacy layouts)
#
# Needs node, npm (and the network, for `npm ci` into a temporary
# directory: node_modules never enters the tree), sqlite3, zstd and zip.
# The outputs are committed; CI and the tests only read them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/npm/package.json" "$here/npm/package-lock.json" "$work/"
(cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
NODE_PATH="$work/node_modules" node "$here/npm/make-apkg.js" "$here" 2>/dev/null
"$here/make-anki21b.sh" "$here"
