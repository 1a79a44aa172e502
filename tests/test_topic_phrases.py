"""The taxonomy's phrases (data/topics.yml) on stories written for these tests, with the real
tagger: a phrase that also means something else is no cue of its topic there."""

from __future__ import annotations

from collections import Counter

import pytest

from newsarchive.entities import DEFAULT_DATA_DIR, get_tagger
from newsarchive.entities.topics import load_taxonomy, score_topic

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


# My own text: the British party, named three times, and no word about work.
BY_ELECTION = """\
Labour held the Harwick North seat in Thursday's by-election, with its candidate, a former head teacher, taking 48 percent of the vote on a turnout of 31 percent.

The Conservatives came second and the Liberal Democrats third. Labour had held the seat since 1997, and its majority fell by about 2,000 votes from the last general election.

The new member said she would campaign for a bypass around the town centre and for longer opening hours at the local hospital's walk-in clinic. The Labour leader is expected to visit Harwick next week to thank party volunteers.
"""

# My own text: labour in lower case, the work farms cannot find.
HARVEST = """\
Farms around Harwick are struggling to find enough labour for the apple harvest, and growers say fruit could be left to rot on the trees unless more pickers arrive in the next fortnight.

The growers' association said its members were short of about 600 workers. Wages for pickers have risen by a tenth since last year, but many seasonal workers have taken jobs in warehouses instead.

Some farms have offered free accommodation and bonuses for pickers who stay until the end of the season.
"""


@pytest.mark.parametrize(("text", "labour"), [(BY_ELECTION, False), (HARVEST, True)])
def test_labour_capitalised_is_the_party_not_work(text, labour):
    assert ("Labour" in _topics(text)) is labour


# My own text: a fire in a town, fought by firefighters, with no word of wild land.
WAREHOUSE_FIRE = """\
Fire destroyed a furniture warehouse in the centre of Harwick overnight, and smoke from the blaze closed the ring road for most of the morning.

More than 60 firefighters fought the fire for five hours before bringing it under control. Fire officials said the roof had collapsed within an hour, and crews concentrated on stopping the flames from spreading to a block of flats next door, whose residents were moved to a sports hall.

No one was hurt. The warehouse's owner said the building held stock for the Christmas season, and investigators will return to the site on Monday to find out how the fire started.
"""

# My own text: a bushfire whose one word of the bush is "back-burning", hyphenated.
BACK_BURNING = """\
Firefighters spent the night back-burning along the ridge above Harwick Creek, hoping to starve the flames of fuel before hot winds return at the weekend.

More than 30 fires are still burning across the district, and two homes were lost on Tuesday. Crews from three neighbouring shires joined the local brigade, and water bombers will fly again at first light if the smoke clears.

Residents of the valley have been told to leave early if the wind turns, and the district's schools will stay closed until Monday.
"""


@pytest.mark.parametrize(
    ("text", "topic", "not_topic"),
    [(WAREHOUSE_FIRE, "Fires", "Wildfires"), (BACK_BURNING, "Wildfires", "Fires")],
)
def test_firefighters_fight_every_fire_a_wildfire_needs_wild_land(text, topic, not_topic):
    topics = _topics(text)
    assert topic in topics
    assert not_topic not in topics


# My own text: a credit union, a bank its members own, and no body of workers.
CREDIT_UNION = """\
The Harwick Credit Union will close two of its four branches in March, leaving the town's east side without a place to pay in cash, the credit union's board said on Wednesday.

The credit union, which is owned by its 9,000 members, said fewer than 200 people a week now visited each of the two branches, and that most of its members bank on their phones. Its staff at the branches will move to the remaining two.

Members who spoke at a meeting on Tuesday said older people in the east of the town relied on the counter. The credit union's chief executive said a mobile branch would visit the east side twice a week, and the board would look again at the decision in a year. A dispute over the closures could go to a vote of members at the annual meeting in May.
"""

