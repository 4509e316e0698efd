#!/usr/bin/env bash
# Commit only the given paths, atomically with respect to other committers in this work tree.
# usage: scripts/commit.sh "message" path [path...]
set -euo pipefail
msg=$1; shift
exec 9>/tmp/rg-git.lock
flock 9
git add -- "$@"
git commit -q -m "$msg" -- "$@"
git log --oneline -1
