"""gettext catalogues, from template to reviewed file.

`template` makes the .pot side, `merge` brings a .po up to date without loss, `files`
reads strictly and writes atomically, `review` says what state an entry is in,
`discovery` finds catalogues on disk, `stats` and `compile` report on and compile them,
`glossary_qa` checks and applies the glossary to reviewed files (`splice` keeps every
byte it does not change).
"""
