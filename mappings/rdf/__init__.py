"""IRIs (minted here only) and the triples of a parsed document."""
