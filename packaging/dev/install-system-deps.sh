#!/usr/bin/env bash
# Installs what the app (--runtime) or the test suite (--test, the default) needs from Debian's
# packages, plus `uv` from PyPI. Idempotent and quiet when everything is already there; uses sudo
# when not root.
set -euo pipefail

mode="${1:---test}"

runtime_pkgs=(libportaudio2 libasound2-plugins pulseaudio-utils libxcb-cursor0 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1)
test_pkgs=(kamailio kamailio-tls-modules sip-tester baresip pulseaudio openssl xvfb tshark sox
  procps postgresql chromium coturn dbus gnome-keyring linphone-desktop xdotool x11-utils)

case "$mode" in
  --runtime) wanted=("${runtime_pkgs[@]}") ;;
  --test) wanted=("${runtime_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 [--runtime|--test]" >&2; exit 2 ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: ${missing[*]}" >&2
  # tshark asks whether non-root users may capture; answer for it.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

if ! command -v uv >/dev/null 2>&1 && [ ! -x "$HOME/.local/bin/uv" ]; then
  echo "Installing uv from PyPI" >&2
  if ! python3 -m pip --version >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
  fi
  python3 -m pip install --user --quiet uv 2>/dev/null \
    || python3 -m pip install --user --quiet --break-system-packages uv
fi
