"""gettext catalogues, from template to reviewed file.

`template` makes the .pot side, `merge` brings a .po up to date without loss, `files`
reads strictly and writes atomically, `entry_state` says what state an entry is in (and
marks it fuzzy), `comments` owns the comment lines newsloc writes (and clears them from
reviewed entries), `discovery` finds catalogues on disk, `stats` and `compile` report on
and compile them, `glossary_qa` checks and applies the glossary to reviewed files
(`splice` keeps every byte it does not change).
"""
