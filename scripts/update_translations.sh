#!/bin/sh
# Refresh the Chinese and English catalogues from the sources, then compile them for the app.
#
#   scripts/update_translations.sh            lupdate + lrelease (commit the .ts and .qm files)
#   scripts/update_translations.sh --check    exit 1 if a committed .ts misses a source string
#                                             or has a string without its translation
#
# English needs a catalogue only for Qt's plural forms: tr("%n epoch(s)", "", n) is one source
# text, and playground_en.ts (lupdate -pluralonly) gives English its "%n epoch" and "%n epochs".
#
# lupdate keeps every translation already written and adds new strings as "unfinished"; open
# translations/playground_zh_CN.ts in pyside6-linguist (or any editor) to translate them, then
# run this again so the .qm the app loads is rebuilt. Locations are left out of the .ts on
# purpose: moving code around must not change the file. The .ts is the translators' source and
# stays in translations/; the .qm is what the app ships, so it is package data of resources/
# (found through core.paths.translations_dir, also in an installed wheel).
set -eu
cd "$(dirname "$0")/.."
BIN=.venv/bin
SOURCES=$(find gui -name '*.py' | sort)
# Each language: its name and the lupdate options that pick its messages.
LANGUAGES="zh_CN en"
only_for() { [ "$1" = en ] && echo -pluralonly || true; }

if [ "${1:-}" = "--check" ]; then
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    for code in $LANGUAGES; do
        TS=translations/playground_$code.ts
        cp "$TS" "$tmp/check.ts"
        # shellcheck disable=SC2086
        "$BIN/pyside6-lupdate" -silent -locations none -no-obsolete $(only_for "$code") $SOURCES -ts "$tmp/check.ts"
        if ! cmp -s "$TS" "$tmp/check.ts"; then
            diff -u "$TS" "$tmp/check.ts" || true
            echo "translations are out of date: run scripts/update_translations.sh" >&2
            exit 1
        fi
        # Up to date is not yet done: every string also needs its translation.
        untranslated=$(grep -c 'type="unfinished"' "$TS" || true)
        if [ "$untranslated" -gt 0 ]; then
            grep -B2 'type="unfinished"' "$TS" | grep '<source>' >&2
            echo "$untranslated strings have no translation yet: translate them in $TS, then run this script" >&2
            exit 1
        fi
    done
    echo "translations are up to date and complete"
    exit 0
fi

for code in $LANGUAGES; do
    TS=translations/playground_$code.ts
    QM=resources/translations/playground_$code.qm
    # shellcheck disable=SC2086
    "$BIN/pyside6-lupdate" -locations none -no-obsolete $(only_for "$code") $SOURCES -ts "$TS"
    # Written beside it and renamed over it: a running app or test has the old .qm mapped into
    # memory, and rewriting that file in place crashed it (a bus error) or mixed languages.
    "$BIN/pyside6-lrelease" "$TS" -qm "$QM.new"
    mv -f "$QM.new" "$QM"
    echo "updated $TS and $QM: commit both"
done
