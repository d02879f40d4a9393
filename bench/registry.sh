# Sourced by bench/run-upload.sh and bench/run-pull.sh: checks the tools, makes $work (removed
# on exit, with the registries), and starts Debian's docker-registry on 127.0.0.1 with
# filesystem storage and deletes enabled. Sets $work, $port and $url; needs $cli and $build.
# Also the measuring helpers: now, mbps BYTES START END, median (of stdin's lines) and
# peak_mib TIME_V_FILE (the peak resident MiB /usr/bin/time -v wrote).
now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" -v e="$3" 'BEGIN { printf "%.0f", b / (e - s) / 1e6 }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
peak_mib() { awk '/Maximum resident set size/ { printf "%.1f", $NF / 1024 }' "$1"; }

for tool in docker-registry curl skopeo /usr/bin/time sha256sum; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (bash scripts/install-deps.sh)"; exit 1; }
done
[ -x "$cli" ] || cmake --build "$build" --target berth-cli

work=$(mktemp -d "${TMPDIR:-/tmp}/berth-bench.XXXXXX")
registry_pids=()
cleanup() {
    local status=$? pid
    for pid in "${registry_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

# start_registry NAME: another docker-registry on 127.0.0.1 (storage $work/NAME.storage);
# sets $port and $url. The first one (storage $work/storage) is started below.
start_registry() {
    local storage=$work/$1.storage
    [ "$1" != main ] || storage=$work/storage
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
           || shuf -i 20000-60000 -n 1)
    cat > "$work/$1.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
    docker-registry serve "$work/$1.yml" >"$work/$1.log" 2>&1 &
    registry_pids+=("$!")
    url="http://127.0.0.1:$port"
    for _ in $(seq 50); do curl -sf "$url/v2/" >/dev/null && break; sleep 0.1; done
    curl -sf "$url/v2/" >/dev/null || { cat "$work/$1.log"; exit 1; }
}
start_registry main

# finish_layout LAYOUT CONFIG_FILE LAYER_DESCRIPTORS: writes the image manifest (the config
# file's digest and size, the layers' JSON descriptors), index.json naming it "bench" and
# oci-layout into the OCI layout LAYOUT, whose blobs/sha256 holds the config and layers.
# Sets $manifest to the manifest's hex digest.
finish_layout() {
    local layout=$1 config_file=$2 descriptors=$3 config manifest_file
    config=$(sha256sum "$config_file" | cut -d' ' -f1)
    manifest_file=$(mktemp "${TMPDIR:-/tmp}/berth-manifest.XXXXXX")
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
        "$config" "$(stat -c %s "$config_file")" "$descriptors" >"$manifest_file"
    manifest=$(sha256sum "$manifest_file" | cut -d' ' -f1)
    printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' \
        "$manifest" "$(stat -c %s "$manifest_file")" >"$layout/index.json"
    mv "$manifest_file" "$layout/blobs/sha256/$manifest"
    echo '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
}
