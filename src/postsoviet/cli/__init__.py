"""The command-line face of postsoviet (Typer + Rich).

The command modules import pandas, the data layer, the world and the models inside the commands
that use them, never at the top: building the commands' options then costs only Typer, so every
``--help`` answers as fast as a bare ``import numpy, pandas`` or faster (docs/performance.md,
"Start-up"; ``tests/hostile/test_startup.py`` checks that no ``--help`` imports them).
"""
