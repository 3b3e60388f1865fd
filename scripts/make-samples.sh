#!/usr/bin/env bash
# Makes the small sample clips shipped for stories, tests and the example app (public/samples/).
# Each clip shows its frame number and timecode, so a glance tells whether two players are in
# sync. Each fits the model's published limits (sides 720-2160 px, 24-60 fps, H.264 MP4), except
# short.mp4 (2 s, below the 3 s minimum) and long-portrait.mp4 (30 s, above the 10 s maximum),
# which are there to be refused and trimmed. Still colour bars with a moving box and the counter
# keep them small at these sizes. H.264 baseline + yuv420p + faststart (moov first) is what every browser
# plays, Debian's Chromium included (test/support/browser/ checks that it really plays them).
# Usage: scripts/make-samples.sh [out-dir]   (needs ffmpeg with libx264 and libfreetype)
set -euo pipefail

out="${1:-public/samples}"
mkdir -p "$out"
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf
[ -f "$font" ] || font=$(fc-match -f '%{file}' monospace)

# $1 name, $2 WxH, $3 seconds, $4 fps, $5 extra video filter (after the counter), $6 tone Hz, $7 crf
make_clip() {
  local name=$1 size=$2 seconds=$3 fps=$4 extra=$5 tone=$6 crf=$7
  local width=${size%x*} height=${size#*x}
  local fontsize=$(( (width < height ? width : height) / 8 ))
  local counter="drawtext=fontfile=$font:fontsize=$fontsize:fontcolor=white:box=1:boxcolor=black@0.7:boxborderw=12"
  local box="drawbox=x='mod(t*$((width / 4)),$width)-$((fontsize))':y=$((height / 8)):w=$fontsize:h=$fontsize:color=white:t=fill"
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "smptehdbars=size=$size:rate=$fps:duration=$seconds" \
    -f lavfi -i "sine=frequency=$tone:sample_rate=22050:duration=$seconds" \
    -filter_complex "[0:v]$box,$counter:x=(w-tw)/2:y=(h-th)/2:text='%{frame_num} %{pts\\:hms}'$extra,format=yuv420p[v];[1:a]volume=0.05[a]" \
    -map "[v]" -map "[a]" \
    -c:v libx264 -profile:v baseline -preset veryslow -crf "$crf" -g "$fps" -keyint_min "$fps" -sc_threshold 0 \
    -c:a aac -b:a 16k -ac 1 \
    -movflags +faststart -shortest "$out/$name"
  printf '%-18s %8s bytes\n' "$name" "$(stat -c %s "$out/$name")"
}

label() { echo ",drawtext=fontfile=$font:fontsize=${2:-72}:fontcolor=yellow:box=1:boxcolor=black@0.7:boxborderw=10:x=(w-tw)/2:y=h-th-40:text='$1'"; }

# Keyframe every second (-g fps) so seeks in tests land fast.
make_clip source.mp4        1280x720 4  24 "$(label ORIGINAL)" 440 36
make_clip edited.mp4        1280x720 4  24 ",hue=h=150:s=1.4$(label EDITED)" 660 36
make_clip portrait.mp4      720x1280 4  24 ",hue=h=240$(label PORTRAIT)" 550 36
make_clip short.mp4         1280x720 2  24 ",hue=h=90$(label SHORT)" 330 36
make_clip long-portrait.mp4 720x1280 30 30 ",hue=h=300$(label '30 s PORTRAIT' 64)" 500 40
