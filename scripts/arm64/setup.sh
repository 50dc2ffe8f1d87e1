#!/usr/bin/env bash
# scripts/arm64/setup.sh - build an emulated aarch64 Java 17 runtime inside the project.
#
# Usage:
#   bash scripts/arm64/setup.sh                     set up (fast no-op when already done)
#   bash scripts/arm64/setup.sh --refresh           re-read Debian's indexes and rebuild if a newer
#                                                   arm64 package (e.g. a security update) exists
#   bash scripts/arm64/setup.sh --print-java-home   set up if needed, then print the arm64 JAVA_HOME
#                                                   (the only thing this script writes to stdout)
#   scripts/arm64/java ARGS...                      run `java ARGS...` on the emulated JVM
#
# What it does:
#   1. Makes sure qemu user-mode emulation is available (qemu-aarch64 or qemu-aarch64-static on
#      PATH). If neither is, it runs `apt-get install -y --no-install-recommends qemu-user`; that
#      is the only machine-wide change. binfmt_misc is neither needed nor touched.
#   2. Reads the Debian mirror from apt's sources (falls back to deb.debian.org), downloads the
#      signed InRelease files of bookworm, bookworm-updates and bookworm-security, checks them
#      with gpgv against Debian's archive keyring, then downloads each suite's arm64 Packages
#      index and checks it against the SHA256 listed in InRelease.
#   3. Picks the newest arm64 version of each package in PACKAGES across those suites, downloads
#      the .deb files into .arm64/cache/debs (sha256-checked against the Packages index) and
#      unpacks them with `dpkg-deb -x` into .arm64/sysroot. dpkg's architecture list is not changed.
#   4. Post-processes the sysroot so it works without binfmt_misc and from any location:
#      - absolute symlinks that point into the sysroot (Debian links lib/jvm.cfg etc. to /etc)
#        become relative links;
#      - an empty etc/ld.so.cache stops the guest loader from reading the host's cache;
#      - every aarch64 executable of the JDK (bin/java, lib/jspawnhelper, ...) is renamed to
#        NAME.aarch64 and replaced by a small /bin/sh launcher that runs it through
#        `qemu-aarch64 -L <sysroot>`. So $JAVA_HOME/bin/java works when run from the host, and
#        an emulated JVM that starts processes (ProcessBuilder goes through lib/jspawnhelper) or
#        forks another JVM from java.home (jcstress, Surefire) keeps working too.
#   5. Smoke-tests the new runtime (os.arch must be aarch64), then swaps it into place and writes
#      a stamp file; later runs see the stamp and return without touching the network.
#
# JVM flags: the bin/java launcher puts -XX:TieredStopAtLevel=1 in front of the caller's
# arguments (C1 only: under emulation C2's own compile work costs more than it saves in short
# runs such as test suites; roughly halves CPU time for a JUnit run). Set GORT_ARM64_JVM_OPTS to
# replace that default (an empty value means no extra flags). Class data sharing (the packaged
# lib/server/classes.jsa) works under qemu 7.2 and is left at the JVM's default -Xshare:auto,
# which falls back silently if the archive cannot be mapped.
#
# Only the core shared libraries (libc6, libgcc-s1, libstdc++6, zlib1g) are unpacked; AWT's
# native imaging/font/sound libraries are absent, which only matters for desktop/imaging APIs.
set -euo pipefail

SUITE=${GORT_ARM64_SUITE:-bookworm}
# The runtime and the shared libraries its core native code links against.
PACKAGES=(openjdk-17-jre-headless libc6 libgcc-s1 libstdc++6 zlib1g)
JAVA_MAJOR=17
JDK_DIR=usr/lib/jvm/java-17-openjdk-arm64
# Bump when the post-processing below changes, so existing sysroots get rebuilt.
LAYOUT=1
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd -P)
root=$(cd "$here/../.." && pwd -P)
base="$root/.arm64"
sysroot="$base/sysroot"
java_home="$sysroot/$JDK_DIR"
stamp="$sysroot/.gort-arm64-stamp"
cache="$base/cache/debs"

log() { echo "arm64-setup: $*" >&2; }
die() { echo "arm64-setup: error: $*" >&2; exit 1; }

mode=setup
refresh=0
for arg in "$@"; do
  case "$arg" in
    --print-java-home) mode=print ;;
    --refresh) refresh=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done

# --- qemu -------------------------------------------------------------------------------------

have_qemu() { command -v qemu-aarch64 >/dev/null 2>&1 || command -v qemu-aarch64-static >/dev/null 2>&1; }

