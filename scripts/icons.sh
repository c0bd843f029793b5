#!/usr/bin/env bash
# Renders the app icons of the web app manifest from assets/favicon.svg, and the social preview image
# from assets/social.svg, into assets/icons/. Run by hand
# after changing the favicon, then commit the PNGs: the build only copies them, so neither CI nor
# scripts/setup.sh needs this tool.
#   apt-get install librsvg2-bin fonts-liberation   # rsvg-convert; Liberation Sans stands in for Arial
#   scripts/icons.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC="$ROOT/assets/favicon.svg"
OUT="$ROOT/assets/icons"
mkdir -p "$OUT"

rsvg-convert -w 192 -h 192 "$SRC" -o "$OUT/icon-192.png"
# The social preview image (Open Graph / Twitter card); its CJK line needs fonts-noto-cjk.
rsvg-convert -w 1200 -h 630 "$ROOT/assets/social.svg" -o "$OUT/social.png"
rsvg-convert -w 512 -h 512 "$SRC" -o "$OUT/icon-512.png"

# Maskable: launchers crop to any shape inside the central circle of 80% diameter, so the artwork is
# shrunk to 80% on a full-bleed square of its own background colour (its rounded corners then vanish).
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
rsvg-convert -w 410 -h 410 "$SRC" -o "$TMP/art.png"
cat > "$TMP/maskable.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 512 512">
  <rect width="512" height="512" fill="#1f5fbf"/>
  <image xlink:href="art.png" x="51" y="51" width="410" height="410"/>
</svg>
SVG
rsvg-convert -w 512 -h 512 "$TMP/maskable.svg" -o "$OUT/maskable-512.png"
ls -l "$OUT"
