"""``python -m dortmund_kg``: the same as the ``dortmund-kg`` command."""

import sys

from dortmund_kg.cli import main

sys.exit(main())
