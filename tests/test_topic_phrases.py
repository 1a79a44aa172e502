"""The taxonomy's phrases (data/topics.yml) on stories written for these tests, with the real
tagger: a phrase that also means something else is no cue of its topic there."""

from __future__ import annotations

import pytest

from newsarchive.entities import DEFAULT_DATA_DIR, get_tagger

# My own text: "September 11" is only the day a demolition is planned for.
DEMOLITION = """\
Demolition crews will bring down the two chimneys of the disused Harwick power station on September 11, the company clearing the site said on Tuesday.

Engineers will place explosives at the base of each chimney, and the 90-metre stacks are expected to fall within seconds of each other shortly after 7 a.m. Roads around the site will close for two hours, and residents of the nearest streets have been asked to keep their windows shut because of the dust.

The coal-fired station closed six years ago. The land is to become a business park with space for about 40 firms, and the developer expects the first buildings to open in two years.
"""

# My own text: the attacks, named as news names them.
MEMORIAL = """\
A memorial to the victims of the September 11 attacks will open in the Harwick town square next spring, the town's council said on Thursday.

Three people from Harwick died in the attacks, two of them in the towers of the World Trade Center and one on a hijacked plane. Their families asked for a quiet place to remember them, and a local stonemason offered to carve the names at no cost.

The council will hold a short ceremony at the site every year on the anniversary, and the town's schools plan to mark the day with a minute's silence.
"""


def _topics(text: str) -> set[str]:
    return {t.name for t in get_tagger(DEFAULT_DATA_DIR).tag(text).topics}


@pytest.mark.parametrize(("text", "terrorism"), [(DEMOLITION, False), (MEMORIAL, True)])
def test_september_11_alone_is_a_date_not_the_attacks(text, terrorism):
    assert ("Terrorism" in _topics(text)) is terrorism
