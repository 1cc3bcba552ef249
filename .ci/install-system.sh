#!/usr/bin/env bash
# Optional system packages the tests use; each test that needs a missing one skips with the reason.
#   LibreOffice (headless, writer only) converts .doc/.wps/.rtf for fazhi.read.office;
#   CJK fonts let LibreOffice and the scanned-page fixtures draw Chinese;
#   Chromium runs the web app's browser tests (Playwright drives /usr/bin/chromium).
# Python packages (rapidocr, onnxruntime, python-docx, ofdkit, reportlab …) come from
# `pip install -e '.[dev]'`; nothing here downloads models or data at run time.
set -euo pipefail

need=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  need+=(fonts-noto-cjk fonts-wqy-zenhei)
fi
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system: no apt-get here; please install: ${need[*]}" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "install-system: not root and no sudo; please install: ${need[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
