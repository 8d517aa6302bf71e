#!/usr/bin/env bash
# Sets a fresh Debian/Ubuntu machine up for the playground; quick to run again once done.
#  1. system packages: Qt's X11 libraries, CJK fonts for the Chinese class names, and the
#     Fashion-MNIST data (Debian's dataset-fashion-mnist). Never fatal: the app starts without
#     them (the Draw tab works from the shipped pretrained models).
#  2. a virtual environment at .venv with the dependencies declared in pyproject.toml.
#  3. the data put where the app looks for it (python main.py data), when it can be had.
# Usage: scripts/setup.sh [app|test]   (test also installs the test extras)
set -euo pipefail
cd "$(dirname "$0")/.."
PURPOSE="${1:-app}"

APT_PACKAGES=(
  dataset-fashion-mnist
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxkbcommon-x11-0 libxkbcommon0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
  fonts-dejavu-core fonts-noto-cjk
)
# The class page's browser test runs Debian's chromium headless through Selenium.
[ "$PURPOSE" = test ] && APT_PACKAGES+=(chromium chromium-driver)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

install_system_packages() {
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    say "not a Debian/Ubuntu system: install Qt 6's xcb libraries yourself if the window fails to open"
    return 0
  fi
  local missing=() package
  if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then APT_PACKAGES+=(python3-venv); fi
  for package in "${APT_PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null || [ -t 0 ]; then
      sudo=(sudo)
    else
      say "skipping system packages (needs root): sudo apt-get install ${missing[*]}"
      return 0
    fi
  fi
  say "installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq || say "apt-get update failed; trying with the package lists there are"
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    # One name unknown to this release must not stop the rest: try them one by one.
    for package in "${missing[@]}"; do
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null 2>&1 \
        || say "could not install $package (the app still works without it)"
    done
  fi
}

install_python_packages() {
  local extras="" stamp=".venv/.installed-$PURPOSE"
  [ "$PURPOSE" = test ] && extras="[test]"
  if [ ! -x .venv/bin/python ]; then
    say "creating the virtual environment .venv"
    python3 -m venv .venv
  fi
  # Reinstall only when the declared dependencies changed: a re-run then takes a second.
  local wanted
  wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    return 0
  fi
  say "installing Python packages (torch is large: the first time takes a few minutes)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".$extras"
  echo "$wanted" > "$stamp"
}

install_system_packages
install_python_packages
# Puts Debian's files into the app's cache (or says how to get the data); never fails the set-up.
.venv/bin/python main.py data || say "no dataset yet: training and browsing will explain how to get it"
