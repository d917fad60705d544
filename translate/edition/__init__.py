"""Localized editions rebuilt from reviewed catalogues: `model` (what an edition holds),
`build` (from catalogues, with the review gate), `render` (Markdown, HTML, text)."""
