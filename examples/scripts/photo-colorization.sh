#!/usr/bin/env bash
# Colorization scored on real photographs: Debian's wallpaper package mate-backgrounds (nature photographs: flowers,
# meadows, water, wood, dunes, a ladybird) becomes an image folder; split-brain (Lab) is pretrained on random crops of
# all but the held-out photographs, and 'callosum pretrain' scores its colorization on the held-out ones (AuC of the
# ab-error CDF, plain and class-rebalanced, against grey and the training crops' per-pixel prior) in report.md and
# results.json.
#
#   examples/scripts/photo-colorization.sh WORKDIR [CROPS_PER_PHOTO] [EPOCHS] [HELD_OUT]
#
# Needs apt-get (to download the .deb, no root needed), dpkg-deb and ImageMagick's convert. Other callosum pretrain
# options can be passed through CALLOSUM_PRETRAIN_OPTS (e.g. "--device cuda --arch resnet18").
set -euo pipefail
work="${1:?usage: photo-colorization.sh WORKDIR [CROPS_PER_PHOTO] [EPOCHS] [HELD_OUT]}"
crops="${2:-40}"
epochs="${3:-1}"
held_out="${4:-3}"
side=128
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if ! convert -version 2>/dev/null | grep -q ImageMagick; then
  echo "photo-colorization: 'convert' on PATH is not ImageMagick (apt-get install imagemagick)" >&2
  exit 1
fi
mkdir -p "$work/deb"
work="$(cd "$work" && pwd)"

if [ ! -d "$work/deb/x/usr/share/backgrounds/mate/nature" ]; then
  (cd "$work/deb" && apt-get download mate-backgrounds && dpkg-deb -x mate-backgrounds_*.deb x)
fi
mapfile -t photos < <(find "$work/deb/x/usr/share/backgrounds/mate/nature" -type f \( -iname '*.jpg' -o -iname '*.png' \) | sort)
if [ "${#photos[@]}" -le "$held_out" ]; then
  echo "photo-colorization: found ${#photos[@]} photographs, need more than $held_out" >&2
  exit 1
fi

# image folder layout callosum reads: train/<class>/ and test/<class>/ (one class: the labels are not used here)
rm -rf "$work/photos"
mkdir -p "$work/photos/train/photo" "$work/photos/test/photo"
RANDOM=7
n=0
for p in "${photos[@]}"; do
  name="$(basename "${p%.*}")"
  if [ "$n" -lt "$held_out" ]; then
    # held out: the whole photograph, centre-cropped square and resized, never seen in pretraining
    convert "$p" -resize "${side}x${side}^" -gravity center -extent "${side}x${side}" "$work/photos/test/photo/$name.png"
  else
    # training: random square crops of the photograph at 512 px on its short side
    convert "$p" -resize "512x512^" "$work/photos/$name-512.png"
    w=$(identify -format '%w' "$work/photos/$name-512.png")
    h=$(identify -format '%h' "$work/photos/$name-512.png")
    for ((i = 0; i < crops; i++)); do
      c=$((side + RANDOM % (512 - side + 1)))
      x=$((RANDOM % (w - c + 1))); y=$((RANDOM % (h - c + 1)))
      convert "$work/photos/$name-512.png" -crop "${c}x${c}+${x}+${y}" +repage -resize "${side}x${side}!" "$work/photos/train/photo/$name-$i.png"
    done
    rm "$work/photos/$name-512.png"
  fi
  n=$((n + 1))
done
echo "photo-colorization: $(ls "$work/photos/train/photo" | wc -l) training crops from $(( ${#photos[@]} - held_out )) photographs, $held_out held out: $(ls "$work/photos/test/photo" | tr '\n' ' ')"

# shellcheck disable=SC2086
"$root/callosum" pretrain --data "$work/photos" --image-size "$side" --space lab --epochs "$epochs" --batch 16 \
  --out "$work/run" ${CALLOSUM_PRETRAIN_OPTS:-}
echo "photo-colorization: colorization AuC on the held-out photographs in $work/run/report.md (table 'colorization_auc')"
