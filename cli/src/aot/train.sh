#!/usr/bin/env bash
# Makes the JDK AOT caches that bin/netpipe uses for socketpipe mode (cli/target/socketpipe-{local,serve}.aot):
# one small socketpipe run through the launcher with NETPIPE_AOT_TRAIN=1, whose local side and server instance
# each record the classes they load and link. Run by `mvn package` (cli/pom.xml) right after the jar is built.
# A failed training never fails the build: socketpipe then starts without the cache, about 0.3 s slower.
here=$(cd "$(dirname "$0")/../../.." && pwd)
target="$here/cli/target"
rm -f "$target"/socketpipe-*.aot
NETPIPE_AOT_TRAIN=1 "$here/bin/netpipe" socketpipe -i { head -c 1M /dev/zero } -l { env } -r { cat } \
  -o { cmp -s - /dev/zero } >"$target/aot-train.log" 2>&1
status=$?
for cache in "$target"/socketpipe-local.aot "$target"/socketpipe-serve.aot; do
  if [ ! -s "$cache" ]; then
    rm -f "$cache"
    echo "netpipe: no AOT cache $cache (training exited $status, see $target/aot-train.log): socketpipe will start slower" >&2
  fi
done
exit 0
