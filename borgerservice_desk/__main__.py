"""`python -m borgerservice_desk`: the same as the `borgerservice-desk` command."""

import sys

from borgerservice_desk.cli import main

sys.exit(main())
