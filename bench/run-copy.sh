#!/bin/bash
# Copy benchmark: in one run, starts two of Debian's docker-registry on 127.0.0.1, pushes an
# image of four freshly generated layers (SIZE_MIB in all, default 1024) to the first and
# copies it to the second with
#   - berth-cli copy REPO:TAG HOST:PORT/REPO:TAG,
#   - skopeo copy --preserve-digests docker://… docker://… (the peer; without it, skopeo
#     would gzip the uncompressed layers on the way);
#   - two floors, what the two registries allow on this machine: the four layers all at
#     once, each a GET streamed into one PATCH of a fresh upload session, then its PUT
#     ?digest= (the config too; the manifest by curl), by plain curl (GET piped into a
#     second curl) and by bench/copy-limit.py (one process, a 1 MiB buffer per blob, no
#     hashing);
# each RUNS times (default 3), alternating, into an emptied destination (its storage is
# removed between runs, so nothing is skipped or mounted); the median counts. Each run is
# bounded (TIMEOUT seconds, default 600). Prints MB/s, the ratio and peak resident memory
# (/usr/bin/time -v; for the limit, that of the largest curl). Not a test.
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
cp "$layout/blobs/sha256/$manifest" "$work/manifest.json" # for the limit's curl
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

# The floor: curl GET | curl PATCH per layer, the four at once, then PUT ?digest= and the
# manifest. Each curl is bounded by the same TIMEOUT; check_dest checks what they left.
curl_blob() { # digest size: copies one blob, streamed, into a fresh upload session
    local location
    location=$(curl -sf -X POST -D - -o /dev/null "$dest_url/v2/c/img/blobs/uploads/" \
               | tr -d '\r' | awk -F': ' 'tolower($1) == "location" { print $2 }')
    case $location in /*) location=$dest_url$location ;; esac
    /usr/bin/time -v -o "$work/time.$1" timeout "$limit" curl -sf "$src_url/v2/b/img/blobs/sha256:$1" \
        | /usr/bin/time -v -o "$work/time.up.$1" timeout "$limit" curl -sf -X PATCH -T - -H 'Transfer-Encoding:' -H 'Expect:' \
              -H 'Content-Type: application/octet-stream' -H "Content-Length: $2" \
              -D "$work/patch.$1" -o /dev/null "$location"
    location=$(tr -d '\r' <"$work/patch.$1" | awk -F': ' 'tolower($1) == "location" { print $2 }')
    case $location in /*) location=$dest_url$location ;; esac
    case $location in *\?*) location+="&" ;; *) location+="?" ;; esac
    curl -sf -X PUT -H 'Content-Length: 0' -o /dev/null "${location}digest=sha256:$1"
}
put_manifest() {
    curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
        --data-binary "@$work/manifest.json" -o /dev/null "$dest_url/v2/c/img/manifests/bench"
}
run_limit_py() {
    empty_dest
    local s e; s=$(now)
    /usr/bin/time -v -o "$work/time" timeout "$limit" python3 "$here/bench/copy-limit.py" \
        "$src_url" b/img "$dest_url" c/img "${layers[@]/#/sha256:}" "sha256:$config"
    put_manifest
    e=$(now)
    check_dest copy-limit.py
    record limitpy "$s" "$e" "$work/time"
}
run_limit() {
    empty_dest
    local s e layer pids=() sum=0 peak=0 f
    s=$(now)
    for layer in "${layers[@]}"; do
        curl_blob "$layer" "$layer_bytes" &
        pids+=("$!")
    done
    curl_blob "$config" "$(stat -c %s "$work/config.json")"
    for pid in "${pids[@]}"; do wait "$pid" || { echo "curl copy failed"; exit 1; }; done
    put_manifest
    e=$(now)
    check_dest curl
    samples[limit]+="$(mbps "$bytes" "$s" "$e") "
    for f in "$work"/time.*; do
        sum=$(awk -v t="$sum" -F': ' '/User time|System time/ { t += $2 } END { print t }' "$f")
        peak=$(awk -v p="$peak" '/Maximum resident set size/ { p = $NF > p ? $NF : p } END { print p }' "$f")
    done
    printf '%.1f\n' "$sum" >>"$work/cpu.limit"
    awk -v p="$peak" 'BEGIN { printf "%.1f\n", p / 1024 }' >>"$work/rss.limit"
    rm -f "$work"/time.* "$work"/patch.*
}

echo "$runs runs each, alternating..."
for _ in $(seq "$runs"); do
    run_berth
    run_skopeo
    run_limit
    run_limit_py
done
empty_dest

med() { echo "${samples[$1]}" | tr ' ' '\n' | grep . | median; }
rss() { sort -n "$work/rss.$1" | tail -1; }
cpu() { median <"$work/cpu.$1"; }
berth=$(med berth); skopeo=$(med skopeo); floor=$(med limit); floorpy=$(med limitpy)
echo
echo "== copy of a four-layer ${size_mib} MiB image between two registries (median of $runs) =="
printf '%-34s %8s MB/s  peak RSS %s MiB  CPU %s s\n' "berth-cli copy" "$berth" "$(rss berth)" "$(cpu berth)"
printf '%-34s %8s MB/s  peak RSS %s MiB  CPU %s s\n' "skopeo copy docker:// docker://" "$skopeo" "$(rss skopeo)" "$(cpu skopeo)"
printf '%-34s %8s MB/s  peak RSS %s MiB  CPU %s s  (curl, summed)\n' "limit: curl GET | curl PATCH" "$floor" "$(rss limit)" "$(cpu limit)"
printf '%-34s %8s MB/s  peak RSS %s MiB  CPU %s s\n' "limit: bench/copy-limit.py" "$floorpy" "$(rss limitpy)" "$(cpu limitpy)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v b="$berth" -v s="$skopeo" -v l="$floor" -v p="$floorpy" 'BEGIN {
    if (p > l) l = p # the better floor
    printf "copy/skopeo          %.2fx  (target >= 1.5)\n", b / s
    printf "copy/limit           %.2fx  (limit: the faster floor)\nskopeo/limit         %.2fx\n", b / l, s / l
    printf "limit/skopeo         %.2fx  (the most a client could reach over skopeo)\n", l / s }'
