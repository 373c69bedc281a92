"""Errors that end a command with one clear line on stderr and exit code 2."""


class JudgeError(Exception):
    """A usage or environment problem the user can fix; shown as one line, never a traceback."""