ensure_qemu() {
  have_qemu && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "qemu-aarch64 is missing and installing it needs root"
    sudo=(sudo)
  fi
  log "installing qemu-user (machine-wide, via apt-get)"
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300)
  if ! "${apt[@]}" install --no-install-recommends qemu-user >&2; then
    log "install failed; running apt-get update and trying again"
    "${apt[@]}" update >&2
    "${apt[@]}" install --no-install-recommends qemu-user >&2
  fi
  have_qemu || die "qemu-aarch64 still not found after installing qemu-user"
}

# --- state checks -----------------------------------------------------------------------------

# The sysroot counts as ready when the stamp was written by this layout for this package set and
# the unpacked JDK is the expected major version.
is_ready() {
  [ -f "$stamp" ] && [ -x "$java_home/bin/java" ] && [ -f "$java_home/bin/java.aarch64" ] || return 1
  [ "$(sed -n 1p "$stamp")" = "layout=$LAYOUT" ] || return 1
  [ "$(sed -n 2p "$stamp")" = "packages=${PACKAGES[*]}" ] || return 1
  grep -q "^JAVA_VERSION=\"${JAVA_MAJOR}[.\"]" "$java_home/release" 2>/dev/null
}

# --- mirrors ----------------------------------------------------------------------------------

# Print "URI SUITE" for every enabled deb entry of apt's sources (deb822 and one-line format).
apt_sources() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '
      function flush(   n, m, i, j, u, s) {
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no") {
          n = split(uris, u, /[ \t]+/); m = split(suites, s, /[ \t]+/)
          for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) if (u[i] != "" && s[j] != "") print u[i], s[j]
        }
        types = uris = suites = enabled = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[A-Za-z0-9-]+:/ {
        k = tolower(substr($0, 1, index($0, ":") - 1)); v = substr($0, index($0, ":") + 1)
        gsub(/^[ \t]+|[ \t]+$/, "", v)
        if (k == "types") types = v; else if (k == "uris") uris = v
        else if (k == "suites") suites = v; else if (k == "enabled") enabled = tolower(v)
      }
      END { flush() }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" {
           i = 2
           if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
           if (i + 1 <= NF) print $i, $(i + 1)
         }' "$f"
  done
}

# Candidate archive roots for a suite, best first: apt's entries for exactly that suite, then
# apt's other entries of the same kind (security archive or not), then deb.debian.org.
mirror_candidates() {
  local suite=$1 want_sec=0 sources
  case "$suite" in *-security) want_sec=1 ;; esac
  sources=$(apt_sources 2>/dev/null || true)
  {
    awk -v s="$suite" '$2 == s { print $1 }' <<<"$sources"
    awk -v w="$want_sec" '{ sec = ($1 ~ /security/) ? 1 : 0; if (sec == w) print $1 }' <<<"$sources"
    if [ $want_sec = 1 ]; then echo http://deb.debian.org/debian-security; else echo http://deb.debian.org/debian; fi
  } | sed 's:/*$::' | grep -E '^https?://' | awk '!seen[$0]++'
}

# Use apt's HTTP proxy for curl too, if apt has one and the environment does not.
setup_proxy() {
  if [ -z "${http_proxy:-}" ] && command -v apt-config >/dev/null 2>&1; then
    local p=""
    eval "$(apt-config shell p Acquire::http::Proxy 2>/dev/null || true)"
    if [ -n "$p" ] && [ "$p" != DIRECT ]; then export http_proxy=$p; fi
  fi
}

fetch() { curl -fsSL --retry 3 --retry-delay 2 --connect-timeout 30 -o "$2" "$1"; }

