#!/bin/sh
# The first command of README.md: install what is missing, build, and run
# the demo audit on samples/.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/setup.sh" default
exec sh "$top/tools/demo-run.sh" "$top/_build/default"
