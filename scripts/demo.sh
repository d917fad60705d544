#!/usr/bin/env bash
# `make demo`: the newsroom loop on the project's sample article.
#
# Everything is written under build/demo/ (the reviewed example catalogues in locales/ are
# copied there), so the demo never touches tracked files. Where the model index can be
# reached, the three models are installed once (later runs reuse them) and the sample
# article is machine-translated for real into fresh catalogues: machine text, names
# rendered by the glossary, fuzzy flags, then the glossary check and an unreviewed
# edition. Where it cannot, one line says so and the rest of the loop runs as before.
# Either way the editions are built from the reviewed catalogues and the last line says
# where they are.
set -euo pipefail
cd "$(dirname "$0")/.."
newsloc=.venv/bin/newsloc
PY=.venv/bin/python
demo=build/demo
rm -rf "$demo"
mkdir -p "$demo"
cp -r locales "$demo/locales"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
# A step whose documented non-zero exit is part of the story: 1 = glossary violations
# found, 3 = a partial translate (a language had no model; catalogues still written).
step_allowing() {
  local allowed=$1
  shift
  local status=0
  step "$@" || status=$?
  if [ "$status" -ne 0 ] && [[ " $allowed " != *" $status "* ]]; then
    exit "$status"
  fi
}

models_ready() {
  "$newsloc" models list --json | "$PY" -c '
import json, sys
pairs = {m["pair"] for m in json.load(sys.stdin)["installed"]}
sys.exit(0 if {"en→hy", "en→az", "en→ru"} <= pairs else 1)'
}


step "$newsloc" glossary validate
step "$newsloc" glossary find examples/sample-article.txt

machine=no
if models_ready; then
  echo "Models for hy, az and ru are installed; reusing them."
  machine=yes
elif step "$newsloc" models install hy az ru 2>"$demo/models-install.log"; then
  machine=yes
else
  # One line per language and a hint at what works offline: show the first, keep the rest.
  problem=$(grep -m 1 '^newsloc: error: ' "$demo/models-install.log" || sed '/^[[:space:]]*$/d' "$demo/models-install.log" | tail -n 1)
  echo "No machine translation in this demo (the models cannot be downloaded): ${problem#newsloc: error: }"
  echo "(every language's outcome and what works offline: $demo/models-install.log)"
fi

# Re-translating the reviewed catalogues keeps every reviewed translation: nothing changes.
step_allowing 3 "$newsloc" translate examples/sample-article.txt --to hy,az,ru \
  --out "$demo/locales" --date 2026-03-03
if [ "$machine" = yes ]; then
  # The same article from scratch: every entry machine-translated, names by the glossary.
  step "$newsloc" translate examples/sample-article.txt --to hy,az,ru \
    --out "$demo/machine" --date 2026-03-03
  grep -m 3 -A 3 '^#, fuzzy' "$demo/machine/ru/LC_MESSAGES/sample-article.po" || true
  step_allowing 1 "$newsloc" glossary check "$demo"/machine/*/LC_MESSAGES/sample-article.po
  step "$newsloc" edition build --lang ru --locales "$demo/machine" --allow-fuzzy \
    --format html --out "$demo/editions/unreviewed"
fi
step "$newsloc" glossary check "$demo"/locales/*/LC_MESSAGES/sample-article.po
step "$newsloc" catalog stats --locales "$demo/locales"
# The article newsloc was started for, when ../shared is beside the checkout.
if [ -f ../shared/articles/seed-article.txt ]; then
  step_allowing 3 "$newsloc" translate ../shared/articles/seed-article.txt --to hy,az,ru \
    --out "$demo/seed" --date 2023-09-19
fi
step "$newsloc" catalog audit --locales "$demo/locales"
step "$newsloc" edition build --lang hy,az,ru --locales "$demo/locales" --format html --out "$demo/editions"
step "$newsloc" edition build --lang ru --locales "$demo/locales" --format txt --out "$demo/editions"
cat "$demo/editions/sample-article.ru.txt"
printf '\nEditions are in %s/editions/ (open sample-article.index.html in a browser).\n' "$demo"