# My own text: a strike from the air, and two unions of states.
CONVOY = """\
The European Union condemned Tuesday's strike on an aid convoy in the north of Veloria, which killed four drivers and destroyed a dozen lorries carrying flour and medicine.

The convoy had been cleared by both sides to cross the front line, the European Union's envoy said, and those who ordered the strike must be held to account. The African Union called for an inquiry, and the United Nations suspended its deliveries to the region until its staff can travel safely.

Aid agencies say more than 200,000 people in the north depend on food brought in by road.
"""


@pytest.mark.parametrize("text", [CREDIT_UNION, CONVOY])
def test_a_union_in_a_states_or_a_banks_name_is_no_body_of_workers(text):
    labour = {"Labour", "Labour disputes", "Strikes", "Trade unions"}
    assert labour.isdisjoint(_topics(text))


# My own text: a fire at a chemical works that President Bush visits; no word of wild land.
PRESIDENT_AT_A_FIRE = """\
President Bush visited the Harwick chemical works on Friday, two days after a fire there killed three workers and forced the evacuation of 2,000 homes nearby.

Bush met the families of the dead and thanked the fire crews who fought the blaze for eleven hours. Firefighters kept the flames away from two tanks of chlorine, which would have sent a toxic cloud over the town had they burst.

Investigators say the fire began in a storage shed where solvents were kept. Bush promised federal money to rebuild the plant's fire safety systems and to pay for the evacuated families' hotel bills.
"""


def test_bush_capitalised_is_a_name_not_wild_land():
    topics = _topics(PRESIDENT_AT_A_FIRE)
    assert "Fires" in topics
    assert "Wildfires" not in topics


# My own text: a royal commission, an inquiry, holds hearings; no court, no trial.
ROYAL_COMMISSION = """\
The royal commission into aged care will hold its first public hearings in Harwick next month, and more than 400 residents and their families have asked to speak.

The royal commission, set up by the government in March, will look at the quality of care in nursing homes, the training of staff and how the homes are paid for. Its chair, a retired public servant, said the royal commission would visit homes in every state before it reports in two years.

Providers have been asked to hand over records of complaints going back ten years. One group of families says its members waited months for answers about falls and bed sores, and hopes the hearings will lead to a national register of care workers.
"""


def test_a_royal_commission_is_an_inquiry_not_a_court():
    topics = _topics(ROYAL_COMMISSION)
    assert "Courts" not in topics
    assert "Crime and justice" not in topics


# My own text: a party's secretary-general resigns; no word of the United Nations.
PARTY_SECRETARY_GENERAL = """\
The secretary-general of Veloria's ruling party resigned on Monday, a week after a newspaper reported that party funds had paid for renovations to his holiday house.

The secretary-general, who had run the party's organisation for nine years, denied doing anything wrong but said he did not want the affair to harm the party before the election in October. The prime minister thanked him for his work and named the party's deputy secretary-general to the post until a party conference in June.

Opposition leaders called for the police to look into the party's accounts, and the electoral commission said it would examine the party's spending returns for the last three years.
"""


def test_a_secretary_general_alone_is_no_cue_of_the_united_nations():
    topics = _topics(PARTY_SECRETARY_GENERAL)
    assert "Politics" in topics
    assert topics.isdisjoint({"United Nations", "International organisations"})


# My own text: a flood story that names state television, a broadcast and viewers.
ON_STATE_TELEVISION = """\
Veloria's president said on state television on Sunday that the army would help rebuild the bridges washed away by last week's floods, and that families who lost their homes would be housed in schools until the spring.

In an address broadcast on every channel, the president said the government would borrow to pay for the work. Television pictures from the north showed villages still under water and farmers moving their cattle to higher ground.

The country's largest television network said its viewers had given more than two million dollars to an appeal for the flood victims. Forecasters expect more rain in the north this week.
"""

