#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs the whole test suite.
# Under CI (CI=true) the suite then runs once more in an ASan+UBSan build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
ctest --test-dir build --output-on-failure

if [[ "${CI:-}" == "true" ]]; then
  cmake -S . -B build-asan -G Ninja -DAGENT_BACKENDS_SANITIZE=address -DAGENT_BACKENDS_BENCH=OFF
  cmake --build build-asan
  ctest --test-dir build-asan --output-on-failure
fi
