"""Reference data: the Konzern Stadt, parties, places, projects and topics, with sources."""
