"""The ``tanu`` command line (:mod:`.main`) and how results look on a terminal (:mod:`.report`)."""

from flows.cli.main import app

__all__ = ["app"]
