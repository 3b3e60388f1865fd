#!/usr/bin/env bash
# Makes the tiny sample clips shipped for stories and tests (public/samples/).
# Each clip shows its frame number and timecode, so a glance tells whether two players are in
# sync. H.264 baseline + yuv420p + faststart (moov first) is what every browser plays,
# Debian's Chromium included (test/browser/ checks that it really plays them).
# Usage: scripts/make-samples.sh [out-dir]   (needs ffmpeg with libx264 and libfreetype)
set -euo pipefail

out="${1:-public/samples}"
mkdir -p "$out"
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf
[ -f "$font" ] || font=$(fc-match -f '%{file}' monospace)

# $1 name, $2 WxH, $3 seconds, $4 extra video filter (after the counter), $5 tone Hz, $6 pattern
make_clip() {
  local name=$1 size=$2 seconds=$3 extra=$4 tone=$5 pattern=$6
  local fontsize=$(( ${size%x*} < ${size#*x} ? 22 : 28 ))
  local counter="drawtext=fontfile=$font:fontsize=$fontsize:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=4"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "$pattern=size=$size:rate=24:duration=$seconds" \
    -f lavfi -i "sine=frequency=$tone:sample_rate=22050:duration=$seconds" \
    -filter_complex "[0:v]$counter:x=(w-tw)/2:y=(h-th)/2:text='%{frame_num} %{pts\\:hms}'$extra,format=yuv420p[v];[1:a]volume=0.05[a]" \
    -map "[v]" -map "[a]" \
    -c:v libx264 -profile:v baseline -level 3.0 -preset veryslow -crf 36 -g 24 -keyint_min 24 -sc_threshold 0 \
    -c:a aac -b:a 16k -ac 1 \
    -movflags +faststart -shortest "$out/$name"
  printf '%-14s %6s bytes\n' "$name" "$(stat -c %s "$out/$name")"
}

label() { echo ",drawtext=fontfile=$font:fontsize=${2:-20}:fontcolor=yellow:box=1:boxcolor=black@0.7:boxborderw=4:x=(w-tw)/2:y=h-th-10:text='$1'"; }

# Keyframe every second (-g 24) so seeks in tests land fast.
make_clip source.mp4   320x180 4 "$(label ORIGINAL)" 440 testsrc2
make_clip edited.mp4   320x180 4 ",hue=h=150:s=1.4$(label EDITED)" 660 testsrc2
make_clip portrait.mp4 180x320 4 ",hue=h=240$(label PORTRAIT 18)" 550 testsrc2
make_clip short.mp4    320x180 2 ",hue=h=90$(label SHORT)" 330 testsrc2
