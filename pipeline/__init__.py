"""Adoption Atlas: from news articles to a map of where a technology is adopted or stopped."""
from pipeline.geoparse import geoparse
from pipeline.records import Status, Toponym

__all__ = ["geoparse", "Status", "Toponym"]
