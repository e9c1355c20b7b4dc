#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: runs the GUI tests offscreen with OSC_SCREENSHOT_DIR set (each test
# grabs its widgets with demo data at the points worth showing) and copies the ones the README uses.
#   scripts/screenshots.sh            (all raw grabs are kept in build/screenshots for a closer look)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh" >/dev/null
build_dir="${OSC_BUILD_DIR:-$root/build}"
shots="$build_dir/screenshots"
rm -rf "$shots"
mkdir -p "$shots"
export QT_QPA_PLATFORM=offscreen OSC_SCREENSHOT_DIR="$shots"
for test in tst_firstrun tst_usagepage tst_apikeyspage tst_eventspage tst_metereditordialog tst_filterbuilder tst_settingspage tst_exportspage tst_workspaceswitcher tst_planspage tst_alertspage; do
  "$build_dir/tests/ui/$test" >"$shots/$test.log" 2>&1 || { cat "$shots/$test.log" >&2; exit 1; }
done

# README name <- grab name
declare -A pick=(
  [first-run.png]=window-first-run.png
  [meters.png]=window-meters.png
  [usage.png]=window-usage.png
  [events.png]=window-events.png
  [keys.png]=window-keys.png
  [server.png]=window-server.png
  [settings.png]=window-settings.png
  [settings-dark.png]=settings-dark.png
  [usage-dark.png]=window-usage-dark.png
  [settings-de.png]=settings-de.png
  [meter-editor.png]=meter-editor.png
  [filter-builder.png]=filter-builder.png
  [exports.png]=exports.png
  [new-export.png]=new-export.png
  [accounts.png]=window-accounts-1280x800.png
  [plans.png]=window-plans-1280x800-en-light.png
  [plan-preview.png]=plan-preview-1280x800-en-light.png
  [usage-api-keys.png]=usage-api-keys.png
  [keys-usage.png]=keys-usage.png
  [usage-report-dialog.png]=usage-report-dialog.png
  [exports-usage-report.png]=exports-usage-report.png
  [alerts.png]=window-alerts-rules-1280x800-en-light.png
  [alert-rule-editor.png]=alert-rule-editor-1280x800-en-light.png
)
mkdir -p "$root/docs/screenshots"
for name in "${!pick[@]}"; do
  cp "$shots/${pick[$name]}" "$root/docs/screenshots/$name"
done
echo "docs/screenshots: ${#pick[@]} screenshots updated (raw grabs in $shots)"
