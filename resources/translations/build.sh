#!/usr/bin/env bash
# Refresh the .ts sources from the code (new strings appear as "unfinished") and build the .qm
# files the app loads. Vietnamese is the source language; digitizer_en.ts holds the English.
# The .qm files are committed so a fresh clone runs without this step; a test checks they match.
set -euo pipefail
cd "$(dirname "$0")"
BIN="${PYSIDE_BIN:-../../.venv/bin}"
for lang in en vi; do
  "$BIN/pyside6-lupdate" ../../digitizer/ui/*.py -source-language vi_VN -target-language "${lang}" \
    -locations none -no-obsolete -ts "digitizer_${lang}.ts"
done
for ts in digitizer_en.ts digitizer_vi.ts qt_vi.ts; do
  [ -f "$ts" ] && "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