# My own text: a television drama, its episodes and its cast.
TELEVISION_DRAMA = """\
A television drama filmed in Harwick last summer will start on Sunday night, and the town has hung banners along the high street for the premiere.

The six-part series follows a family running a seaside hotel, and its cast includes two actors who grew up in the town. The broadcaster said the first episode would be shown at nine o'clock, and all six would then be free to stream for a month.

Local businesses hope the series will bring visitors, as a detective show filmed on the coast a few years ago did.
"""


@pytest.mark.parametrize(("text", "film"), [(ON_STATE_TELEVISION, False), (TELEVISION_DRAMA, True)])
def test_television_that_carries_the_news_is_no_cue_of_film_and_television(text, film):
    assert ("Film and television" in _topics(text)) is film


# My own text: Jewish settlers and Muslim farmers argue over a spring; no word of faith.
SETTLERS_AND_FARMERS = """\
Jewish settlers and Palestinian farmers near the village of Beit Amar are again arguing over a spring that both sides have drawn water from for decades.

The settlers fenced the spring in July, and the farmers say their olive trees are dying without it. An Israeli army officer said the fence would stay until a court rules on who owns the land. Muslim and Jewish families used to share the spring, an elderly farmer said, but the dry summers of the last three years have left too little for both.

A hearing is set for November. Until then, the farmers are buying water from tankers at prices they say they cannot afford for long.
"""


def test_jewish_and_muslim_say_who_people_are_not_that_faith_is_the_subject():
    assert "Religion" not in _topics(SETTLERS_AND_FARMERS)


# My own text: the White House's National Security Council; no word of the UN.
WHITE_HOUSE_COUNCIL = """\
The White House named a new senior director for Asia at the National Security Council on Monday, filling a post that had been empty since the spring.

The new director, a former ambassador to Vietnam, will advise the president on relations with China, Japan and the Koreas. A National Security Council spokesman said she would travel to Tokyo and Seoul next month to prepare for the president's visit in the autumn.

The National Security Council's staff has shrunk by a third in two years, and several former officials say the cuts have left too few people to follow events in the region.
"""


def test_a_governments_national_security_council_is_no_un_body():
    topics = _topics(WHITE_HOUSE_COUNCIL)
    assert topics.isdisjoint({"United Nations", "International organisations"})


# My own text: a poor olive harvest in the West Bank; no word of banking but a loan.
OLIVES = """\
Olive growers in the West Bank expect their smallest harvest in a decade after a dry spring and a hot summer, and many say they will have no oil left to sell abroad.

In the hills around Nablus, families who usually fill a hundred tins of oil say they will fill thirty. The growers' cooperative in the northern West Bank said its members would need loans to buy seed and fertiliser for the coming year, and it has asked the Palestinian Authority for help.

The olive is the West Bank's biggest crop, and about 100,000 families earn part of their income from it.
"""


def test_the_west_bank_is_a_land_not_a_bank():
    topics = _topics(OLIVES)
    assert "Agriculture and food" in topics
    assert topics.isdisjoint({"Banking", "Business"})


# My own text: a harvest short of workers, its headline written in Title Case.
SHORT_OF_PICKERS = """\
Growers around Harwick say a third of the apple crop could rot on the trees this autumn because too few seasonal workers arrived. Wages for pickers have risen by a fifth since last year as farms compete for the workers who came, and several growers have cut the acreage they plan to harvest.
"""


@pytest.mark.parametrize(
    ("title", "counts"),
    [
        ("Labour Shortage Leaves Apples Unpicked Across Harwick Orchards", True),
        ("Labour wins the Harwick by-election with a smaller majority", False),
    ],
)
def test_capitals_in_a_title_case_headline_say_nothing(title, counts):
    """A headline in Title Case capitalises every word, so its "Labour" is as likely the
    word as the party: it counts as a cue there, and stays the party in a sentence-case one."""
    topic = next(t for t in load_taxonomy(DEFAULT_DATA_DIR / "topics.yml") if t.slug == "labour")
    bare = score_topic(topic, SHORT_OF_PICKERS, "", Counter(), Counter())
    titled = score_topic(topic, SHORT_OF_PICKERS, title, Counter(), Counter())
    assert (titled > bare) is counts


