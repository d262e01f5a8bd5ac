#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: apt packages when missing, a venv in .venv,
# the project installed into it. Quick when everything is already in place.
#   scripts/setup.sh demo   what `make demo` needs
#   scripts/setup.sh test   what `make test` needs (adds the dev tools and PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-demo}"
# Debian packages per purpose. python3-venv covers machines whose python3 lacks ensurepip.
# tesseract-ocr-script-latn: the Latin-script model names are read with (Ş, Ğ, Ä, ı …).
# fonts-liberation2: Liberation Serif has Times New Roman's metrics, so LibreOffice's PDF copies
# break lines and pages where Word does (the templates name Times New Roman).
apt_demo=(tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng
          tesseract-ocr-script-latn fonts-dejavu-core fonts-liberation2 libreoffice-writer-nogui)
# The generated corpus and the glyph tests render in other fonts as well; the browser test
# drives the Prefect UI's sitting form in Debian's Chromium.
apt_test=(postgresql fonts-freefont-ttf chromium)

missing_apt() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
    done
}

install_apt() {
    local -a need
    mapfile -t need < <(missing_apt "$@")
    [ "${#need[@]}" -eq 0 ] && return 0
    echo "setup: installing Debian packages: ${need[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

case "$purpose" in
    demo) install_apt "${apt_demo[@]}" ;;
    test) install_apt "${apt_demo[@]}" "${apt_test[@]}" ;;
    *) echo "setup: unknown purpose '$purpose' (demo|test)" >&2; exit 2 ;;
esac

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv 2>/dev/null; then
        rm -rf .venv
        install_apt python3-venv
        "$python" -m venv .venv
    fi
fi

# Reinstall only when the project's dependencies or their pinned releases changed. The
# releases are those of constraints.txt (what the suite last passed with), so a clean clone
# installs what was tested, not whatever PyPI holds that day.
extras=""
[ "$purpose" = test ] && extras="[dev]"
stamp=".venv/.tanu-installed-${purpose}"
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing Python packages into .venv (${purpose})"
    log=".venv/pip-install.log"
    if ! { .venv/bin/python -m pip install -q --upgrade pip \
           && .venv/bin/python -m pip install -q -c constraints.txt -e ".${extras}"; } >"$log" 2>&1; then
        grep -v '^WARNING: Location' "$log" >&2
        echo "setup: pip install failed (full log: $log)" >&2
        exit 1
    fi
    echo "$want" > "$stamp"
fi
