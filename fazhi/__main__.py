"""`python -m fazhi` runs the command line."""
from .cli import main

main()