# My own text: a football club's season, in a league whose name says "premier".
RELEGATION = """\
Harwick Rovers were relegated from the Premier League on Saturday after a 2-0 defeat at home, ending a three-season stay in the top flight. The manager resigned an hour after the final whistle, and the club's board said it would name a successor before pre-season training starts.

Supporters' groups called for the chairman's resignation and for an election of fan representatives to the board. Rovers will play in the second tier next season for the first time since their promotion, and the club expects to lose several players whose contracts allow them to leave on relegation from the Premier League.
"""

# My own text: a ruling party's leader, whose title is a union official's too.
PARTY_LEADER = """\
The Communist Party General Secretary opened a three-day meeting of the party's central committee on Monday, which is expected to approve a new five-year plan for the economy. State media said the general secretary of the Communist Party called for faster growth in the country's poorer inland provinces and for tighter control of local government debt.

Delegates will also vote on changes to the party's leadership, and the party's general secretary is expected to announce new members of its standing committee when the meeting ends on Wednesday.
"""


def _score(slug: str, text: str) -> float:
    topic = next(t for t in load_taxonomy(DEFAULT_DATA_DIR / "topics.yml") if t.slug == slug)
    return score_topic(topic, text, "", Counter(), Counter())


@pytest.mark.parametrize(
    ("slug", "text", "name", "other"),
    [
        ("politics", RELEGATION, "Premier League", "Harbour League"),
        ("trade-unions", PARTY_LEADER, "General Secretary", "Chairman"),
        ("trade-unions", PARTY_LEADER, "general secretary", "chairman"),
    ],
)
def test_a_name_or_a_title_that_holds_a_cue_scores_as_another_would(slug, text, name, other):
    """ "Premier" in a football league's name is no state premier for Politics, and a ruling
    party's general secretary no union official for Trade unions: the story scores the same
    as with another name or title in their place."""
    assert _score(slug, text) == _score(slug, text.replace(name, other))


# My own text: a state legislature's session.
STATE_HOUSE = """\
The Virginia General Assembly ended its session on Saturday after passing a budget that raises teachers' pay by five percent and puts more money into rural broadband. Lawmakers also approved a bill that lets counties hold their own referendums on new sales taxes for school buildings.

The governor has 30 days to sign the bills or send them back with amendments, and the General Assembly will meet again in April to take up any vetoes.
"""


def test_a_states_general_assembly_is_no_un_body():
    """Twenty American states' legislatures are general assemblies: the name alone is no
    sign of the United Nations."""
    assert _score("united-nations", STATE_HOUSE) == _score(
        "united-nations", STATE_HOUSE.replace("Virginia General Assembly", "Virginia legislature")
    )


# My own text, with an invented senator whose surname is a farmer's trade.
PENSION_VOTE = """\
Senator Mark Farmer said on Monday that he would vote against the government's bill to raise the pension age to 68. Farmer said the change was unfair to people in physical jobs, who often cannot work into their late sixties.

Farmer's vote matters because the government needs two crossbench senators to pass the bill, and the Senate is expected to vote on it next week. The minister responsible said she was still talking to Farmer and the other crossbenchers about changes that could win their support.
"""


def test_a_word_inside_a_persons_name_is_no_cue():
    """ "Farmer" as a senator's name says nothing of farms: the story is filed as it would be
    under another surname, not under Agriculture and food."""
    assert "Agriculture and food" not in _topics(PENSION_VOTE)
    assert _topics(PENSION_VOTE) == _topics(PENSION_VOTE.replace("Farmer", "Carver"))
    people = get_tagger(DEFAULT_DATA_DIR).tag(PENSION_VOTE).people
    assert [p.name for p in people] == ["Mark Farmer"]


