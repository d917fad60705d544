"""The one exception type the CLI turns into a one-line message and exit code 2."""


class UserError(Exception):
    """Bad input from the user: a missing file, a wrong language code, a corrupt model.

    The message is shown as it is, on one line, so it must name the file (or the value)
    and what is wrong with it.
    """
