#!/bin/bash
# Upload benchmark: in one run, starts Debian's docker-registry on 127.0.0.1 and pushes the
# same freshly generated blob with
#   - berth-cli blob push (default: one streamed PATCH; plus the chunk sizes in CHUNKS),
#   - curl monolithic: POST, then one PUT ?digest= with the whole body (the practical limit
#     of this registry here; curl is given the digest, Berth computes it while sending),
#   - skopeo copy of an OCI layout holding that blob as its only layer (the peer);
# then a whole image of 4 layers (berth-cli push vs skopeo copy of the same layout).
# Each tool runs RUNS times, alternating, each into a fresh repository; the median counts.
# Prints MB/s, the ratios and peak resident memory (/usr/bin/time -v). Not a test.
#
#   bench/run-upload.sh [SIZE_MIB]          (default 1024)
#   RUNS=5 CHUNKS="67108864 16777216" BUILD_DIR=build bench/run-upload.sh 2048
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
size_mib=${1:-1024}
runs=${RUNS:-3}
chunks=${CHUNKS:-"67108864 16777216"}
cli="$build/app/berth-cli"
# shellcheck source=bench/registry.sh
. "$here/bench/registry.sh"

# A layout with the given blobs (files) as layers: blobs are hard links, the config and
# manifest are real JSON. Prints nothing; writes $1 (dir), tag "bench".
make_layout() {
    local dir=$1; shift
    mkdir -p "$dir/blobs/sha256"
    local layers="" diffs="" sep=""
    for f in "$@"; do
        local d; d=$(sha256sum "$f" | cut -d' ' -f1)
        ln -f "$f" "$dir/blobs/sha256/$d" 2>/dev/null || cp "$f" "$dir/blobs/sha256/$d"
        layers+="$sep{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:$d\",\"size\":$(stat -c %s "$f")}"
        diffs+="$sep\"sha256:$d\""; sep=","
    done
    printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[%s]}}' "$diffs" >"$work/config.json"
    local cd; cd=$(sha256sum "$work/config.json" | cut -d' ' -f1)
    cp "$work/config.json" "$dir/blobs/sha256/$cd"
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
        "$cd" "$(stat -c %s "$work/config.json")" "$layers" >"$work/manifest.json"
    local md; md=$(sha256sum "$work/manifest.json" | cut -d' ' -f1)
    cp "$work/manifest.json" "$dir/blobs/sha256/$md"
    printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' \
        "$md" "$(stat -c %s "$work/manifest.json")" >"$dir/index.json"
    echo '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
}

skopeo_env=(env HOME="$work/home" XDG_RUNTIME_DIR="$work/home" CONTAINERS_REGISTRIES_CONF=/dev/null)
mkdir -p "$work/home"
echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$work/policy.json"
skopeo_copy() {
    "${skopeo_env[@]}" skopeo --policy "$work/policy.json" copy --dest-tls-verify=false -q "$@"
}

bytes=$((size_mib * 1048576))
echo "Generating a $size_mib MiB blob..."
head -c "$bytes" /dev/urandom >"$work/blob"
digest=sha256:$(sha256sum "$work/blob" | cut -d' ' -f1)
make_layout "$work/layout1" "$work/blob"
sync

