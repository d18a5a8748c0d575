"""Extraction evaluation: the graph's statements scored against a double-annotated gold set.

``python -m bench.extraction`` (``make eval``) writes ``bench/results/extraction-eval.{md,json}``.
The gold set, its two independent annotation passes and the frozen test half live in
``tests/evaluation/``; the guideline they follow is ``docs/annotation.md``.
"""
