#!/usr/bin/env bash
# One idempotent setup step; every make target runs it first.
# Installs what a fresh Debian 12 machine lacks (apt packages, Debian source
# packages for the WASM builds of qrcodegen and Dear ImGui, npm test tooling)
# and returns in well under a second when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/.cache
say() { echo "setup: $*" >&2; }

# --- apt packages -----------------------------------------------------------
# Build: compilers, CMake, Emscripten + Binaryen. Header/source deps: nlohmann/json,
# stb, GoogleTest. Browser tests: chromium. QR round trips: zbar-tools, zxing-cpp-tools.
# Share-card fonts: fonts-noto-cjk subset with fonttools, unicode-data (kTGH list).
# Sizes: brotli. Minifying dist/ JavaScript: esbuild. Fuzzing (make fuzz, make
# test): clang, and libclang-rt-14-dev for the libFuzzer runtime
# (libclang_rt.fuzzer), which clang only recommends.
APT_PACKAGES="build-essential cmake make git emscripten binaryen esbuild
  nlohmann-json3-dev libstb-dev googletest chromium zbar-tools zxing-cpp-tools
  fonts-noto-cjk python3-fonttools unicode-data brotli librsvg2-bin xz-utils
  clang libclang-rt-14-dev"
missing=()
for p in $APT_PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js with npm: the machine's own when present (Debian's nodejs/npm otherwise).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends ${missing[*]}
fi

# --- Debian source packages (WASM builds need the .c/.cpp files) -------------
# A private deb-src list and lists folder inside .cache: the machine's apt
# configuration stays untouched. The list is derived from the machine's own
# sources, deb822 (debian.sources) or one-line (sources.list, as a netinst
# install leaves it): see scripts/apt-sources.sh. PW_APT_ETC (default /etc/apt)
# reads them from elsewhere, for testing that step.
DEBSRC=$CACHE/debsrc
DEPS=$CACHE/deps
fetch_sources() {
  mkdir -p "$DEBSRC/parts" "$DEBSRC/lists/partial"
  if ! bash scripts/apt-sources.sh "${PW_APT_ETC:-/etc/apt}" "$DEBSRC/parts"; then
    say "could not fetch Debian source packages: no deb-src list could be made (see above)"
    exit 1
  fi
  local O="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$DEBSRC/parts -o Dir::State::Lists=$DEBSRC/lists"
  local log="$DEBSRC/apt.log"
  say "fetching Debian source packages qr-code-generator and imgui"
  if ! { apt-get $O update -q && (cd "$DEBSRC" && apt-get $O source --tar-only qr-code-generator imgui); } >"$log" 2>&1; then
    say "could not fetch Debian source packages qr-code-generator and imgui; apt said:"
    grep -E '^(E:|W: Failed|W: Some index)' "$log" >&2 || tail -n 20 "$log" >&2
    say "(full log: $log)"
    exit 1
  fi
}
if ! ls "$DEBSRC"/qr-code-generator_*.orig.tar.* >/dev/null 2>&1 || ! ls "$DEBSRC"/imgui_*.orig.tar.* >/dev/null 2>&1; then
  fetch_sources
fi
extract() {  # extract <tarball glob> <dest>
  local tarball; tarball=$(ls $1 | head -n1)
  if [ ! -f "$2/.from" ] || [ "$(cat "$2/.from")" != "$(basename "$tarball")" ]; then
    rm -rf "$2"; mkdir -p "$2"
    tar -xf "$tarball" -C "$2" --strip-components=1
    basename "$tarball" > "$2/.from"
  fi
}
extract "$DEBSRC/qr-code-generator_*.orig.tar.*" "$DEPS/qrcodegen"
extract "$DEBSRC/imgui_*.orig.tar.*" "$DEPS/imgui"

# --- npm test tooling (package-lock.json is committed) ------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- Emscripten: acorn for em++'s JS optimiser; a warm system-library cache ---
if [ ! -f "$CACHE/emscripten.ok" ]; then
  say "warming Emscripten's library cache (first run only)"
  mkdir -p "$CACHE/emwarm"
  echo 'int main(){return 0;}' > "$CACHE/emwarm/t.cpp"
  NODE_PATH=/usr/share/nodejs em++ -O2 -fno-exceptions "$CACHE/emwarm/t.cpp" -o "$CACHE/emwarm/t.js" \
    -sMALLOC=emmalloc >/dev/null
  touch "$CACHE/emscripten.ok"
fi
