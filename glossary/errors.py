"""Errors the glossary library raises for bad glossary files and bad glossary input."""


class GlossaryError(Exception):
    """A glossary file (or a glossary exchange file) cannot be used.

    `problems` holds every problem found, each one line naming the file, the concept id
    and the line where TOML gives it; str() joins them, so it prints as they read.
    """

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))
