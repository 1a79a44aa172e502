"""The nominative a Russian name is declined from: Russian text names a person in six cases
("по словам Анны Кузнецовой", "с Олегом Смирновым"), and the registry holds the nominative
(Анна Кузнецова), or its transliteration (Sergei Lavrov for "Сергея Лаврова").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

#: Each case ending of a declined name word, and the nominative endings it may stand for
#: (the stem before it kept): a first name or surname of either gender, and the adjectival
#: surnames ("Вишневского" of Вишневский, "Толстого" of Толстой, "Вишневской" of Вишневская).
_NOMINATIVE_ENDINGS = {
    "а": ("",),  # Олега, Смирнова
    "у": ("", "а"),  # Олегу, Анну, Кузнецову
    "ом": ("", "ий", "ой"),  # Олегом; о Вишневском
    "ым": ("",),  # Смирновым
    "ем": ("й", "ь"),  # Сергеем, Игорем
    "е": ("", "а", "я", "й", "ь"),  # об Олеге, Анне, Сергее, Игоре
    "я": ("й", "ь"),  # Сергея, Игоря
    "ю": ("й", "ь", "я"),  # Сергею, Игорю, Марию
    "ы": ("а",),  # Анны
    "и": ("а", "я", "ь"),  # Ольги, Марии
    "ой": ("а", "ая"),  # Анной, Кузнецовой, Вишневской
    "ою": ("а",),  # Анною
    "ей": ("я", "ь"),  # Марией
    "ую": ("ая",),  # Вишневскую
    "ого": ("ий", "ой"),  # Вишневского, Толстого
    "его": ("ий",),
    "ому": ("ий", "ой"),
    "им": ("ий",),  # Вишневским
}
#: The most words of a name read this way (first name, patronymic, surname).
MAX_WORDS = 3
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def nominatives(word: str) -> list[str]:
    """The word as written, then each nominative it may be a case of ("Анны": Анна)."""
    forms = [word]
    lower = word.lower()
    for ending, endings in _NOMINATIVE_ENDINGS.items():
        if lower.endswith(ending) and len(word) > len(ending) + 1:
            forms += [word[: -len(ending)] + nominative for nominative in endings]
    return list(dict.fromkeys(forms))


def nominative_readings(name: str) -> Iterator[str]:
    """Each reading of a name in Cyrillic as its words' nominatives, but the name as written
    ("Олега Смирнова": "Олег Смирнов", ...); none for a name in another script."""
    words = name.split()
    if not 1 < len(words) <= MAX_WORDS or not all(_CYRILLIC.search(w) for w in words):
        return
    readings = itertools.product(*(nominatives(word) for word in words))
    next(readings)  # (the name as written, which the caller has looked up)
    yield from (" ".join(reading) for reading in readings)
