"""What a statement says: modality, quantified targets, topics, testability."""
