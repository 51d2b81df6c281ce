#!/bin/sh
# Adds Second Opinion Dossier to your applications menu (for you only; no root needed).
#
#   ./install.sh              the menu entry and icons, pointing at this folder
#   ./install.sh --uninstall  removes them again (your dossiers are never touched)
#
# Keep this folder where it is: the menu entry starts the program from here. After moving
# the folder, run ./install.sh again.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
APP_ID=$(basename "$HERE"/share/applications/*.desktop .desktop)
DESKTOP="$DATA/applications/$APP_ID.desktop"
# Desktops notice new entries and icons by themselves; no cache is written, so none goes stale.

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$DESKTOP"
    for icon in "$HERE"/share/icons/hicolor/*/apps/"$APP_ID".*; do
        size=$(basename "$(dirname "$(dirname "$icon")")")
        rm -f "$DATA/icons/hicolor/$size/apps/$(basename "$icon")"
    done
    echo "Removed the menu entry of $DESKTOP."
    exit 0
fi

case "$HERE" in
    *'"'* | *'`'* | *'$'* | *'\'*)
        echo "This folder's path contains \", \`, \$ or \\: move it somewhere else first." >&2
        exit 1
        ;;
esac

mkdir -p "$DATA/applications"
(cd "$HERE/share/icons" && find hicolor -type f) | while read -r icon; do
    mkdir -p "$DATA/icons/$(dirname "$icon")"
    cp "$HERE/share/icons/$icon" "$DATA/icons/$icon"
done
PROGRAM=$(printf '%s/dossier' "$HERE" | sed 's/[&|]/\\&/g')  # as a sed replacement
sed -e "s|^Exec=.*|Exec=\"$PROGRAM\"|" -e "s|^TryExec=.*|TryExec=$PROGRAM|" \
    "$HERE/share/applications/$APP_ID.desktop" >"$DESKTOP.tmp"
mv "$DESKTOP.tmp" "$DESKTOP"
echo "Added to your applications menu: $DESKTOP"
