"""Errors the CLI turns into one line on stderr and exit code 2."""

from __future__ import annotations


class LintnewsError(Exception):
    """A problem with the user's input, config or packs. str() is the whole message."""


class InputError(LintnewsError):
    """A file that cannot be read as text (missing, binary, invalid UTF-8...)."""


class ConfigError(LintnewsError):
    """A bad config file, key, value, selector or pack."""


class FileChangedError(LintnewsError):
    """The file changed on disk between reading and writing; the fix was not written."""
