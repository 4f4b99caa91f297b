#!/usr/bin/env bash
# Install Debian's Chromium and ChromeDriver, gettext, WeasyPrint's libraries and the demo
# podcast's speech tools (espeak-ng, sox with MP3 output) when missing
# (only as root; never a downloaded browser).
set -uo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v msgfmt >/dev/null || need+=(gettext)
has_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
has_lib "libpango-1.0.so.0" || need+=(libpango-1.0-0)
has_lib "libpangoft2-1.0.so.0" || need+=(libpangoft2-1.0-0)
has_lib "libharfbuzz-subset.so.0" || need+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v sox >/dev/null || need+=(sox)
sox_formats="$(sox -h 2>/dev/null | sed -n 's/^AUDIO FILE FORMATS://p')"
[[ " $sox_formats " == *" mp3 "* ]] || need+=(libsox-fmt-mp3)
if [ ${#need[@]} -eq 0 ]; then
  echo "Chromium $(chromium --version 2>/dev/null | awk '{print $2}'), ChromeDriver, WeasyPrint's libraries, espeak-ng and sox are installed."
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} from Debian."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit $?
fi
echo "Missing ${need[*]}: install with 'sudo apt-get install ${need[*]}'." >&2
if [ "${CI:-}" = "true" ]; then exit 1; fi
exit 0
