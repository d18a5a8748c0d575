"""Relations across documents: similar pledges, their relation types, stances, progress claims.

Pure functions from statement views (read from the built graph by
:mod:`graph_build.alignment`) to records; :mod:`mappings.alignment.to_rdf` turns the records
into the alignment graph.
"""
