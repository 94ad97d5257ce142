#!/usr/bin/env bash
# Writes a manifest fragment naming the commit this build comes from, for `netpipe --version`:
# `git describe` (a tag when there is one, else the abbreviated hash; "-dirty" with uncommitted changes),
# or "unknown" when the sources are not a git checkout or git is missing. Run by `mvn package` (cli/pom.xml).
out=$1
cd "$(dirname "$0")" || exit 1
commit=$(git describe --tags --always --dirty --abbrev=12 2>/dev/null) || commit=unknown
[ -n "$commit" ] || commit=unknown
mkdir -p "$(dirname "$out")"
printf 'Build-Commit: %s\n' "$commit" > "$out"
