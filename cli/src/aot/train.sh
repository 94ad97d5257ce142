#!/usr/bin/env bash
# Makes the JDK AOT caches that bin/netpipe uses for socketpipe mode (cli/target/socketpipe-{local,serve}.aot):
# one small socketpipe run through the launcher with NETPIPE_AOT_TRAIN=1, whose local side and server instance
# each record the classes they load and link. Run by `mvn package` (cli/pom.xml) right after the jar is built.
# A failed training never fails the build: socketpipe then starts without the cache, about 0.3 s slower.
here=$(cd "$(dirname "$0")/../../.." && pwd)
target="$here/cli/target"
rm -f "$target"/socketpipe-*.aot
# The run takes the path a real ssh login takes, so the cache holds its classes too (the -t parser, `ssh -G` run
# alongside for -f, the server instance's SSH_CONNECTION lookup, -b): the login words have an `ssh` word, but
# sh drops it and the host and runs the server instance here. Without an ssh client, a plain local login.
login=(env)
if command -v ssh >/dev/null 2>&1; then
  # shellcheck disable=SC2016
  login=(sh -c 'shift 2; SSH_CONNECTION="127.0.0.1 22 127.0.0.1 22" exec "$@"' sh ssh 127.0.0.1)
fi
NETPIPE_AOT_TRAIN=1 "$here/bin/netpipe" socketpipe -b -t 60s -i { head -c 1M /dev/zero } -l { "${login[@]}" } \
  -r { cat } -o { cmp -s - /dev/zero } >"$target/aot-train.log" 2>&1
status=$?
for cache in "$target"/socketpipe-local.aot "$target"/socketpipe-serve.aot; do
  if [ ! -s "$cache" ]; then
    rm -f "$cache"
    echo "netpipe: no AOT cache $cache (training exited $status, see $target/aot-train.log): socketpipe will start slower" >&2
  fi
done
exit 0
