"""newsloc's base package: what every other part stands on, and nothing of newsloc itself.

Atomic, locked, contained file writes and the reading of users' files (`files`); the
strict `.po` reader, the msgcat-identical writer and gettext conventions (`po`); the
installed version (`version`); one HTTP request to a server trusted with text but not
with the machine: no redirects, a size cap, an overall deadline (`transport`); and the one
error root every newsloc error derives from
(`errors`). It imports nothing of `newsloc.glossary` or `newsloc.translate`.
"""
