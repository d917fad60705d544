"""Argos model management: what is installed, what the index offers, installing, building.

The CLI (`newsloc models …`) is a thin layer over these functions; tests call them directly.
Each submodule has one job:

- `pairs`: reading a language pair the way users type it (`en-ru`, `en_ru`, `ru`).
- `fetch`: downloading a URL (http, https, file) with progress, naming the URL on failure.
- `index`: the Argos package index: where it is, refreshing the local copy, reading it.
- `archive`: validating an .argosmodel before anything is extracted, and extracting it.
- `store`: installed models: listing, installing (from a file or the index), removing.
- `convert`: converting an OPUS-MT (Marian) model directory into an .argosmodel
  (`newsloc models build`; `store.build_and_install` installs the result).
"""
