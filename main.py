"""`python main.py ...`, kept for the Makefile, the README and habit: the same as the `borgerservice-desk`
command (borgerservice_desk/cli), which holds every sub-command."""

import sys

from borgerservice_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
