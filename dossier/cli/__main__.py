"""``python -m dossier.cli ...``: the command line, as ``dossier ...`` runs it."""

import sys

from .run import main

if __name__ == "__main__":
    sys.exit(main())
