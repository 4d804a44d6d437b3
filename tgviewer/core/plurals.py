"""Counts with their nouns, in the singular for one: ``1 country``, ``2 countries``.

:func:`plural` says a count with a noun; :func:`quantity` a figure with its measure's words,
which bundles give in the plural (``1 fulfilled request``, ``3 users affected``). The module
sits at the root of the core, below the figures and the view models, so that both may use it.
"""

from __future__ import annotations

#: Plurals that adding "s" or "es" does not make, by their singular.
IRREGULAR = {
    "person": "people",
    "child": "children",
    "entry": "entries",
    "country": "countries",
    "quarter": "quarters",
    "inhabitant": "inhabitants",
}
_SINGULAR = {many: one for one, many in IRREGULAR.items()}


def plural_of(noun: str) -> str:
    """The plural of a singular English noun: ``record`` -> ``records``, ``country`` ->
    ``countries``, ``address`` -> ``addresses``."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u", ""):
        return noun[:-1] + "ies"
    return noun + "s"


def plural(count: float, noun: str, many: str | None = None) -> str:
    """``count`` with ``noun`` (singular), made plural unless the count is one.

    ``many`` gives the plural when :func:`plural_of` would not make it.

    >>> plural(1, "country"), plural(2, "country"), plural(1_234, "record")
    ('1 country', '2 countries', '1,234 records')
    """
    number = f"{count:,}" if isinstance(count, int) else f"{count:,g}"
    return f"{number} {noun if count == 1 else many or plural_of(noun)}"


def singular_of(words: str) -> str:
    """The singular of a plural noun phrase as measures are named: ``fulfilled requests`` ->
    ``fulfilled request``, ``users affected`` -> ``user affected``, ``IP addresses`` ->
    ``IP address``. Words it cannot make singular are returned as they are."""
    parts = words.split(" ")
    # The noun is the last word ("fulfilled requests") unless a participle follows it
    # ("users affected"): the last word that reads as a plural.
    for index in range(len(parts) - 1, -1, -1):
        one = _singular_word(parts[index])
        if one is not None:
            parts[index] = one
            return " ".join(parts)
    return words


def _singular_word(word: str) -> str | None:
    lower = word.lower()
    if lower in _SINGULAR:
        return _SINGULAR[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 2:
        return word[:-1]
    return None


def quantity(value: float, words: str, number: str | None = None) -> str:
    """A figure with its measure's ``words`` (given in the plural, as a bundle names its
    measures), in the singular when the figure is exactly one: ``1 fulfilled request``,
    ``7 users affected``. ``number`` is the figure as already written, when it is."""
    written = number if number is not None else f"{value:,g}"
    return f"{written} {singular_of(words) if value == 1 else words}"
