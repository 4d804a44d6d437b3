#!/usr/bin/env bash
# Retake the window screenshots in docs/ (real windows on Xvfb) and the exported charts.
# Run from the repository root with the project's environment first on PATH:
#   PATH=$PWD/.venv/bin:$PATH bash scripts/take_screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
shot=../shared/tools/screenshot
window=(python scripts/screenshot_window.py)
europe=DEU,FRA,GBR,ITA,ESP,NLD,BEL,POL,AUT,CZE

"$shot" docs/main-window.png --wait 6 -- "${window[@]}" --countries FRA,DEU,USA,GBR --details GBR
"$shot" docs/ranking.png --wait 6 -- "${window[@]}" --view ranking --countries FRA,DEU,USA,GBR \
  --ranking-period 2025Q4 --details GBR
"$shot" docs/table.png --wait 6 -- "${window[@]}" --view table --countries "$europe" --details GBR
"$shot" docs/compare.png --wait 8 -- "${window[@]}" --view compare --all-countries --per-million \
  --compare 2024Q1-Q3,2025Q1-Q3
"$shot" docs/coverage.png --wait 6 -- "${window[@]}" --view coverage --countries "$europe"
"$shot" docs/scatter.png --wait 8 -- "${window[@]}" --view scatter --all-countries --log \
  --scatter-period 2024Q1-Q3
"$shot" docs/index.png --wait 6 -- "${window[@]}" --countries FRA,DEU,USA --index 2025Q1 \
  --range 2025Q1-2026Q1
"$shot" docs/map.png --wait 8 -- "${window[@]}" --view map --countries FRA,DEU,USA,GBR
"$shot" docs/map-per-million.png --wait 8 -- "${window[@]}" --view map --per-million \
  --granularity year --map-period 2025 --countries FRA,DEU,USA,GBR
# Presentation mode at Size 2× (the default 1.5× and two Ctrl+= presses).
"$shot" docs/presentation.png --wait 8 --keys "ctrl+equal ctrl+equal" -- "${window[@]}" \
  --countries FRA,DEU,USA,GBR --present
"$shot" docs/trend-end-labels.png --wait 6 -- "${window[@]}" --countries FRA,DEU,IND,USA,GBR
"$shot" docs/small-screen.png --size 1024x700 --wait 6 -- "${window[@]}" --countries FRA,DEU,USA,GBR \
  --details GBR
QT_QPA_PLATFORM=offscreen python scripts/export_docs.py
