#!/bin/sh
# Makes the demo's video (contract v3, issue 28) from ffmpeg's synthetic sources: a
# 10-second clip (a sky, the sea, a boat crossing it, the station's name, a 440 Hz tone),
# as MP4 (H.264 baseline + AAC, `+faststart`: every browser, Safari too) and WebM
# (VP9 + Opus: Chromium and Firefox builds without H.264), small enough for a demo.
# The files are content, committed like the demo's images: the build and the tests never
# run this script, nor need ffmpeg. Run it again only to change the clip:
#   sh scripts/make-demo-video.sh
# The captions (`*.vi.vtt`) and the poster (`images/*.svg`) are written by hand beside it.
set -eu
cd "$(dirname "$0")/.."
if ! command -v ffmpeg >/dev/null 2>&1; then
  # Debian's own build (the machine's package manager; nothing downloaded by hand).
  apt-get install -y ffmpeg
fi
out=public/api/video
name=tam-ky-ra-quan-lam-sach-bai-bien-tam-thanh
mkdir -p "$out"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
# A sky over the sea, a boat crossing, the station's name and a running clock: a picture
# that changes slowly (small files) yet visibly (a test can see it play).
graph="color=c=0x8fd3f0:s=480x270:r=15:d=10[sky];\
color=c=0x1f6fa8:s=480x110:r=15:d=10[sea];\
color=c=0xf4f1e8:s=60x24:r=15:d=10[boat];\
[sky][sea]overlay=0:160[bg];\
[bg][boat]overlay=x='-60+t*54':y=150[v1];\
[v1]drawtext=fontfile=$font:text='ĐÀI PT-TH QUẢNG NAM':fontcolor=white:fontsize=22:x=16:y=16:box=1:boxcolor=0xc8102e@0.9:boxborderw=6,\
drawtext=fontfile=$font:text='Bãi biển Tam Thanh · video mẫu':fontcolor=0x103050:fontsize=16:x=16:y=60,\
drawtext=fontfile=$font:text='%{pts\\:hms}':fontcolor=white:fontsize=14:x=w-tw-12:y=h-th-10[v];\
sine=frequency=440:sample_rate=48000:duration=10:samples_per_frame=960,volume=0.2[a]"
ffmpeg -v error -y -filter_complex "$graph" -map '[v]' -map '[a]' \
  -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -crf 30 -g 30 \
  -c:a aac -b:a 32k -ac 1 -movflags +faststart -shortest "$out/$name.mp4"
ffmpeg -v error -y -filter_complex "$graph" -map '[v]' -map '[a]' \
  -c:v libvpx-vp9 -b:v 0 -crf 42 -deadline good -cpu-used 4 -g 30 -pix_fmt yuv420p \
  -c:a libopus -b:a 24k -ac 1 -shortest "$out/$name.webm"
ls -l "$out"
