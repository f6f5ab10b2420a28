#!/usr/bin/env bash
# Writes a private deb-src list for scripts/setup.sh from the machine's Debian
# apt sources, in whichever format the machine has:
#   <etc>/sources.list.d/debian.sources  deb822 (Docker and cloud images):
#                                        every stanza whose Types has deb gets Types: deb-src
#   <etc>/sources.list                   one-line (a netinst install):
#                                        every "deb …" line becomes "deb-src …"
# Both are read when both exist. CD-ROM entries are skipped (apt cannot update
# them without the disc); existing deb-src lines are dropped (regenerated from
# their deb lines). The machine's own files are only read.
#
#   scripts/apt-sources.sh <etc-apt-dir> <parts-dir>
# writes <parts-dir>/src.sources and/or <parts-dir>/src.list (removing stale
# ones); exits 1 with a message when no deb entry was found.
set -euo pipefail
ETC=${1:?usage: apt-sources.sh <etc-apt-dir> <parts-dir>}
PARTS=${2:?usage: apt-sources.sh <etc-apt-dir> <parts-dir>}
mkdir -p "$PARTS"
rm -f "$PARTS/src.sources" "$PARTS/src.list"
found=0

deb822="$ETC/sources.list.d/debian.sources"
if [ -f "$deb822" ]; then
  # Stanzas are separated by blank lines; keep a stanza when its Types has
  # "deb" and none of its URIs is a cdrom: one.
  awk '
    function flush() {
      if (n > 0 && keep && !cdrom) { if (out++) print ""; for (i = 1; i <= n; i++) print lines[i] }
      n = 0; keep = 0; cdrom = 0
    }
    /^[ \t]*$/ { flush(); next }
    /^#/ { next }
    /^Types:/ {
      for (i = 2; i <= NF; i++) if ($i == "deb") keep = 1
      lines[++n] = "Types: deb-src"; next
    }
    /^URIs:/ && /cdrom:/ { cdrom = 1 }
    { lines[++n] = $0 }
    END { flush() }
  ' "$deb822" > "$PARTS/src.sources"
  if grep -q '^Types: deb-src' "$PARTS/src.sources"; then found=1; else rm -f "$PARTS/src.sources"; fi
fi

oneline="$ETC/sources.list"
if [ -f "$oneline" ]; then
  sed -n -E '/cdrom:/d; s/^[ \t]*deb([ \t]+)/deb-src\1/p' "$oneline" > "$PARTS/src.list"
  if grep -q '^deb-src' "$PARTS/src.list"; then found=1; else rm -f "$PARTS/src.list"; fi
fi

if [ "$found" = 0 ]; then
  echo "no Debian apt source to derive deb-src entries from: expected \"Types: deb\" stanzas in $deb822 or \"deb …\" lines in $oneline" >&2
  exit 1
fi
