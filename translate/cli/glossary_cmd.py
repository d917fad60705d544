"""`newsloc glossary …`: curator commands over glossary files.

Inspection commands (validate, list, show, find) live here; enforcement (apply, check) and
exchange (export, import, review) register themselves from their own modules.
"""

from __future__ import annotations

import typer

from translate.cli import glossary_exchange_cmd, glossary_qa_cmd

app = typer.Typer(
    help="Inspect, enforce and exchange the place-name glossary.", no_args_is_help=True
)

glossary_qa_cmd.register(app)
glossary_exchange_cmd.register(app)
