"""Entry point of one reader process of `fazhi serve --readers N` (see fazhi.web.processes): the
writer process starts `python -m fazhi.web.reader --host H --port P --config <json>`."""
from __future__ import annotations

from .processes import reader_main

if __name__ == "__main__":
    reader_main()
