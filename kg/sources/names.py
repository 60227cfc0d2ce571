"""Author names in PubMed's short form, "Surname Initials" ("Mangalam H", "Kim TH")."""
from __future__ import annotations

import re

_NAME_PARTS = re.compile(r"[\s.\-]+")


def initials(given_names: str) -> str:
    """Initials of given names: "Jean-François" -> "JF", "Ben G" -> "BG", "NJ" or "J.M." -> kept as letters.

    Given names with no lower-case letter are initials already (as JATS references print them)."""
    if not any(ch.islower() for ch in given_names):
        return "".join(ch for ch in given_names if ch.isalpha())
    return "".join(part[0].upper() for part in _NAME_PARTS.split(given_names) if part and part[0].isalpha())


def short_name(surname: str, given_names: str = "", given_initials: str = "") -> str:
    """ "Surname Initials" from parts; initials are derived from given names when not given."""
    surname = " ".join(surname.split())
    letters = given_initials.replace(".", "").replace(" ", "") if given_initials else initials(given_names)
    return f"{surname} {letters}" if letters else surname


def short_name_from_inverted(name: str) -> str:
    """ "Mangalam, Harry" or "Smith, J. M." -> "Mangalam H" / "Smith JM"; other forms are kept as written."""
    name = " ".join(name.split())
    surname, comma, given = name.partition(",")
    if not comma:
        return name
    given = given.strip()
    # "Smith, Jr., John": the suffix goes with the surname, as PubMed writes it.
    suffix, comma, rest = given.partition(",")
    if comma and suffix.strip().rstrip(".").lower() in {"jr", "sr", "ii", "iii", "iv"}:
        return short_name(f"{surname.strip()} {suffix.strip().rstrip('.')}", rest)
    return short_name(surname, given)
