"""Adoption Atlas: from news articles to a map of where a technology is adopted or stopped."""
from pipeline.geoparse import geoparse
from pipeline.records import Status, Toponym

__all__ = ["geoparse", "run", "Status", "Toponym"]


def __getattr__(name: str):
    # `pipeline.run` pulls in pandas: imported on first use, so `import pipeline` stays quick.
    if name == "run":
        from pipeline.build import run
        return run
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
