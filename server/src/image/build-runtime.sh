#!/usr/bin/env bash
# The base of the container image, made from the JDK that runs the build, because no container
# registry may be reachable (Jib then needs no base image to pull): a jlinked Java runtime under
# /opt/java, the shared libraries it links against (found with ldd), and a nonroot user.
# Usage: build-runtime.sh <java.home> <output dir>
set -euo pipefail
java_home="$1"
out="$2"
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/home/nonroot"
if [ -d "$java_home/jmods" ] && [ -x "$java_home/bin/jlink" ]; then
  "$java_home/bin/jlink" --output "$out/opt/java" --strip-debug --no-header-files \
    --no-man-pages --compress=2 \
    --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.naming.dns,jdk.management,jdk.localedata
else
  # note: a JDK without jmods (some distributions split them out) is copied whole
  cp -rL "$java_home" "$out/opt/java"
fi
# the loader and every library the runtime's binaries and libraries need, at the same paths
{
  ldd "$out/opt/java/bin/java"
  find "$out/opt/java/lib" -name '*.so' -exec ldd {} \; 2>/dev/null
} | grep -o '/[^ ]*\.so[^ ]*' | grep -v "^$out" | sort -u | while read -r lib; do
  [ -e "$lib" ] || continue
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# note: the runtime's cacerts may be a link into the build machine's /etc; keep the bytes
if [ -L "$java_home/lib/security/cacerts" ] || [ -f "$java_home/lib/security/cacerts" ]; then
  cp -L "$java_home/lib/security/cacerts" "$out/opt/java/lib/security/cacerts"
fi
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$out/etc/group"
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
chmod 1777 "$out/tmp"
chmod 777 "$out/home/nonroot"
