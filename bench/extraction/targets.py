"""The issue's targets for the test half, and whether measured figures meet them.

Kept as data beside the report so the report, the README and the gating test read one table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    key: str  # path into the report's JSON figures of a half: "label.metric"
    label: str
    minimum: float | None = None  # figure must be ≥ minimum
    maximum: float | None = None  # figure must be ≤ maximum

    def met(self, value: float) -> bool:
        if self.minimum is not None and value < self.minimum:
            return False
        return not (self.maximum is not None and value > self.maximum)

    @property
    def wanted(self) -> str:
        return f"≥ {self.minimum:.2f}" if self.minimum is not None else f"≤ {self.maximum:.3f}"


TARGETS = (
    Target("explicit.recall", "explicit company links, recall", minimum=0.98),
    Target("explicit.precision", "explicit company links, precision", minimum=0.98),
    Target("implicit.recall", "implicit company links (default scope), recall", minimum=0.90),
    Target("implicit.precision", "implicit company links (default scope), precision", minimum=0.95),
    Target("pledge.f1", "pledge vs context, F1", minimum=0.92),
    Target("modality.accuracy", "modality, accuracy", minimum=0.90),
    Target("targets.recall", "targets, recall", minimum=0.90),
    Target("targets.exact", "targets, quantity/unit/year exact", minimum=0.95),
    Target("places.recall", "places, recall", minimum=0.90),
    Target("places.precision", "places, precision", minimum=0.95),
    Target("ocr.share", "OCR residue in normalisedText (share of word tokens)", maximum=0.005),
)


def figure(figures: dict[str, dict[str, float]], key: str) -> float:
    label, metric = key.split(".")
    return float(figures[label][metric])