declare -A samples
run_berth() { # name, extra args...
    local name=$1; shift
    local repo="b/$name-$RANDOM$RANDOM" s e
    s=$(now)
    /usr/bin/time -v -o "$work/time.$name" "$cli" -r "$url" blob push "$repo" "$work/blob" "$@" >"$work/out"
    e=$(now)
    [ "$(cat "$work/out")" = "$digest" ] || { echo "berth-cli printed $(cat "$work/out")"; exit 1; }
    samples[$name]+="$(mbps "$bytes" "$s" "$e") "
    echo "$(peak_mib "$work/time.$name")" >>"$work/rss.$name"
}
run_curl() {
    local repo="c/r$RANDOM$RANDOM" s e loc
    s=$(now)
    loc=$(curl -sf -D - -o /dev/null -X POST "$url/v2/$repo/blobs/uploads/" | tr -d '\r' | awk -F': ' 'tolower($1)=="location" { print $2 }')
    case $loc in http*) ;; *) loc="$url$loc" ;; esac
    curl -sf -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' -T "$work/blob" "$loc&digest=$digest"
    e=$(now)
    samples[curl]+="$(mbps "$bytes" "$s" "$e") "
}
run_skopeo() { # name, layout dir, payload bytes
    local repo="s/r$RANDOM$RANDOM" s e
    # Without its blob-info cache: skopeo would otherwise mount the blob it pushed in the
    # previous run instead of sending it. As root the cache is system-wide, else in HOME.
    rm -rf "$work/home"; mkdir -p "$work/home"
    [ "$(id -u)" = 0 ] && rm -f /var/lib/containers/cache/blob-info-cache-v1.boltdb
    s=$(now)
    /usr/bin/time -v -o "$work/time.$1" "${skopeo_env[@]}" skopeo --policy "$work/policy.json" copy --dest-tls-verify=false -q \
        "oci:$2:bench" "docker://127.0.0.1:$port/$repo:bench"
    e=$(now)
    samples[$1]+="$(mbps "$3" "$s" "$e") "
    echo "$(peak_mib "$work/time.$1")" >>"$work/rss.$1"
}

echo "Blob: $runs runs each, alternating..."
for i in $(seq "$runs"); do
    run_berth berth
    for c in $chunks; do run_berth "berth-chunk-$c" --chunk-size "$c"; done
    run_curl
    run_skopeo skopeo "$work/layout1" "$bytes"
done

med() { echo "${samples[$1]}" | tr ' ' '\n' | grep . | median; }
rss() { sort -n "$work/rss.$1" | tail -1; }
berth=$(med berth); curl_=$(med curl); skopeo=$(med skopeo)
echo
echo "== one ${size_mib} MiB blob (median of $runs) =="
printf '%-28s %8s MB/s  peak RSS %s MiB\n' "berth-cli blob push" "$berth" "$(rss berth)"
for c in $chunks; do
    printf '%-28s %8s MB/s  peak RSS %s MiB\n' "  --chunk-size $c" "$(med "berth-chunk-$c")" "$(rss "berth-chunk-$c")"
done
printf '%-28s %8s MB/s\n' "curl monolithic PUT" "$curl_"
printf '%-28s %8s MB/s  peak RSS %s MiB\n' "skopeo copy (OCI layout)" "$skopeo" "$(rss skopeo)"
awk -v b="$berth" -v c="$curl_" -v s="$skopeo" 'BEGIN {
    printf "Berth/curl   %.2fx  (target >= 0.9)\n", b / c
    printf "Berth/skopeo %.2fx  (target >= 1.0)\n", b / s }'

# Four layers of a quarter each: Berth sends them in parallel, skopeo one after another.
quarter=$((bytes / 4))
for n in 1 2 3 4; do head -c "$quarter" /dev/urandom >"$work/layer$n"; done
make_layout "$work/layout4" "$work/layer1" "$work/layer2" "$work/layer3" "$work/layer4"
sync
echo
echo "Image: $runs runs each, alternating..."
for i in $(seq "$runs"); do
    repo="i/berth$RANDOM$RANDOM"
    s=$(now)
    /usr/bin/time -v -o "$work/time.image-berth" "$cli" -r "$url" push "$repo:bench" "$work/layout4" >/dev/null
    e=$(now)
    samples[image-berth]+="$(mbps "$((quarter * 4))" "$s" "$e") "
    echo "$(peak_mib "$work/time.image-berth")" >>"$work/rss.image-berth"
    run_skopeo image-skopeo "$work/layout4" "$((quarter * 4))"
done
ib=$(med image-berth); is=$(med image-skopeo)
echo "== a 4-layer image of ${size_mib} MiB (median of $runs) =="
printf '%-28s %8s MB/s  peak RSS %s MiB\n' "berth-cli push" "$ib" "$(rss image-berth)"
printf '%-28s %8s MB/s  peak RSS %s MiB\n' "skopeo copy (OCI layout)" "$is" "$(rss image-skopeo)"
awk -v b="$ib" -v s="$is" 'BEGIN { printf "Berth/skopeo %.2fx  (target >= 1.5)\n", b / s }'
