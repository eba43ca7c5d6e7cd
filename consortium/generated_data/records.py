"""The in-memory records the generator links rows by, and the identifiers and dates they carry."""

import datetime
from dataclasses import dataclass, field

from .vocabulary import City, Country

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
STOPWORDS = {"of", "the", "and", "for", "in", "и", "по", "в", "жана", "боюнча"}


@dataclass(eq=False)
class Org:
    country: Country
    kind: str
    names: tuple[str, str, str]  # ky, ru, en
    short: tuple[str, str, str]
    city: City | None
    parent: "Org | None" = None
    predecessor: "Org | None" = None  # the organisation this one replaced (a renamed ministry)
    renamed_on: int = 0  # ordinal day of the renaming
    old_names: tuple[str, str, str] | None = None  # a university's name before renaming
    id: int = 0
    people: list = field(default_factory=list)


@dataclass(eq=False)
class Person:
    names: tuple[str, str, str]
    org: Org
    position: tuple[str, str, str]  # as held at `org`
    id: int = 0


@dataclass(eq=False)
class Framework:
    """A signed agreement or memorandum that protocols, labs and programmes can point to."""

    id: int
    signed: int  # ordinal day
    parties: list
    topic: int
    partner: Country


def lottery(pairs) -> list:
    """Each item `weight` times, so that one random index picks by weight (faster than choices())."""
    return [item for item, weight in pairs for _ in range(weight)]


def iso(ordinal: int | None) -> str | None:
    return None if ordinal is None else datetime.date.fromordinal(ordinal).isoformat()


def acronym(text: str) -> str:
    return "".join(
        word[0] for word in text.replace("-", " ").split() if word.lower() not in STOPWORDS
    ).upper()


def orcid_for(number: int) -> str:
    """A well-formed ORCID iD (ISO 7064 11-2 check digit), a different one for each number below 10**7."""
    body = f"00000002{(number * 7919 + 1234567) % 10**7:07d}"
    total = 0
    for char in body:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    digits = body + ("X" if check == 10 else str(check))
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def ror_for(number: int) -> str:
    """A well-formed ROR ID ("0", six Crockford base-32 digits, ISO 7064 97-10 check), one per number."""
    value = (number * 2654435761 + 12345) % 32**6
    chars = "".join(CROCKFORD[(value >> shift) & 31] for shift in range(25, -1, -5))
    return f"0{chars}{98 - (value * 100) % 97:02d}"


def translated(*names: str) -> tuple[str, ...]:
    """A translated field's columns: the original (which holds Kyrgyz, the default) and one per language."""
    return tuple(column for name in names for column in (name, f"{name}_ky", f"{name}_ru", f"{name}_en"))


STAMPS = ("created_at", "updated_at")
