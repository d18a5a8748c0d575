"""Reading a source: lines and markup, page furniture and layout cues, sentences, OCR repair,
German word forms."""
