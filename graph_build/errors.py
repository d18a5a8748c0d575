"""Build errors that carry a message a person can act on (file, line, what is wrong)."""


class BuildError(RuntimeError):
    """The build cannot go on; ``str(err)`` names the file (and line) at fault."""
