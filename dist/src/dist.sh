#!/usr/bin/env bash
# Builds the distribution from cli/target/netpipe.jar and the generated docs (target/docs, see Docs.java):
#   target/netpipe-VERSION/                  the tree: bin/netpipe, lib/ (jar, AOT caches of socketpipe, send and
#                                            recv), runtime/ (jlink),
#                                            man/man1, completion/netpipe.bash, systemd/, README.md,
#                                            docs/report.schema.json
#   target/netpipe-VERSION-linux-x64.tar.gz  that tree
#   target/netpipe_DEBVERSION_amd64.deb      the same tree in /opt/netpipe, plus /usr/bin/netpipe, the man pages
#                                            and the bash completion where Debian looks for them
# Run by `mvn package` in dist/ with: VERSION JAVA_HOME (the build's JDK, 25+, whose jdeps and jlink are used).
set -euo pipefail
version=$1
jdk=$2
dist=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$dist/.." && pwd)
target=$dist/target
jar=$root/cli/target/netpipe.jar
name=netpipe-$version
stage=$target/$name

fail() { echo "netpipe dist: $*" >&2; exit 1; }
[ -f "$jar" ] || fail "$jar is missing: build the cli module first (mvn package from $root)"
command -v asciidoctor >/dev/null || fail "asciidoctor is missing: it turns the generated AsciiDoc into man pages (apt-get install asciidoctor)"

# Only the modules the jar uses. The runtime is linked again only when that list or the JDK changes: jlink is
# most of this script's time, and a rebuilt jar rarely needs another module.
modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 "$jar")
key="$modules $(grep '^JAVA_RUNTIME_VERSION=' "$jdk/release" 2>/dev/null || echo "$jdk")"
runtime=$target/runtime
if [ ! -x "$runtime/bin/java" ] || [ "$(cat "$target/runtime.key" 2>/dev/null)" != "$key" ]; then
  rm -rf "$runtime" "$target/runtime.key"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$runtime"
  printf '%s\n' "$key" > "$target/runtime.key"
fi

rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/lib" "$stage/man/man1" "$stage/completion" "$stage/systemd"
cp -al "$runtime" "$stage/runtime"
cp "$root/bin/netpipe" "$stage/bin/netpipe"
cp "$jar" "$stage/lib/netpipe.jar"
asciidoctor --backend manpage --destination-dir "$stage/man/man1" "$target"/docs/adoc/*.adoc
cp "$target/docs/completion/netpipe.bash" "$stage/completion/netpipe.bash"
cp "$dist/src/systemd/netpipe-recv.service" "$stage/systemd/"
cp "$root/README.md" "$stage/"
# The README links the report schema by this relative path.
mkdir -p "$stage/docs" && cp "$root/docs/report.schema.json" "$stage/docs/"

# The AOT caches of socketpipe, send and recv, made as for the source tree (cli/src/aot/train.sh) but by the bundled
# runtime: a cache only serves the JVM that wrote it. They still hold where the tree is extracted or installed.
# A missing cache is said on stderr and costs start-up time only.
bash "$root/cli/src/aot/train.sh" "$stage/bin/netpipe" "$stage/lib" "$target"

# The .deb: the same tree under /opt/netpipe (hard links, no second copy), and the Debian places for the rest.
deb=$target/deb
rm -rf "$deb"
mkdir -p "$deb/DEBIAN" "$deb/opt" "$deb/usr/bin" "$deb/usr/share/man/man1" \
  "$deb/usr/share/bash-completion/completions" "$deb/lib/systemd/system"
cp -al "$stage" "$deb/opt/netpipe"
ln -s /opt/netpipe/bin/netpipe "$deb/usr/bin/netpipe"
for page in "$stage"/man/man1/*.1; do gzip -9n < "$page" > "$deb/usr/share/man/man1/${page##*/}.gz"; done
cp "$stage/completion/netpipe.bash" "$deb/usr/share/bash-completion/completions/netpipe"
cp "$stage/systemd/netpipe-recv.service" "$deb/lib/systemd/system/"
deb_version=${version//-/\~}
sed -e "s/@DEB_VERSION@/$deb_version/" -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$deb" | cut -f1)/" \
  "$dist/src/deb/control" > "$deb/DEBIAN/control"
install -m 0755 "$dist/src/deb/prerm" "$deb/DEBIAN/prerm"
rm -f "$target"/netpipe_*.deb "$target"/netpipe-*-linux-x64.tar.gz

# Compressing is most of the time left, one core each: both archives at once, at gzip's fastest level
# (measured: 2.3 s of CPU instead of 6.4 s for each, 31 MB instead of 28 MB).
tar -C "$target" --owner=0 --group=0 --numeric-owner -I 'gzip -1' -cf "$target/$name-linux-x64.tar.gz" "$name" &
tar_pid=$!
dpkg-deb --root-owner-group -Zgzip -z1 --build "$deb" "$target/netpipe_${deb_version}_amd64.deb" > /dev/null
wait "$tar_pid" || fail "tar failed"