# My own text: a terrorist leader named, whom the taxonomy counts as a cue.
MANHUNT = """\
American and Pakistani officials said on Monday that the search for Osama bin Laden had moved to the tribal areas along the border, where intelligence reports placed him in the spring.

Bin Laden has not been seen in public since the winter. Officials said the search would go on through the summer.
"""

# My own summary of a meeting reported at the time: the taxonomy's bilateral phrases are names.
SIDELINES = """\
Barack Obama and Vladimir Putin talked on the sidelines of the G20 summit in St Petersburg in September 2013, the White House said, in the weeks of argument over chemical weapons in Syria.

Obama and Putin discussed Syria for about twenty minutes. Officials in Washington and Moscow said afterwards that the two leaders still disagreed about who had used the weapons.
"""


@pytest.mark.parametrize(
    ("text", "slug"), [(MANHUNT, "terrorism"), (SIDELINES, "us-russia-relations")]
)
def test_a_topic_whose_cues_are_names_still_counts_them(text, slug):
    """Terrorism and U.S.-Russia relations name people among their cues ("bin laden", "obama
    and putin": `names_are_cues`): inside the names the people tagger found, they still count,
    and the tagger scores the topic as the names' words alone would."""
    tags = get_tagger(DEFAULT_DATA_DIR).tag(text)
    assert len(tags.people) >= 1
    assert {t.slug: t.score for t in tags.topics}.get(slug) == _score(slug, text)


# My own text: an airline named, and the word "airline" never said.
STORM_BOOKINGS = """\
Passengers booked with Qantas and Jetstar to or from Brisbane this week can move their bookings to a later date without a fee, because of the storms forecast along the Queensland coast.

Customers whose trips are cancelled will be offered a refund or a seat on the next available service. Qantas said most services were still running on Tuesday morning.
"""


def test_an_airline_named_without_the_word_is_aviation():
    """Airlines' own names are cues of Aviation, as Boeing's and Airbus's are; the same
    story with a coach company's name is not aviation."""
    assert "Aviation" in _topics(STORM_BOOKINGS)
    coaches = STORM_BOOKINGS.replace("Qantas and Jetstar", "Greyline").replace("Qantas", "Greyline")
    assert "Aviation" not in _topics(coaches)


# My own text: a hearing reported in court reporting's own phrases, and no "trial" or "judge".
HEARING = """\
A fruit seller from Harwick told the court on Wednesday that he had never opened the boxes a customer left at his stall, and that he did not know what was inside them when he drove them home.

The seller, who has run the stall beside the coast road for eleven years, said the customer had asked him to keep the boxes for a week while he moved house. He said he had agreed because the man had bought fruit from him every Saturday for as long as he could remember, and had always paid in cash.

The court heard that police stopped his van on the coast road two days later and found the boxes behind the seats. Neighbours described him as a quiet man who grew most of what he sold on a small plot behind his house, and who closed the stall only on Sundays and in the worst of the winter storms.

The customer is expected to speak on Thursday.
"""


def test_court_reportings_own_phrases_are_courts():
    """ "told the court" and "the court heard" say a court is sitting: the story is Courts,
    and with the same words said to reporters it is not."""
    assert "Courts" in _topics(HEARING)
    to_reporters = HEARING.replace("told the court", "told reporters")
    to_reporters = to_reporters.replace("The court heard", "Reporters heard")
    assert "Courts" not in _topics(to_reporters)


# My own text: a health report that names the lungs' airways, and no airline.
SMOKERS = """\
Doctors at Harwick's chest clinic say more of their patients with asthma are now in their twenties, and that vaping is narrowing the airways of young people who have never smoked a cigarette.

The clinic's report found that the number of young adults treated for inflamed airways had doubled in five years.
"""


