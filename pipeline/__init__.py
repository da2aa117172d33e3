"""Adoption Atlas: from news articles to a map of where a technology is adopted or stopped."""
