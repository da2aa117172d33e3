"""The typed records that flow through the pipeline: toponyms, statuses, mentions."""
from __future__ import annotations

import enum
from dataclasses import dataclass, fields


class Status(str, enum.Enum):
    """What an article says happens with the tracked technology at a place."""

    ADOPTED = "adopted"
    BANNED = "banned"
    RESTRICTED = "restricted"
    WARNED = "warned"
    CONSIDERING = "considering"
    HEADQUARTERS = "headquarters"
    MENTIONED = "mentioned"


# Order in which a place's statuses win when one is shown (after `mixed`).
STATUS_PRIORITY: tuple[Status, ...] = (
    Status.BANNED, Status.RESTRICTED, Status.WARNED, Status.CONSIDERING,
    Status.ADOPTED, Status.HEADQUARTERS, Status.MENTIONED,
)
STATUS_RANK: dict[str, int] = {s.value: i for i, s in enumerate(STATUS_PRIORITY)}


class Sector(str, enum.Enum):
    """Who uses or stops the technology."""

    POLICE = "police"
    COURTS = "courts"
    HEALTH = "health"
    TRANSPORT = "transport"
    PUBLIC_SERVICES = "public-services"
    TELECOM = "telecom"
    CLOUD = "cloud"
    AUTOMOTIVE = "automotive"
    SEARCH = "search"
    MESSAGING = "messaging"
    EDUCATION = "education"
    FINANCE = "finance"
    GOVERNMENT = "government"
    MILITARY = "military"
    OTHER = "other"


@dataclass(frozen=True)
class Toponym:
    """A place mention found in a text and resolved to the gazetteer."""

    start: int
    end: int
    text: str
    name: str
    place_type: str  # city, district, region, country, supranational
    country_code: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str = "literal"  # literal, demonym, metonym

    @property
    def place_id(self) -> str:
        """The key a place is aggregated by: GeoNames id, else country code, else name."""
        if self.geonameid:
            return str(self.geonameid)
        if self.place_type == "country" and self.country_code:
            return self.country_code
        return self.name


@dataclass(frozen=True)
class Mention:
    """One row of `mentions.csv`: a place mention with its status and evidence."""

    doc_id: str
    title: str
    source: str
    url: str
    published: str
    sentence_index: int
    start: int
    end: int
    place: str
    name: str
    place_type: str
    country_code: str
    lat: float | None
    lon: float | None
    geonameid: int | None
    place_id: str
    kind: str
    status: str
    sector: str
    actor: str
    scope: str
    subject: str
    evidence: str
    confidence: float


MENTION_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Mention))

PLACE_COLUMNS: tuple[str, ...] = (
    "place_id", "name", "place_type", "country_code", "lat", "lon", "statuses",
    "shown_status", "sectors", "actors", "n_mentions", "n_documents",
    "first_published", "last_published",
)
