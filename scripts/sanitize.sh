#!/usr/bin/env bash
# Builds the core, the models and the emulator with AddressSanitizer and
# UndefinedBehaviorSanitizer into ./build-sanitize and runs their tests (unit, model,
# emulator, client, upload, bad-input and hostile-registry). Any report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(tst_challenge tst_linkheader tst_reference tst_sha256 tst_mediatypes tst_errorbody
         tst_attributes tst_manifest tst_printable tst_realmtrust tst_secrets tst_headervalue
         tst_registryerror tst_retrypolicy tst_job tst_jobbatch tst_models tst_emulator
         tst_badinput tst_hostileregistry tst_connection tst_client_emulator
         tst_blobupload_emulator tst_upload_faults)
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBERTH_WERROR=ON \
    -DBERTH_SANITIZE=address,undefined "${launcher[@]}" >/dev/null
cmake --build build-sanitize -j "$(nproc)" --target "${targets[@]}"
cd build-sanitize
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/../scripts/lsan.supp
regex="^($(IFS="|"; echo "${targets[*]#tst_}"))\$"
ctest --output-on-failure --timeout 600 -j 2 -R "$regex"
