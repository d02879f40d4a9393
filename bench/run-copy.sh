#!/bin/bash
# Copy benchmark: in one run, starts two of Debian's docker-registry on 127.0.0.1, pushes an
# image of four freshly generated layers (SIZE_MIB in all, default 1024) to the first and
# copies it to the second with
#   - berth-cli copy REPO:TAG HOST:PORT/REPO:TAG,
#   - skopeo copy --preserve-digests docker://… docker://… (the peer; without it, skopeo
#     would gzip the uncompressed layers on the way);
# each RUNS times (default 3), alternating, into an emptied destination (its storage is
# removed between runs, so nothing is skipped or mounted); the median counts. Each run is
# bounded (TIMEOUT seconds, default 600). Prints MB/s, the ratio and peak resident memory
# (/usr/bin/time -v). Not a test.
#
#   bench/run-copy.sh [SIZE_MIB]
#   RUNS=5 BUILD_DIR=build bench/run-copy.sh 256
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
size_mib=${1:-1024}
runs=${RUNS:-3}
limit=${TIMEOUT:-600}
cli="$build/app/berth-cli"
# shellcheck source=bench/registry.sh
. "$here/bench/registry.sh"
src_url=$url
start_registry dest
dest_port=$port
dest_url=$url

skopeo_env=(env HOME="$work/home" XDG_RUNTIME_DIR="$work/home" CONTAINERS_REGISTRIES_CONF=/dev/null)
echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$work/policy.json"

# An OCI layout of four random layers (uncompressed tar layers), pushed by berth-cli.
bytes=$((size_mib * 1048576))
layer_bytes=$((bytes / 4))
echo "Generating and pushing 4 layers of $((layer_bytes / 1048576)) MiB..."
layout="$work/layout"
mkdir -p "$layout/blobs/sha256"
layers=() diff_ids='' descriptors=''
for i in 1 2 3 4; do
    head -c "$layer_bytes" /dev/urandom >"$work/layer"
    digest=$(sha256sum "$work/layer" | cut -d' ' -f1)
    mv "$work/layer" "$layout/blobs/sha256/$digest"
    layers+=("$digest")
    diff_ids+="${diff_ids:+,}\"sha256:$digest\""
    descriptors+="${descriptors:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:$digest\",\"size\":$layer_bytes}"
done
printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[%s]}}' "$diff_ids" >"$work/config.json"
config=$(sha256sum "$work/config.json" | cut -d' ' -f1)
cp "$work/config.json" "$layout/blobs/sha256/$config"
finish_layout "$layout" "$work/config.json" "$descriptors"
"$cli" -r "$src_url" push b/img:bench "$layout" >/dev/null
rm -rf "$layout" # frees the disk for the destination
sync

# The destination must hold the image under the same manifest digest, with every layer.
check_dest() { # who
    local got
    got=$(curl -sfI -H 'Accept: application/vnd.oci.image.manifest.v1+json' "$dest_url/v2/c/img/manifests/bench" \
          | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }')
    [ "$got" = "sha256:$manifest" ] || { echo "$1 left manifest '$got' at the destination"; exit 1; }
    for layer in "${layers[@]}"; do
        curl -sfI "$dest_url/v2/c/img/blobs/sha256:$layer" >/dev/null || { echo "$1 left out layer $layer"; exit 1; }
    done
}
empty_dest() { rm -rf "$work/dest.storage"; sync; }

declare -A samples
record() { # name start end time-file
    samples[$1]+="$(mbps "$bytes" "$2" "$3") "
    echo "$(peak_mib "$4")" >>"$work/rss.$1"
    awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.1f\n", t }' "$4" >>"$work/cpu.$1"
}
run_berth() {
    empty_dest
    local s e; s=$(now)
    /usr/bin/time -v -o "$work/time" timeout "$limit" \
        "$cli" -r "$src_url" copy b/img:bench "127.0.0.1:$dest_port/c/img:bench" --plain-http >/dev/null
    e=$(now)
    check_dest berth-cli
    record berth "$s" "$e" "$work/time"
}
run_skopeo() {
    empty_dest
    rm -rf "$work/home"; mkdir -p "$work/home"
    local s e; s=$(now)
    /usr/bin/time -v -o "$work/time" timeout "$limit" "${skopeo_env[@]}" skopeo --policy "$work/policy.json" copy -q --preserve-digests \
        --src-tls-verify=false --dest-tls-verify=false \
        "docker://127.0.0.1:$port_src/b/img:bench" "docker://127.0.0.1:$dest_port/c/img:bench"
    e=$(now)
    check_dest skopeo
    record skopeo "$s" "$e" "$work/time"
}
port_src=${src_url##*:}

echo "$runs runs each, alternating..."
for _ in $(seq "$runs"); do
    run_berth
    run_skopeo
done
empty_dest

med() { echo "${samples[$1]}" | tr ' ' '\n' | grep . | median; }
rss() { sort -n "$work/rss.$1" | tail -1; }
cpu() { median <"$work/cpu.$1"; }
berth=$(med berth); skopeo=$(med skopeo)
echo
echo "== copy of a four-layer ${size_mib} MiB image between two registries (median of $runs) =="
printf '%-34s %8s MB/s  peak RSS %s MiB  CPU %s s\n' "berth-cli copy" "$berth" "$(rss berth)" "$(cpu berth)"
printf '%-34s %8s MB/s  peak RSS %s MiB  CPU %s s\n' "skopeo copy docker:// docker://" "$skopeo" "$(rss skopeo)" "$(cpu skopeo)"
awk -v b="$berth" -v s="$skopeo" 'BEGIN { printf "copy/skopeo          %.2fx  (target >= 1.5)\n", b / s }'
