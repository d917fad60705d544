"""gettext catalogues as GNU gettext reads and writes them: a strict reader, a writer whose
output msgcat leaves byte for byte as it is, its line breaker, and the conventions every
newsloc catalogue shares (plural forms, the Language header, wrap width)."""
