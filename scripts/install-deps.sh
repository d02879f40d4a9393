#!/usr/bin/env bash
# Installs what Berth needs to build and test on Debian 12 (idempotent; needs root or sudo).
set -euo pipefail
packages=(
    build-essential cmake ninja-build pkg-config clang clang-format clang-tidy
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qtkeychain-qt6-dev libgl-dev libqt6svg6
    qt6-translations-l10n
    libssl-dev openssl curl ca-certificates zlib1g-dev libzstd-dev zstd
    docker-registry skopeo podman apache2-utils
    xvfb xauth gnome-keyring dbus-x11 libsecret-tools libxcb1-dev
    desktop-file-utils appstream
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "Installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The Debian package starts a registry service on :5000; Berth's tests start their own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
    systemctl stop docker-registry || true
fi
