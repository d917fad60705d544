#!/usr/bin/env bash
# `make demo`: the newsroom loop on the project's sample article, offline.
#
# The reviewed example catalogues in locales/ are copied to build/demo/, so the demo never
# touches tracked files. `newsloc translate` keeps every reviewed translation; with an
# Argos package installed it machine-translates what is new, otherwise it says which
# command installs one. Then the catalogues are checked against the glossary and turned
# into editions.
set -euo pipefail
cd "$(dirname "$0")/.."
newsloc=.venv/bin/newsloc
demo=build/demo
rm -rf "$demo"
mkdir -p "$demo"
cp -r locales "$demo/locales"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step "$newsloc" glossary validate
step "$newsloc" glossary find examples/sample-article.txt
step "$newsloc" translate examples/sample-article.txt --to hy,az,ru --out "$demo/locales" --date 2026-03-03
step "$newsloc" glossary check "$demo"/locales/*/LC_MESSAGES/sample-article.po
step "$newsloc" catalog stats --locales "$demo/locales"
# The article newsloc was started for: machine translation where an Argos package is
# installed (`newsloc models install az ru`; Armenian: `newsloc models build`), otherwise a
# warning naming the command, and catalogues left for translators with glossary notes.
if [ -f ../shared/articles/seed-article.txt ]; then
  step "$newsloc" translate ../shared/articles/seed-article.txt --to hy,az,ru --out "$demo/seed" --date 2023-09-19
  step "$newsloc" models list
fi
step "$newsloc" catalog audit --locales "$demo/locales"
step "$newsloc" edition build --lang hy,az,ru --locales "$demo/locales" --format html --out "$demo/editions"
step "$newsloc" edition build --lang ru --locales "$demo/locales" --format txt --out "$demo/editions"
cat "$demo/editions/sample-article.ru.txt"
printf '\nEditions are in %s/editions/ (open sample-article.index.html in a browser).\n' "$demo"
