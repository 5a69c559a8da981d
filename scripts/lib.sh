# Shared set-up for scripts/test and scripts/demo: install what a fresh Debian machine lacks.
# Sourced, not run.

# Installs the named Debian packages that are not installed yet.
install_missing_packages() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if ((${#missing[@]} == 0)); then return 0; fi
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The Debian packages finishline builds and tests against: libcurl to build; aiosmtpd, jsonschema
# and prometheus-client are the reference SMTP server, schema validator and metrics parser the
# tests check against; systemd provides systemd-analyze for the unit file test; faketime moves
# the clock of the binary under test for the tests that live through grace windows; openssl makes
# the private CA and certificates of the TLS tests.
ensure_debian_packages() {
  install_missing_packages libcurl4-openssl-dev libpq-dev pkg-config python3 python3-aiosmtpd python3-jsonschema \
    python3-prometheus-client systemd faketime openssl postgresql
}

ensure_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    echo "swift is not on PATH: install the Swift 6.3 toolchain (https://www.swift.org/install/linux/)" >&2
    exit 1
  fi
}

# The release binary as it ships: optimized, with the Swift runtime linked in statically, so a
# check starts in milliseconds (libcurl is loaded only when something is sent, libpq only with
# state_url). Without the $ORIGIN run path SwiftPM adds by default, the loader does not search
# the binary's own directory (some forty failed lookups) for libc, libm and libstdc++ at every
# start. Prints its path.
# scripts/install, scripts/demo, scripts/bench and scripts/torture all use this build.
build_release() {
  swift build -c release --static-swift-stdlib --disable-local-rpath --product finishline >&2
  echo "$(swift build -c release --static-swift-stdlib --disable-local-rpath --show-bin-path)/finishline"
}
