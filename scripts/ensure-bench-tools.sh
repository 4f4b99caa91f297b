#!/usr/bin/env bash
# The benchmarks load pages with wrk and make B5's words from wdutch: install both from
# Debian when missing (only as root). Without them the benchmarks fall back to a Python
# load generator and made-up words, and say so in their results.
set -uo pipefail
need=()
command -v wrk >/dev/null || need+=(wrk)
[ -f /usr/share/dict/dutch ] || need+=(wdutch)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} from Debian."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi
echo "Missing ${need[*]}: install with 'sudo apt-get install ${need[*]}' for real load figures." >&2
exit 0