# Download, authenticate and filter one suite's arm64 Packages index. Appends one TSV line per
# stanza of a wanted package to $tmp/candidates: name version filename sha256 size archive-root.
# Returns non-zero if no mirror could deliver a verified index.
index_suite() {
  local suite=$1 uri rel want
  for uri in $(mirror_candidates "$suite"); do
    rel="$tmp/$suite.Release"
    if ! fetch "$uri/dists/$suite/InRelease" "$tmp/$suite.InRelease"; then
      log "  $uri: no InRelease for $suite"; continue
    fi
    if ! gpgv --keyring "$KEYRING" --output "$rel" "$tmp/$suite.InRelease" 2>"$tmp/gpgv.log"; then
      log "  $uri: InRelease of $suite failed signature check"; sed 's/^/    /' "$tmp/gpgv.log" >&2; continue
    fi
    if ! grep -Eq "^(Suite|Codename): $suite\$" "$rel"; then
      log "  $uri: InRelease is not for $suite"; continue
    fi
    want=$(awk '/^SHA256:/ { in_sha = 1; next } /^[^ ]/ { in_sha = 0 }
                in_sha && $3 == "main/binary-arm64/Packages.xz" { print $1; exit }' "$rel")
    if [ -z "$want" ]; then log "  $uri: $suite has no arm64 index"; continue; fi
    if ! fetch "$uri/dists/$suite/main/binary-arm64/Packages.xz" "$tmp/$suite.Packages.xz"; then
      log "  $uri: could not download the arm64 index of $suite"; continue
    fi
    if [ "$(sha256sum <"$tmp/$suite.Packages.xz" | cut -d' ' -f1)" != "$want" ]; then
      log "  $uri: arm64 index of $suite does not match its InRelease"; continue
    fi
    xz -dc "$tmp/$suite.Packages.xz" | awk -v RS= -v FS='\n' -v want="${PACKAGES[*]}" -v root="$uri" '
      BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) W[w[i]] = 1 }
      {
        p = v = a = f = h = s = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^Package: /) p = substr($i, 10)
          else if ($i ~ /^Version: /) v = substr($i, 10)
          else if ($i ~ /^Architecture: /) a = substr($i, 15)
          else if ($i ~ /^Filename: /) f = substr($i, 11)
          else if ($i ~ /^SHA256: /) h = substr($i, 9)
          else if ($i ~ /^Size: /) s = substr($i, 7)
        }
        if ((p in W) && (a == "arm64" || a == "all") && f != "" && h != "")
          printf "%s\t%s\t%s\t%s\t%s\t%s\n", p, v, f, h, s, root
      }' >>"$tmp/candidates"
    log "  $suite: verified index from $uri"
    return 0
  done
  return 1
}

# Pick the newest version of every wanted package; writes $tmp/resolved in PACKAGES order.
resolve() {
  local pkg name ver file sha size uri best
  : >"$tmp/resolved"
  for pkg in "${PACKAGES[@]}"; do
    best=""
    while IFS=$'\t' read -r name ver file sha size uri; do
      [ "$name" = "$pkg" ] || continue
      if [ -z "$best" ] || dpkg --compare-versions "$ver" gt "$(cut -f2 <<<"$best")"; then
        best=$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$name" "$ver" "$file" "$sha" "$size" "$uri")
      fi
    done <"$tmp/candidates"
    [ -n "$best" ] || die "package $pkg (arm64) not found in the $SUITE indexes"
    printf '%s\n' "$best" >>"$tmp/resolved"
  done
}

download() {
  local name ver file sha size uri deb
  mkdir -p "$cache"
  while IFS=$'\t' read -r name ver file sha size uri; do
    deb="$cache/${file##*/}"
    if [ -f "$deb" ] && [ "$(sha256sum <"$deb" | cut -d' ' -f1)" = "$sha" ]; then
      log "  cached $name $ver"
      continue
    fi
    log "  downloading $name $ver ($((size / 1024)) KiB)"
    fetch "$uri/$file" "$deb.part" || die "download of $uri/$file failed"
    [ "$(sha256sum <"$deb.part" | cut -d' ' -f1)" = "$sha" ] || { rm -f "$deb.part"; die "sha256 mismatch for $file"; }
    mv -f "$deb.part" "$deb"
  done <"$tmp/resolved"
}

# --- sysroot post-processing ------------------------------------------------------------------

# Turn absolute symlinks whose target exists inside the sysroot into relative ones. Links to
# things the sysroot does not have (lib/security/cacerts -> /etc/ssl/certs/java/cacerts) are
# left alone: through qemu they then resolve on the host, as they would on Debian.
relativize_links() {
  local dir=$1 link target
  while IFS= read -r -d '' link; do
    target=$(readlink "$link")
    if [ -e "$dir$target" ] || [ -L "$dir$target" ]; then
      ln -sfn "$(realpath -s -m --relative-to="$(dirname "$link")" "$dir$target")" "$link"
    fi
  done < <(find "$dir" -type l -lname '/*' -print0)
}

# Replace each aarch64 ELF executable under the JDK with a host /bin/sh launcher (see header).
wrap_executables() {
  local home=$1 f magic
  while IFS= read -r -d '' f; do
    case "$f" in *.aarch64) continue ;; esac
    magic=$(LC_ALL=C head -c 4 "$f" | od -An -tx1 | tr -d ' \n')
    [ "$magic" = 7f454c46 ] || continue
    mv "$f" "$f.aarch64"
    write_launcher "$f" "$( [ "${f##*/}" = java ] && echo yes || echo no )"
    chmod 0755 "$f"
  done < <(find "$home/bin" "$home/lib" -maxdepth 1 -type f -perm -u+x ! -name '*.so' -print0)
}