def test_the_lungs_airways_are_no_airline():
    """ "airways" alone is as often the lungs' as an airline's name: it is no cue of
    Aviation, while "British Airways" is."""
    assert _score("aviation", SMOKERS) == 0
    assert _score("aviation", "Passengers on British Airways flights were delayed.") > 0


# My own text: a livestock disease found in a dairy herd, named by the herd's own words.
HERD = """\
Veterinary officers confirmed a case of foot and mouth disease in a dairy herd near Harwick on Friday, and all movements of animals in the district have been stopped for at least three weeks.

The herd's 240 cows will be destroyed. Dairy and beef producers in the region fear that buyers abroad will refuse their meat and milk powder until the district is declared free of the disease, as happened after the last outbreak near the coast.
"""


def test_a_livestock_disease_is_agriculture_and_beefing_up_is_not():
    """Livestock, its diseases and its meat are farming's news; "beef up" and a "cash cow"
    say nothing of cattle."""
    assert "Agriculture and food" in _topics(HERD)
    patrols = "Police will beef up patrols at the stadium, a cash cow for the council."
    assert _score("agriculture", patrols) == _score("agriculture", patrols.replace("beef", "step"))


# My own text: pilgrims on the Ganges, a river of many syllables and no gangs.
PILGRIMS = """\
Tens of thousands of pilgrims waded into the Ganges at dawn on Sunday for the first day of a river festival at Harnapur, and the town's boatmen say they have never been busier.

Families travelled for days to bathe where the Ganges meets a smaller stream. Priests led prayers from the steps along the bank, and volunteers handed out water and rice to the crowds waiting their turn. The Ganges is low this year after a weak monsoon, and the festival's organisers moved the bathing areas twice to keep pilgrims out of the mud.
"""


def test_a_phrase_takes_es_only_where_english_spells_its_plural_so():
    """A phrase's plural or third person in "es" follows s, x, z, ch, sh or o ("taxes",
    "crashes", "heroes"); after other letters "es" makes another word: "gang" is not in
    "Ganges", nor "war" in "wares"."""
    assert "Organised crime and drugs" not in _topics(PILGRIMS)
    assert _score("organised-crime", "the Ganges, the Ganges, the Ganges") == 0
    assert _score("organised-crime", "Two gangs fought over the docks.") > 0
    assert _score("armed-conflict", "Traders sold their wares.") == 0
    assert _score("armed-conflict", "Two wars.") > 0


# My own text: a union and its members named often, and no dispute with any employer.
UNION_BALLOT = """\
The Harwick branch of the nurses' union has chosen a new secretary after a ballot of its members, ending three months of campaigning between two candidates from the same hospital.

Dana Pell, a theatre nurse for eighteen years, won 61 percent of the votes cast. Turnout among the union's 4,000 members was the highest since the branch was founded, and the union said younger workers had voted in larger numbers than before.

Ms Pell said her first task would be to open a second union office near the town's new clinic so members working night shifts could reach it. The union will also hold training days for workers who want to become delegates.
"""


def test_a_union_named_is_no_labour_dispute():
    """Labour disputes needs a word of a dispute (industrial action, a pay claim, a picket, a
    stoppage...): a union's own ballot is not one, the same union on strike is."""
    assert "Labour disputes" not in _topics(UNION_BALLOT)
    on_strike = UNION_BALLOT + (
        "\nThe union's members went on strike on Monday over a pay claim the hospital has "
        "refused, and nurses have set up a picket at the main gate.\n"
    )
    assert "Labour disputes" in _topics(on_strike)


# My own text: a ferry captain's ashes, scattered as he asked, and no cricket.
ASHES_AT_SEA = """\
Hundreds of admirers lined the harbour wall at Harwick on Saturday as the family of Tom Varley, the ferry captain who carried islanders across the sound for forty years, took the ashes out to sea on his old boat, as he had asked before he died last month.

His daughter said the ashes would be scattered past the lighthouse, where he liked to anchor on calm evenings. His fans among the island's children, to whom he gave free rides every summer, threw flowers on the water while the boat was out.

The town council will put a bench with his name near the harbour.
"""


