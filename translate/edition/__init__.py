"""Localized editions rebuilt from reviewed catalogues: `content` (what an edition holds),
`build` (from catalogues, with the review gate), `formats` (Markdown, HTML, text)."""
