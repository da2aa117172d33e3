"""Representative points for areas that the GeoNames packages give no point of their own.

Countries: the shipped `data/country_points.csv` (see scripts/build_country_points.py).
First-level regions and US counties: the centroid of the convex hull of their cities, which
lands near the geographic centre that GeoNames uses, however the population is spread. Measured
against the annotated points of region mentions in LGL and TR-News (within 161 km): hull centroid
96% / 82%, midpoint of the trimmed (5-95%) city bounding box 96% / 75%, mean of the cities 96% /
75%, full bounding box 92% / 81%.
"""
from __future__ import annotations

import csv
from pathlib import Path

Point = tuple[float, float]


def read_country_points(path: Path) -> dict[str, Point]:
    """Alpha-2 code -> (lat, lon) from the shipped CSV."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["country_code"]: (float(row["lat"]), float(row["lon"]))
                for row in csv.DictReader(handle)}


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points: list[Point]) -> list[Point]:
    """Convex hull of (x, y) points, counter-clockwise (Andrew's monotone chain)."""
    points = sorted(set(points))
    if len(points) < 3:
        return points
    lower: list[Point] = []
    upper: list[Point] = []
    for chain, ordered in ((lower, points), (upper, points[::-1])):
        for p in ordered:
            while len(chain) >= 2 and _cross(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
    return lower[:-1] + upper[:-1]


def hull_centroid(latlons: list[Point]) -> Point:
    """Centroid of the convex hull of (lat, lon) points; their mean when the hull is flat."""
    hull = _hull([(lon, lat) for lat, lon in latlons])
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(hull, hull[1:] + hull[:1]):
        step = x0 * y1 - x1 * y0
        area, cx, cy = area + step, cx + (x0 + x1) * step, cy + (y0 + y1) * step
    if abs(area) < 1e-9:
        lats, lons = [p[0] for p in latlons], [p[1] for p in latlons]
        return round(sum(lats) / len(lats), 5), round(sum(lons) / len(lons), 5)
    return round(cy / (3 * area), 5), round(cx / (3 * area), 5)
