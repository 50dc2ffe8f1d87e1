#!/usr/bin/env bash
# Writes the expected stderr of corpus scenarios from what gort prints now:
#   scripts/corpus/expect.sh conformance/src/main/resources/gort/conformance/corpus/traceback/*.go
# For each NAME.go it runs `gort run` on every GOARCH the header names (the first value of each
# env= and of GOMAXPROCS=), with file paths shown relative to the corpus directory as the suite
# shows them, and writes NAME.out when both arches print the same, else NAME.amd64.out and
# NAME.arm.out. Tracebacks print pcs and rodata addresses, which move when the runtime's own
# text changes; review the diff before committing it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$root/conformance/src/main/resources/gort/conformance/corpus"
"$root/gort" build --help >/dev/null 2>&1 || true   # builds the jar once, outside the captures
for f in "$@"; do
  f="$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"
  base="${f%.go}"
  header="$(sed -n '/^package /q;p' "$f" | grep '^// gort:' || true)"
  envs=()
  for e in $( (grep -o 'env=[^ ]*' <<<"$header" || true) | sed 's/^env=//'); do envs+=("${e%%|*}"); done
  procs="$( (grep -o 'GOMAXPROCS=[0-9,]*' <<<"$header" || true) | head -1 | sed 's/GOMAXPROCS=//; s/,.*//')"
  arches="$( (grep -o 'GOARCH=[a-z0-9,]*' <<<"$header" || true) | head -1 | sed 's/GOARCH=//')"
  arches="${arches:-amd64,arm}"
  # outputs are made outside the corpus: gort rebuilds its jar from the corpus when it changes
  tmp="$(mktemp -d)"
  outs=()
  for a in ${arches//,/ }; do
    env ${envs[@]+"${envs[@]}"} GOMAXPROCS="${procs:-1}" GOARCH="$a" "$root/gort" run "$f" 2>&1 \
      | grep -v '^gort: building' | sed "s#$corpus/##g" > "$tmp/$a.out" || true
    outs+=("$a")
  done
  rm -f "$base.out" "$base.amd64.out" "$base.arm.out"
  if [ "${#outs[@]}" -eq 2 ] && cmp -s "$tmp/${outs[0]}.out" "$tmp/${outs[1]}.out"; then
    mv "$tmp/${outs[0]}.out" "$base.out"
  elif [ "${#outs[@]}" -eq 1 ]; then
    mv "$tmp/${outs[0]}.out" "$base.out"
  else
    for a in "${outs[@]}"; do mv "$tmp/$a.out" "$base.$a.out"; done
  fi
  rm -rf "$tmp"
  echo "expected: ${f#$corpus/}"
done
