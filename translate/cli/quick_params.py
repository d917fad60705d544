"""Option values checked without pydantic when typer would only hand them back.

Typer 0.2x checks every option's value through a pydantic `TypeAdapter`; importing pydantic
and building the adapters is about a third of a small command's start-up (more than
importing typer). Yet for nearly every value a user types the answer is the value itself:
a string, a flag, a path, a whole number within its bounds, a choice. So each parameter
first gets a quick check that gives typer's answer for exactly those, by typer's own
helpers for paths and choices; for anything else (a value that might be refused, a type
not listed here) it defers to typer's own check, built on first need, so every error
message stays typer's. A test compares the two on every option of every command.

Typer versions without this machinery (0.16 to 0.2x, which use click's types) are left
as they are.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args, get_origin

try:  # typer's own helpers for paths and choices (none of them imports pydantic)
    from typer._coercion import build_runtime_param
    from typer._param_types import (
        choice_coercion_annotation,
        coerce_cli_choice,
        coerce_cli_path,
        routes_to_path,
    )
except ImportError:  # an older typer: click's types, no pydantic to avoid
    build_runtime_param = None  # type: ignore[assignment]

#: Numbers written plainly, which pydantic reads as int() and float() do (both round
#: correctly); anything else (`1e3`, `inf`, `1_000`, `007`) is left to pydantic.
_WHOLE = re.compile(r"0|-?[1-9][0-9]{0,17}")
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?")


class _Unsure(Exception):
    """The quick check cannot tell: typer's own check decides."""


def _leaf(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    if info.parser is not None:
        raise _Unsure
    if annotation is str and type(value) is str:
        return value
    if annotation is bool and type(value) is bool:
        return value
    if annotation is int or annotation is float:
        number: int | float
        if type(value) is annotation:
            number = value
        elif type(value) is str and (_WHOLE if annotation is int else _DECIMAL).fullmatch(value):
            number = annotation(value)
        else:
            raise _Unsure
        if info.clamp or (info.min is not None and number < info.min):
            raise _Unsure
        if info.max is not None and number > info.max:
            raise _Unsure
        return number
    choice = choice_coercion_annotation(annotation, info)  # an Enum or a Literal
    if choice is not None:
        try:
            return coerce_cli_choice(value, choices=choice[0], case_sensitive=choice[1], ctx=ctx)
        except Exception:
            raise _Unsure from None
    if get_origin(annotation) is None and routes_to_path(annotation, info):
        path_type = info.path_type
        if path_type is None and isinstance(annotation, type) and issubclass(annotation, Path):
            path_type = annotation
        if path_type is Path and type(value) is str and value and "\0" not in value:
            value = Path(value)  # what pydantic makes of a string for a Path
        elif path_type is not None and path_type is not str and not isinstance(value, path_type):
            raise _Unsure
        try:
            return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)
        except Exception:
            raise _Unsure from None
    raise _Unsure


class QuickCoercion:
    """A parameter's runtime check: the quick answer, else typer's own (built lazily)."""

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self._full: Any = None

    def full(self) -> Any:
        if self._full is None:
            self._full = build_runtime_param(self.descriptor)
        return self._full

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return self.quick(value, param, ctx)
        except _Unsure:
            return self.full().coerce(value, param=param, ctx=ctx)

    def quick(self, value: Any, param: Any, ctx: Any) -> Any:
        """typer's answer for `value`, or `_Unsure`."""
        multiple = param.multiple or param.nargs == -1
        if value is None:
            return () if multiple else None
        if multiple and isinstance(value, str):
            raise _Unsure
        annotation, info = self.descriptor.annotation, self.descriptor.parameter_info
        if get_origin(annotation) is list:
            if not isinstance(value, (list, tuple)):
                raise _Unsure
            (item,) = get_args(annotation)
            return [_leaf(item, info, each, param, ctx) for each in value]
        return _leaf(annotation, info, value, param, ctx)


def install(root: Any, info_name: str | None, args: list[str], extra: dict[str, Any]) -> None:
    """Give the quick check to every parameter of the commands `args` name (the root, its
    group, the command), their help options included (once each)."""
    if build_runtime_param is None:
        return
    ctx = root.context_class(root, info_name=info_name, **{**root.context_settings, **extra})
    command: Any = root
    words = [arg for arg in args if not arg.startswith("-")]
    while True:
        for param in command.get_params(ctx):
            descriptor = getattr(param, "type_descriptor", None)
            if (
                descriptor is not None
                and descriptor.file_annotation is None
                and getattr(param, "_runtime_param", False) is None
            ):
                param._runtime_param = QuickCoercion(descriptor)
        sub = (
            command.get_command(ctx, words.pop(0))
            if words and hasattr(command, "commands")
            else None
        )
        if sub is None:
            return
        ctx = sub.context_class(sub, info_name=sub.name, parent=ctx, **sub.context_settings)
        command = sub