write_launcher() {
  local f=$1 is_java=$2
  {
    cat <<'EOF'
#!/bin/sh
# Written by scripts/arm64/setup.sh. The aarch64 binary this replaces sits next to it as
# NAME.aarch64; this runs it under qemu user-mode emulation with the sysroot as loader prefix,
# so it works without binfmt_misc, also when an emulated program execs it.
set -f
self=$(readlink -f "$0")
sysroot=${self%/usr/lib/jvm/*}
qemu=${GORT_QEMU_AARCH64:-}
if [ -z "$qemu" ]; then
  qemu=$(command -v qemu-aarch64 || command -v qemu-aarch64-static) || {
    echo "${0##*/}: qemu-aarch64 not found; run scripts/arm64/setup.sh" >&2
    exit 127
  }
fi
EOF
    if [ "$is_java" = yes ]; then
      cat <<'EOF'
# Default JVM flags for emulation; GORT_ARM64_JVM_OPTS (even empty) replaces them.
opts=${GORT_ARM64_JVM_OPTS--XX:TieredStopAtLevel=1}
# shellcheck disable=SC2086  # $opts is split into separate flags on purpose
exec "$qemu" -L "$sysroot" -0 "$0" "$self.aarch64" $opts "$@"
EOF
    else
      # shellcheck disable=SC2016  # written literally into the launcher
      echo 'exec "$qemu" -L "$sysroot" -0 "$0" "$self.aarch64" "$@"'
    fi
  } >"$f"
}

build_sysroot() {
  local new="$base/sysroot.new" name ver file sha size uri
  rm -rf "$new"
  mkdir -p "$new"
  while IFS=$'\t' read -r name ver file sha size uri; do
    dpkg-deb -x "$cache/${file##*/}" "$new"
  done <"$tmp/resolved"
  [ -f "$new/$JDK_DIR/bin/java" ] || die "unpacked packages have no $JDK_DIR/bin/java"

  relativize_links "$new"
  mkdir -p "$new/etc"
  : >"$new/etc/ld.so.cache"
  wrap_executables "$new/$JDK_DIR"

  log "smoke test: java -version under qemu"
  local out
  if ! out=$("$new/$JDK_DIR/bin/java" -XshowSettings:properties -version 2>&1) \
      || ! grep -q 'os.arch = aarch64' <<<"$out"; then
    printf '%s\n' "$out" >&2
    die "the unpacked arm64 JVM does not start under qemu"
  fi
  grep -E 'java.runtime.version|os.arch' <<<"$out" | sed 's/^ */  /' >&2

  {
    echo "layout=$LAYOUT"
    echo "packages=${PACKAGES[*]}"
    cut -f1,2,4 "$tmp/resolved"
  } >"$new/.gort-arm64-stamp"

  rm -rf "$sysroot"
  mv "$new" "$sysroot"
}

# --- main -------------------------------------------------------------------------------------

main() {
  ensure_qemu
  if [ $refresh = 0 ] && is_ready; then return 0; fi

  mkdir -p "$base"
  exec 9>"$base/.lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  # Another run may have finished while this one waited for the lock.
  if [ $refresh = 0 ] && is_ready; then return 0; fi

  for tool in curl gpgv xz dpkg-deb dpkg sha256sum realpath od; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
  done
  [ -f "$KEYRING" ] || die "$KEYRING is missing (package debian-archive-keyring)"

  tmp=$(mktemp -d "$base/tmp.XXXXXX")
  trap 'rm -rf "$tmp" "$base/sysroot.new"' EXIT
  : >"$tmp/candidates"
  setup_proxy

  log "reading Debian $SUITE arm64 indexes"
  index_suite "$SUITE" || die "no mirror delivered a verified arm64 index for $SUITE"
  local extra
  for extra in "$SUITE-updates" "$SUITE-security"; do
    index_suite "$extra" || log "  warning: no verified arm64 index for $extra; continuing without it"
  done
  resolve

  if [ $refresh = 1 ] && is_ready && [ "$(tail -n +3 "$stamp")" = "$(cut -f1,2,4 "$tmp/resolved")" ]; then
    log "already up to date"
    return 0
  fi

  log "fetching packages"
  download
  log "unpacking into $sysroot"
  build_sysroot
  rm -rf "$tmp"
  trap - EXIT
}

main
if [ $mode = print ]; then
  echo "$java_home"
else
  log "ready: $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$java_home/release" | tr -d '"') (aarch64)"
  log "  run:       scripts/arm64/java ARGS..."
  log "  JAVA_HOME: $java_home"
fi
