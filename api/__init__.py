"""Serving the graph: :mod:`api.engine` answers queries, :mod:`api.web` speaks HTTP;
``settings`` configures both, ``cli_commands`` are the ``query`` and ``serve`` commands."""
