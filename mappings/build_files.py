"""Where a build keeps its files, and the version it is stamped with.

The writer, the validator, the server, hot swap and the benches all read one build directory;
they name its files through :class:`BuildDir`, so a file can be renamed in one place. This
module sits in the bottom package and imports nothing of the project, so every package may
import it.

>>> build = BuildDir(Path("build"))
>>> build.dataset.as_posix(), build.summary.as_posix(), build.store.as_posix()
('build/dataset.nq', 'build/summary.json', 'build/store')
>>> [name for name, _ in EXPORTS]
['dataset.nq', 'dataset.trig', 'dataset.ttl', 'dataset.jsonld']
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

DATASET = "dataset.nq"

# The dumps a build publishes, with their media type and a description for DCAT/VoID.
EXPORTS: tuple[tuple[str, tuple[str, str]], ...] = (
    (DATASET, ("application/n-quads", "N-Quads (named graphs; the source of truth)")),
    ("dataset.trig", ("application/trig", "TriG (named graphs)")),
    ("dataset.ttl", ("text/turtle", "Turtle (all graphs merged)")),
    ("dataset.jsonld", ("application/ld+json", "JSON-LD")),
)


def _version() -> str:
    """The installed package's version (``pyproject.toml`` is the one place it is written)."""
    try:
        return version("dortmund-kg")
    except PackageNotFoundError:  # run from a checkout without `pip install -e .`
        return "0+unknown"


VERSION = _version()


@dataclass(frozen=True)
class BuildDir:
    """A build directory (or the symlink to the current one): what files it holds."""

    root: Path

    @property
    def dataset(self) -> Path:
        """The N-Quads dump: the source of truth every other file is derived from."""
        return self.root / DATASET

    @property
    def summary(self) -> Path:
        return self.root / "summary.json"

    @property
    def store(self) -> Path:
        """Default parent of the on-disk Oxigraph stores the server opens from the dump."""
        return self.root / "store"

    @property
    def trig(self) -> Path:
        return self.root / "dataset.trig"

    @property
    def turtle(self) -> Path:
        return self.root / "dataset.ttl"

    @property
    def jsonld(self) -> Path:
        return self.root / "dataset.jsonld"

    def require_dataset(self) -> Path:
        """The dump's path; a clear error naming it when there is none yet."""
        if not self.dataset.is_file():
            raise FileNotFoundError(f"{self.dataset} does not exist: run `dortmund-kg build` first")
        return self.dataset
