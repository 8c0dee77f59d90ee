"""`python -m borgerservice_desk`: the same as the `borgerservice-desk` command."""

import sys

from borgerservice_desk.cli import main

if __name__ == "__main__":  # importing this module (a walk over the package) must not start the desk
    sys.exit(main())