def test_a_phrase_written_with_capitals_counts_only_so_written():
    """ "the Ashes", capitalised in the taxonomy, is cricket's; "the ashes" scattered at sea
    are no cue of Sport."""
    assert "Sport" not in _topics(ASHES_AT_SEA)
    assert _score("sport", "They scattered the ashes at sea. The ashes sank.") == 0
    assert _score("sport", "England kept the Ashes.") > 0
    assert _score("sport", "THE ASHES DECIDER") > 0


# My own text: a central bank and its rate, and no bank that takes deposits or lends.
RATES_HELD = """\
The Reserve Bank left its cash rate at 3.1 percent on Tuesday, and said prices were rising more slowly than it had expected in the spring.

The Reserve Bank's board said the economy was growing at about its usual pace and that unemployment had changed little for a year. Most economists had expected the decision, though two had forecast a cut. The central bank will publish its next forecasts in February, and its governor said the board was ready to move the rate in either direction.
"""


def test_a_central_bank_is_no_cue_of_banking():
    """ "Reserve Bank", "central bank" and the World Bank mask "bank" for Banking: their news is
    interest rates and loans to states, not a bank's customers; a bank's own still counts."""
    assert "Banking" not in _topics(RATES_HELD)
    assert _score("banking", "The Reserve Bank and the World Bank met.") == 0
    assert _score("banking", "The Reserve Bank cut its rate; the bank in town did not.") > 0


# My own text: two town councils to become one, and no firm bought or sold.
COUNCILS_MERGE = """\
The councils of Harwick and Lowmere will merge next July after residents of both towns backed the plan in a vote on Saturday.

The merger will leave the district with one mayor and eleven councillors instead of twenty. Supporters said a single council could plan roads and housing across both towns, while opponents feared Lowmere, the smaller of the two, would lose its say. The new council's first meeting will be held in Harwick's town hall.
"""


def test_a_merger_of_councils_is_no_takeover():
    """Mergers and acquisitions needs a word of a firm or its money: two councils that merge
    are not a deal; the same word beside a company is."""
    assert "Mergers and acquisitions" not in _topics(COUNCILS_MERGE)
    assert _score("mergers-and-acquisitions", "The merger of the two parties was put off.") == 0
    assert _score("mergers-and-acquisitions", "The merger of the two companies was put off.") > 0


# My own text: votes on a question, called by their Latin plural.
TWO_VOTES = """\
The island of Tessaly will hold two referenda next year, one on leaving the federation and one on a new flag, the island's assembly decided on Wednesday.

Both questions will go to voters on the same day in May. The assembly's speaker said the results would bind the government, and that a panel of judges would approve the wording of each question before the summer.
"""


def test_referenda_is_the_plural_of_referendum():
    """ "referenda", the Latin plural that the automatic plural in "s" does not make, is a cue
    of Referendums as "referendums" is."""
    assert "Referendums" in _topics(TWO_VOTES)
    assert _score("referendums", "two referenda") == _score("referendums", "two referendums")


# My own text: a club's long wait for a title, and no dry weather.
TITLE_DROUGHT = """\
Harwick Rovers ended a 31-year title drought on Saturday, beating Lowmere 2-1 in the final of the county cup in front of a full house at Mill Lane.

The club's captain, a 34-year-old defender who joined as a schoolboy, scored the winner in the last minute. Supporters who remembered the last title drought-breaking side, in the year the stand was built, were given seats of honour. The club will parade the trophy through the town centre on Sunday.
"""


def test_a_title_drought_is_no_drought():
    """A team's title drought, or a city's heroin drought, is a want of something other than
    rain: no cue of Drought."""
    assert "Drought" not in _topics(TITLE_DROUGHT)
    assert _score("drought", "a title drought, a goal drought and a heroin drought") == 0
    assert _score("drought", "the drought ruined the harvest") > 0
