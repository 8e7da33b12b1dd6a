#!/usr/bin/env bash
# One entry point for a fresh machine with Python 3.11:
#   ./run.sh app     install what is needed, then start the application on the bundled samples
#   ./run.sh test    install what is needed, then run the whole test suite
# Anything after the first word is passed on (to `thb-review gui` or to pytest).
set -euo pipefail
cd "$(dirname "$0")"

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

# Qt's offscreen and desktop platforms need a few system libraries (and fonts, or text renders as boxes).
system_packages() {
    local wanted="libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 fonts-dejavu-core"
    [ "${1:-}" = gui ] && wanted="$wanted libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0"
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=""
    for pkg in $wanted; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing system libraries for Qt:$missing"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

python_packages() {
    if [ ! -x .venv/bin/python ]; then
        "$PYTHON" -m venv .venv
    fi
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".[test]"
}

case "${1:-}" in
    app)
        shift
        system_packages gui
        python_packages
        exec .venv/bin/thb-review gui "$@"
        ;;
    test)
        shift
        system_packages
        python_packages
        export QT_QPA_PLATFORM=offscreen
        exec .venv/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: ./run.sh app [FILES...]   or   ./run.sh test [pytest options]" >&2
        exit 2
        ;;
esac
