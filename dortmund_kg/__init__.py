"""dortmund-kg's entry points: the command line, and corpus management that writes files.

The packages below it keep to one job each (``mappings`` maps text to records and triples,
``graph_build`` builds the graph, ``api`` serves it); this package is the only one that
imports more than one of them, so none of them imports another's commands.
"""
