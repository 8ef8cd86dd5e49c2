import sys

from .cli import main

# Guarded: worker processes (pipeline/run/workers.py) import the main module of the command again.
if __name__ == "__main__":
    sys.exit(main())
