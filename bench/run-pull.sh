#!/bin/bash
# Pull benchmark: in one run, starts Debian's docker-registry on 127.0.0.1, pushes an image of
# one freshly generated layer (SIZE_MIB, default 1024) and takes it out again with
#   - berth-cli pull REPO:TAG DIR (an OCI layout on disk),
#   - skopeo copy docker://… oci:DIR:TAG (the peer),
#   - curl of the layer | sha256sum (the practical limit: no disk, one stream),
#   - berth-cli blob get of the layer to /dev/null (the download alone),
#   - berth-cli blob get -o FILE of the layer (in parallel Range parts, through FILE.part);
# each RUNS times (default 3), alternating, into a fresh directory; the median counts.
# Prints MB/s, the ratios and peak resident memory (/usr/bin/time -v). Not a test.
#
#   bench/run-pull.sh [SIZE_MIB]
#   RUNS=5 BUILD_DIR=build bench/run-pull.sh 2048
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
size_mib=${1:-1024}
runs=${RUNS:-3}
cli="$build/app/berth-cli"
# shellcheck source=bench/registry.sh
. "$here/bench/registry.sh"

skopeo_env=(env HOME="$work/home" XDG_RUNTIME_DIR="$work/home" CONTAINERS_REGISTRIES_CONF=/dev/null)
mkdir -p "$work/home"
echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$work/policy.json"

# An OCI layout of one layer (the random blob, as an uncompressed tar layer), pushed by berth-cli.
bytes=$((size_mib * 1048576))
echo "Generating and pushing a $size_mib MiB layer..."
layout="$work/layout"
mkdir -p "$layout/blobs/sha256"
head -c "$bytes" /dev/urandom >"$work/layer"
layer=$(sha256sum "$work/layer" | cut -d' ' -f1)
mv "$work/layer" "$layout/blobs/sha256/$layer"
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$layer" >"$work/config.json"
config=$(sha256sum "$work/config.json" | cut -d' ' -f1)
cp "$work/config.json" "$layout/blobs/sha256/$config"
finish_layout "$layout" "$work/config.json" \
    "$(printf '{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}' "$layer" "$bytes")"
"$cli" -r "$url" push b/img:bench "$layout" >/dev/null
rm -rf "$layout" # frees the disk for the pulls
sync

declare -A samples
record() { # name start end [time file]
    samples[$1]+="$(mbps "$bytes" "$2" "$3") "
    [ -z "${4:-}" ] || echo "$(peak_mib "$4")" >>"$work/rss.$1"
}
run_berth() {
    rm -rf "$work/out"; sync
    local s e; s=$(now)
    /usr/bin/time -v -o "$work/time" "$cli" -r "$url" pull b/img:bench "$work/out" >"$work/printed"
    e=$(now)
    [ "$(cat "$work/printed")" = "sha256:$manifest" ] || { echo "berth-cli printed $(cat "$work/printed")"; exit 1; }
    [ "$(sha256sum "$work/out/blobs/sha256/$layer" | cut -d' ' -f1)" = "$layer" ] || { echo "berth-cli wrote a wrong layer"; exit 1; }
    record berth "$s" "$e" "$work/time"
}
run_skopeo() {
    rm -rf "$work/out" "$work/home"; mkdir -p "$work/home"; sync
    local s e; s=$(now)
    /usr/bin/time -v -o "$work/time" "${skopeo_env[@]}" skopeo --policy "$work/policy.json" copy -q \
        --src-tls-verify=false "docker://127.0.0.1:$port/b/img:bench" "oci:$work/out:bench"
    e=$(now)
    record skopeo "$s" "$e" "$work/time"
}
run_curl() {
    local s e got; s=$(now)
    got=$(curl -sf "$url/v2/b/img/blobs/sha256:$layer" | sha256sum | cut -d' ' -f1)
    e=$(now)
    [ "$got" = "$layer" ] || { echo "curl got $got"; exit 1; }
    record curl "$s" "$e"
}
run_blob_get() {
    local s e; s=$(now)
    /usr/bin/time -v -o "$work/time" "$cli" -r "$url" blob get b/img "sha256:$layer" >/dev/null
    e=$(now)
    record blobget "$s" "$e" "$work/time"
}
run_blob_get_file() {
    rm -f "$work/blob"; sync
    local s e; s=$(now)
    /usr/bin/time -v -o "$work/time" "$cli" -r "$url" blob get b/img "sha256:$layer" -o "$work/blob"
    e=$(now)
    [ "$(sha256sum "$work/blob" | cut -d' ' -f1)" = "$layer" ] || { echo "berth-cli blob get -o wrote a wrong file"; exit 1; }
    rm -f "$work/blob"
    record blobfile "$s" "$e" "$work/time"
}

echo "$runs runs each, alternating..."
for i in $(seq "$runs"); do
    run_berth
    run_skopeo
    run_curl
    run_blob_get
    run_blob_get_file
done
rm -rf "$work/out"

med() { echo "${samples[$1]}" | tr ' ' '\n' | grep . | median; }
rss() { sort -n "$work/rss.$1" | tail -1; }
berth=$(med berth); skopeo=$(med skopeo); curl_=$(med curl); blobget=$(med blobget); blobfile=$(med blobfile)
echo
echo "== pull of a one-layer ${size_mib} MiB image (median of $runs) =="
printf '%-34s %8s MB/s  peak RSS %s MiB\n' "berth-cli pull (OCI layout)" "$berth" "$(rss berth)"
printf '%-34s %8s MB/s  peak RSS %s MiB\n' "skopeo copy docker:// oci:" "$skopeo" "$(rss skopeo)"
printf '%-34s %8s MB/s\n' "curl | sha256sum (the layer)" "$curl_"
printf '%-34s %8s MB/s  peak RSS %s MiB\n' "berth-cli blob get > /dev/null" "$blobget" "$(rss blobget)"
printf '%-34s %8s MB/s  peak RSS %s MiB\n' "berth-cli blob get -o FILE" "$blobfile" "$(rss blobfile)"
awk -v b="$berth" -v c="$curl_" -v s="$skopeo" -v g="$blobget" 'BEGIN {
    printf "pull/skopeo          %.2fx  (target >= 1.2)\n", b / s
    printf "pull/curl|sha256sum  %.2fx  (target >= 0.9)\n", b / c
    printf "blob get/curl        %.2fx\n", g / c }'
