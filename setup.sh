#!/usr/bin/env bash
# One entry point for a fresh Debian/Ubuntu machine (root or a sudoer):
#   ./setup.sh run    install what is needed, then start the app
#   ./setup.sh test   install what is needed (incl. dev tools), then run the whole test suite
# Idempotent: apt runs only when a package is missing, pip only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-run}"; shift || true

APT_PACKAGES=(
  python3 python3-venv python3-pip python3-dev gcc
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd tesseract-ocr-script-viet
  poppler-utils qpdf ghostscript sane-utils libsane-dev libzbar0
  softhsm2 opensc libnss3-tools libp11-kit-dev fonts-noto-core fonts-liberation2 xvfb default-jre-headless
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-image0
  libxcb-render-util0 libdbus-1-3 libfontconfig1
)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY="${PYTHON:-python3}"
extras="scan"
[ "$mode" = "test" ] && extras="scan,dev"
hash="$(sha256sum pyproject.toml | cut -c1-16)"
stamp=".venv/.installed-${hash}-${extras//,/_}"
full=".venv/.installed-${hash}-scan_dev"   # a test install also serves the app
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -f "$stamp" ] && [ ! -f "$full" ]; then
  echo "setup: installing Python packages into .venv ($extras)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[${extras}]"
  find .venv -maxdepth 1 -name '.installed-*' ! -name ".installed-${hash}-*" -delete
  touch "$stamp"
fi

case "$mode" in
  run)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "setup: no display found; starting under xvfb-run" >&2
      exec xvfb-run -a .venv/bin/python main.py "$@"
    fi
    exec .venv/bin/python main.py "$@"
    ;;
  test)
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    exec .venv/bin/python -m pytest -q "$@"
    ;;
  install)
    echo "setup: installed; activate with: source .venv/bin/activate"
    ;;
  *)
    echo "usage: ./setup.sh run|test|install" >&2; exit 2;;
esac
