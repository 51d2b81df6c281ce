import sys

from dossier.entry import main

if __name__ == "__main__":
    sys.exit(main())
