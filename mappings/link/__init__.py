"""What a statement names: companies, places, projects and concepts, by surface forms,
compounds and the reference lexicon."""
