"""Reference data: the Konzern Stadt, parties, places, projects, topics, each fact with its source."""
