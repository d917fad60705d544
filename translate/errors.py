"""The application's kind of error: bad input to a command, under the one error root."""

from newsloc.base.errors import NewslocError


class UserError(NewslocError):
    """Bad input from the user: a missing file, a wrong language code, a corrupt model.

    The message is shown as it is, on one line, so it must name the file (or the value)
    and what is wrong with it.
    """
