"""Places, where people live or were born, and killings, on sentences written for these tests."""

import pytest

from tests.conftest import triples

CASES = [
    # the place of a headquarters, its owner hung on the place, or its "in" hung elsewhere
    ("At a briefing at the QLX's Dover, Del., headquarters, Tom Pell said the risk was small.",
     ("QLX", "locatedIn", "Dover")),
    ("Tom Pell works at QLX headquarters in nearby Dover.", ("QLX", "locatedIn", "Dover")),
    # one capitalised word after a company's legal form and "of" is its town, and a name
    # before "native" a place, whatever the recogniser took them for
    ("The rig, leased from Quillan Bourg Co. of Halstead, had left a worksite.",
     ("Quillan Bourg Co.", "locatedIn", "Halstead")),
    ("Ruth Mandel, a Brenton native, sent a sweater.", ("Ruth Mandel", "livesIn", "Brenton")),
    # a heading before a colon is not the subject of the verb after it
    ("Today's Highlight in History: On Jan. 8, 1935, singer Tom Vessel was born in Brenton.",
     ("Tom Vessel", "bornIn", "Brenton")),
    # a place said to be in another place
    ("Port Tarrow is in Kassala province.", ("Port Tarrow", "locatedIn", "Kassala province")),
    # a list item that ends in a semicolon is read, not dropped as a headline
    ("Marrow Creek Holdings Inc. of Dover;", ("Marrow Creek Holdings Inc.", "locatedIn", "Dover")),
    # a place in apposition to a place: "City, State"
    ("Ann Blake was born in Dover, Delaware.", ("Dover", "locatedIn", "Delaware")),
    ("Ann Blake was born in Dover, Delaware.", ("Ann Blake", "bornIn", "Dover")),
    ("Prices rose in Jackson, Wyo., and Gunnison, Colo., on Monday.",
     ("Gunnison", "locatedIn", "Colo.")),
    ("The Sunnyvale, Calif., defense firm said it lost money.",
     ("Sunnyvale", "locatedIn", "Calif.")),
    # "of Dover" after a name, with the state of the town too
    ("Tom Pell, 41, of Dover, Del., was hurt on Monday.", ("Tom Pell", "livesIn", "Dover")),
    ("Tom Pell, 41, of Dover, Del., was hurt on Monday.", ("Tom Pell", "livesIn", "Del.")),
    ("Prime Minister Ivo Brant of Spain told reporters.", ("Ivo Brant", "livesIn", "Spain")),
    # a place owning a name, before a title, or in a description beside it
    ("Germany's Brelmark Steel said profits fell.", ("Brelmark Steel", "locatedIn", "Germany")),
    ("Texas Gov. Ann Blake spoke on Monday.", ("Ann Blake", "livesIn", "Texas")),
    ("China's Premier Li Peng signed the treaty.", ("Li Peng", "livesIn", "China")),
    ("Atlanta businessman Neil Corder said so.", ("Neil Corder", "livesIn", "Atlanta")),
    ("Guy Stone, the New York attorney representing Hooli, said no.",
     ("Guy Stone", "livesIn", "New York")),
    ("The buyers were Globex Corp, Boston, and Initech Inc, Denver.",
     ("Initech Inc", "locatedIn", "Denver")),
    ("Ann Blake said the Texas senator would vote no.", ("Texas senator", "livesIn", "Texas")),
    ("Prices fell in Houston, Texas, and Denver, Colorado, on Monday.",
     ("Denver", "locatedIn", "Colorado")),
    ("Hooli is the London-based merchant banking arm of Globex.",
     ("Hooli", "locatedIn", "London")),
    ("Analysts said Salt Lake City based Hooli has been sold.",
     ("Hooli", "locatedIn", "Salt Lake City")),
    ("Illinois born Tom Vell was a young actor.", ("Tom Vell", "bornIn", "Illinois")),
    ("Brelmark is 40 percent owned by Dover-based budget carrier Hooli Air.",
     ("Hooli Air", "locatedIn", "Dover")),
    # "one of" a class of organizations a place owns
    ("Demand grew at Brelmark Dairy, one of Norway's largest dairy companies.",
     ("Brelmark Dairy", "locatedIn", "Norway")),
    # a company noun with "in" a place, set beside the company it describes (not the person
    # the parser hung it on)
    ("Ivo Brant, chief of Hooli Therapeutics, a startup in Dover, said so.",
     ("Hooli Therapeutics", "locatedIn", "Dover")),
    # a person based somewhere lives there
    ("Police want to question Dover-based money broker Ivo Brant, who may know more.",
     ("Ivo Brant", "livesIn", "Dover")),
    # a nationality adjective names its country
    ("There is pressure on Swiss-based Hooli to raise its offer.",
     ("Hooli", "locatedIn", "Switzerland")),
    ("Swiss bank Ober will cut jobs.", ("Ober", "locatedIn", "Switzerland")),
    ("Ivo Brant, a Dutch businessman, bought a stake.",
     ("Ivo Brant", "nationality", "Netherlands")),
    ("A special group from the Russian Defence Ministry has left Moscow.",
     ("Russian Defence Ministry", "locatedIn", "Russia")),
    # a place noun describing a place
    ("Dover, a city in Delaware, is old.", ("Dover", "locatedIn", "Delaware")),
    ("Lyon is the second-largest city of France.", ("Lyon", "locatedIn", "France")),
    # where a person lives or comes from, as a noun
    ("Mr. Tolk is a native of Akron, Ohio.", ("Tolk", "livesIn", "Akron")),
    ("Jane Roe, the president of France, met Tom Pell.", ("Jane Roe", "livesIn", "France")),
    ("Jane Roe, the governor of Texas, spoke.", ("Jane Roe", "livesIn", "Texas")),
    # an employer the entity recogniser took for a place stays an employer
    ("Fred Hasson, head of Tiga, spoke.", ("Fred Hasson", "worksFor", "Tiga")),
    ("The society in Dover, Delaware, Ann Blake's hometown, raised a statue.",
     ("Ann Blake", "livesIn", "Dover")),
    ("Ann Blake died at her home in suburban Larchmont on Monday.",
     ("her", "livesIn", "Larchmont")),
    ("Agents arrived at Tom Pell's New Jersey home.", ("Tom Pell", "livesIn", "New Jersey")),
    ("With Texas being Ann Blake's home state, she won.", ("Ann Blake", "livesIn", "Texas")),
    ("Jesse Clay easily won the caucuses in his native South Carolina.",
     ("his", "livesIn", "South Carolina")),
    ("Tom Vell, a Republican from Chicago who served in Congress, denied it.",
     ("Tom Vell", "livesIn", "Chicago")),
    # a place of a chain takes the later places along, whatever rule read it
    ("Composer Tolk is a native of Akron, Ohio.", ("Tolk", "livesIn", "Ohio")),
    ("Ann Blake was born in Dover, Delaware.", ("Ann Blake", "bornIn", "Delaware")),
    # killings: verbs, a result that makes the verb ("shot dead"), nouns
    ("Tom Reel, who murdered Ada Vance, was an actor.", ("Tom Reel", "killed", "Ada Vance")),
    ("Police said Ivo Brant shot Karl Dunn dead in 1990.", ("Ivo Brant", "killed", "Karl Dunn")),
    ("The assassination of Karl Dunn by Ivo Brant shocked the city.",
     ("Ivo Brant", "killed", "Karl Dunn")),
    ("Dunn's assassin, Ivo Brant, was caught.", ("Ivo Brant", "killed", "Dunn")),
    # a name set off after a noun the verb governs, which the parser hung on the verb
    ("Two days later, Brant operated on Dunn's assassin, Karl Tomas Vell, who had just been "
     "shot by Ada Vance.", ("Karl Tomas Vell", "killed", "Dunn")),
    ("Karl Dunn's assassin Ivo Brant was caught.", ("Ivo Brant", "killed", "Karl Dunn")),
    ("Ivo Brant was convicted of Karl Dunn's killing.", ("Ivo Brant", "killed", "Karl Dunn")),
    ("Police arrested Ivo Brant for the murder of Karl Dunn.",
     ("Ivo Brant", "killed", "Karl Dunn")),
    ("Ivo Brant, 60, is serving 99 years in prison for the murder of Karl Dunn.",
     ("Ivo Brant", "killed", "Karl Dunn")),
    ("Tom Pell fired the shots that killed Ann Blake.", ("Tom Pell", "killed", "Ann Blake")),
    ("A bomb planted by Tom Pell killed Ann Blake.", ("Tom Pell", "killed", "Ann Blake")),
    # a place right before "in" and a place
    ("The plane flew to Khartoum from Kassala in eastern Sudan.",
     ("Kassala", "locatedIn", "Sudan")),
    ("Rain fell in California's Sierra Nevada foothills.",
     ("Sierra Nevada", "locatedIn", "California")),
    # an organization's "in" phrase; an age makes a person of a name
    ("Tom Pell is an economist with Drexel Harmon Inc. in New York.",
     ("Drexel Harmon Inc.", "locatedIn", "New York")),
    ("Mary Vell Ferraro, 50, of Bethany, Conn., was hurt on Monday.",
     ("Mary Vell Ferraro", "livesIn", "Bethany")),
    # a country owning a place noun is a place, whatever the recogniser took it for
    ("Officials visited Vanadzor, Armenia's third-largest town, last week.",
     ("Vanadzor", "locatedIn", "Armenia")),
    ("The chief of Belarus's Security Committee dismissed the rumors.",
     ("Security Committee", "locatedIn", "Belarus")),
    # a place's "in" phrase set off by commas
    ("The troupe performed at the Palace of Glass, in Dover, on June 30.",
     ("Palace of Glass", "locatedIn", "Dover")),
    # what is in a place is in the place that one is in
    ("Nurses at Mercy Clinic in Dover in northern England went on strike.",
     ("Mercy Clinic", "locatedIn", "England")),
    ("Ann Blake grew up in Kassala in Gadarif State in eastern Sudan.",
     ("Kassala", "locatedIn", "Sudan")),
    ("Ann Blake grew up in Kassala in Gadarif State in eastern Sudan.",
     ("Ann Blake", "livesIn", "Sudan")),
    # a person "is from" a place; a copula's noun before which a place stands
    ("Everyone here knows that Ann Blake is from Bay City, Mich., a nice place.",
     ("Ann Blake", "livesIn", "Bay City")),
    ("Tom Vell is a Dover native who was hired by the bank.", ("Tom Vell", "livesIn", "Dover")),
    ("Tom Vell was a Boston lawyer before he moved west.", ("Tom Vell", "livesIn", "Boston")),
    # a place noun that names a place with "of", owned by the place it is in
    ("Rebels shelled Sudan's eastern province of Kassala on Monday.",
     ("Kassala", "locatedIn", "Sudan")),
    ("The storm hit Japan's northernmost island of Hokkaido.",
     ("Hokkaido", "locatedIn", "Japan")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)


def test_sentence_gives_fact(extract, text, expected):
    assert expected in triples(extract(text))


@pytest.mark.parametrize(("text", "wrong"), [
    # a list of places is no chain of places
    ("Exports from France, Germany and Italy rose.", ("France", "locatedIn", "Germany")),
    ("Exports from France, Germany and Italy rose.", ("Germany", "locatedIn", "Italy")),
    ("Asimo has visited the UK, Germany, the Czech Republic, France and Ireland.",
     ("UK", "locatedIn", "Germany")),
    ("Asimo has visited the UK, Germany, the Czech Republic, France and Ireland.",
     ("Czech Republic", "locatedIn", "France")),
    ("Exports from France, Germany and Italy, Spain and Greece rose.",
     ("France", "locatedIn", "Germany")),
    # a list of "in" phrases is no aside
    ("Prices rose in Paris, in Lyon, and in Nice.", ("Paris", "locatedIn", "Lyon")),
    # two places that the parser does not hang on each other
    ("In London, Paris is seen as a rival.", ("London", "locatedIn", "Paris")),
    # a country is not an employer, and a nationality is not one either
    ("Jane Roe, the president of France, met Tom Pell.", ("Jane Roe", "worksFor", "France")),
    ("Jane Roe is the French president.", ("Jane Roe", "worksFor", "French")),
    # a home state is the person's, not a place the state is in
    ("With Texas being Ann Blake's home state, she won.", ("Texas", "locatedIn", "Ann Blake")),
    # a product is made somewhere, not based there
    ("Reporters compared it with Germany's latest AI model Z9.", ("Z9", "locatedIn", "Germany")),
    # a company "in" a country is where it does business
    ("Sales of Hooli Corp in India rose sharply.", ("Hooli Corp", "locatedIn", "India")),
    # where a person was is not where she lives
    ("Tom Pell met Jane Roe in Paris.", ("Jane Roe", "livesIn", "Paris")),
    ("Tom Pell met Jane Roe in Paris.", ("Jane Roe", "locatedIn", "Paris")),
    # a company's home is where it is based, and "from" says nothing of a group's home
    ("Hooli has its home in Leeds.", ("its", "livesIn", "Leeds")),
    ("A delegation from France arrived.", ("delegation", "livesIn", "France")),
    ("Tom Vell was a young actor from Broadway when he arrived.",
     ("Tom Vell", "livesIn", "Broadway")),
    # "from" a place said of the nearer of two people, whatever the parser hung it on
    ("Spanish pair Marco Ruiz from Real Vellosa and Pablo Serra from Barcelona signed "
     "five-year contracts with Dunmore on Friday.", ("Marco Ruiz", "livesIn", "Barcelona")),
    # a country "in" a country is where it acts, not where it is
    ("The war waged by Russia in Ukraine goes on.", ("Russia", "locatedIn", "Ukraine")),
    # a legal form, and a name the recogniser reads across a possessive
    ("Petroleos de Venezuela, S.A. signed a letter of intent with Agip.",
     ("Petroleos de Venezuela", "locatedIn", "S.A.")),
    ("Surprisingly, the People's Republic of China is the most successful competitor.",
     ("Republic of China", "locatedIn", "People")),
    # a person's surname the recogniser took for a place
    ("Said Kurt Barnard, president of Barnard's Retail Consulting Group.",
     ("Retail Consulting Group", "locatedIn", "Barnard")),
    # one word taken for a person may be a company: no claim it is a person
    ("The Japanese, Koreans and Ericsson of Sweden are backing DMB.",
     ("Ericsson", "livesIn", "Sweden")),
    # a description that is no clause subject may point at another company of the story
    ("Hooli agreed to acquire the Sunnyvale, Calif., defense electronics firm.",
     ("defense electronics firm", "locatedIn", "Sunnyvale")),
    # a copula's noun says what the subject is only when it names its class
    ("Tom Vell is a Texas fan.", ("Tom Vell", "livesIn", "Texas")),
    ("Brelmark is Germany's only nickel producer.", ("Brelmark", "livesIn", "Germany")),
    # a heading before a colon is not the subject of the verb after it
    ("Today's Highlight in History: On Jan. 8, 1935, singer Tom Vessel was born in Brenton.",
     ("Highlight", "bornIn", "Brenton")),
    # a quoted title the parser coordinated with the subject was not born
    ('In 1783, Tom Vessel, author of "Rip Tarrow" and "The Legend of Quill Hollow," was born '
     "in Dover.", ("Legend of Quill Hollow", "bornIn", "Dover")),
    # a place is not said to be in another when it is denied
    ("Port Tarrow is not in Kassala province.",
     ("Port Tarrow", "locatedIn", "Kassala province")),
    # denying a murder is not committing it
    ("Ann Blake denied the murder of Karl Dunn.", ("Ann Blake", "killed", "Karl Dunn")),
    # a town and its region before a noun say where the noun's thing is: no description
    ("The Tarrow Hills, California, company on Thursday announced that it reached an "
     "agreement with Quill.",
     ("Tarrow Hills", "description", "company")),
])


def test_sentence_does_not_give_fact(extract, text, wrong):
    assert wrong not in triples(extract(text))


def test_headquarters_of_a_pronoun_resolve_to_the_organization(vocab, extract):
    from kg.model import Document
    from kg.resolve import resolve

    text = "Hooli Systems sells routers. Hooli Systems has its headquarters in Leeds."
    resolution = resolve([(Document("test", "t.txt", text), extract(text))], vocab)
    facts = {(s.subject, s.predicate, s.object) for g in resolution.documents
             for s in g.statements}
    assert ("Hooli_Systems", "locatedIn", "Leeds") in facts


def test_nationality_names_a_place_the_resolver_types(vocab, extract):
    from kg.model import Document
    from kg.resolve import resolve

    text = "Swiss bank Ober will cut jobs."
    resolution = resolve([(Document("test", "t.txt", text), extract(text))], vocab)
    assert resolution.entities["Switzerland"].type == "Place"


def test_a_dateline_gives_its_place_and_stays_out_of_the_story(extract):
    found = extract("DAYTON, Ohio (AP) - Globex closed its plant on Monday.")
    assert ("Dayton", "locatedIn", "Ohio") in triples(found)
    story = [c.evidence.sentence for c in found.candidates if c.subject.text == "Globex"]
    assert story and all(not s.startswith(("DAYTON", "Dayton")) for s in story)


def test_a_dateline_alone_on_its_line_is_read(extract):
    assert ("Bangkok", "locatedIn", "Thailand") in triples(extract("BANGKOK, Thailand (AP)"))


def test_a_nationality_inside_a_name_gives_a_place_entity(vocab, extract):
    from kg.model import Document
    from kg.resolve import resolve

    text = "A special group from the Russian Defence Ministry has left Moscow."
    resolution = resolve([(Document("test", "t.txt", text), extract(text))], vocab)
    facts = {(s.subject, s.predicate, s.object) for g in resolution.documents
             for s in g.statements}
    assert ("Russian_Defence_Ministry", "locatedIn", "Russia") in facts
    assert resolution.entities["Russia"].type == "Place"


def test_a_company_noun_beside_a_person_describes_the_company_before_it(extract):
    found = triples(extract("Ivo Brant, chief of Hooli Therapeutics, a startup in Dover, said so."))
    assert ("Ivo Brant", "description", "startup") not in found
    assert ("Hooli Therapeutics", "description", "startup") in found


def test_the_subject_after_a_fronted_clause_is_not_set_off(extract):
    found = triples(extract("Explaining why the Vexa robot used wheels instead of feet, Ivo "
                            "Brant, from the Vexa lab, said so."))
    assert ("Ivo Brant", "description", "feet") not in found


def test_a_place_with_its_state_is_a_name_of_the_place(vocab, extract):
    from kg.model import Document
    from kg.resolve import resolve

    text = "Ann Blake was born in Dover, Del., in 1950."
    resolution = resolve([(Document("test", "t.txt", text), extract(text))], vocab)
    dover = resolution.entities["Dover"]
    assert dover.label == "Dover" and "Dover, Del." in dover.aliases


def test_a_company_town_and_a_native_place_are_typed_places(vocab, extract):
    from kg.model import Document
    from kg.resolve import resolve

    text = ("The rig, leased from Quillan Bourg Co. of Halstead, had left a worksite. "
            "Ruth Mandel, a Brenton native, sent a sweater.")
    resolution = resolve([(Document("test", "t.txt", text), extract(text))], vocab)
    assert resolution.entities["Halstead"].type == "Place"
    assert resolution.entities["Brenton"].type == "Place"


def test_a_name_ending_in_a_word_for_a_site_is_a_place(vocab, extract):
    from kg.model import Document
    from kg.resolve import resolve

    text = "Fans flew into Karl Berg Airport. Crowds filled the Peter Holm Stadium in Ostby."
    resolution = resolve([(Document("test", "t.txt", text), extract(text))], vocab)
    assert resolution.entities["Karl_Berg_Airport"].type == "Place"  # not the person
    assert resolution.entities["Peter_Holm_Stadium"].type == "Place"


def test_a_nationality_before_a_description_is_the_country_not_a_place_named_so(extract):
    found = triples(extract("Ana Ruiz won on Friday, beating Spanish eighth seed Tom Vela."))
    assert ("Tom Vela", "nationality", "Spain") in found
    assert not [t for t in found if t[1] == "livesIn"]


def test_a_nationality_opening_a_name_placed_elsewhere_is_no_location(extract):
    found = triples(extract("Police identified the man who attacked the Swiss Embassy in "
                            "Tarnow last month."))
    assert ("Swiss Embassy", "locatedIn", "Switzerland") not in found


def test_a_place_in_a_quoted_title_is_no_place(extract):
    found = triples(extract('"Vexa Traveler" rated Dovra the “Third Quietest Town in the '
                            'US” last year.'))
    assert not [t for t in found if t[1] == "locatedIn"]


def test_a_post_that_heads_or_owns_a_body_after_a_place_name_gives_no_home(extract):
    # a team's, a party's or a company's post (kg:ownerNoun), not where its holder lives
    found = triples(extract("Dover boss Tom Reed praised his players. Dover owner Ana Ruiz "
                            "said the club would grow. Atlanta businessman Ivo Brant sold it."))
    assert ("Ivo Brant", "livesIn", "Atlanta") in found
    assert not [t for t in found if t[1] == "livesIn" and t[0] in ("Tom Reed", "Ana Ruiz")]


@pytest.mark.parametrize("text", [
    "Ministers of the five nations (Italy, Britain, France, Germany, Spain) met in Vexford.",
    "The firm has offices in Paris, London, Rome, Berlin and Vexford.",
    "Offices in Paris, London, Rome, Berlin opened.",
])
def test_names_behind_commas_without_and_can_be_a_list_not_a_chain(extract, text):
    # three countries or more (none is inside another), or four names of no state written short
    assert not [t for t in triples(extract(text)) if t[1] == "locatedIn"], text


def test_a_possessor_inside_a_phrase_set_beside_a_name_is_another_thing(extract):
    # the firm whose acquisition it is, not the name beside the phrase, is in New York
    found = triples(extract("Vexa Partners Inc. is leading a buyout of a supplier from "
                            "France's Tarlo SA, the New York-based firm's third European "
                            "acquisition this year."))
    assert ("Tarlo SA", "locatedIn", "France") in found
    assert ("Tarlo SA", "locatedIn", "New York") not in found


def test_a_place_owning_a_person_a_name_modifies_is_not_where_the_name_is(extract):
    found = triples(extract("Ruritania's Vexa Union ambassador, Jo Park, hopes for a vote. "
                            "Hikers love California's Sierra Vexa foothills."))
    assert ("Sierra Vexa", "locatedIn", "California") in found
    assert not [t for t in found if t[0] == "Vexa Union" and t[1] == "locatedIn"]
@pytest.mark.parametrize("text", [
    "Vexa Air teamed up with Tarn Brewing Co., Orbis with Gale Island, Midwest with Kell "
    "Brewing, Quill Airways with Silver Fox Brewing, and Norda with Pellkeller for its lounges.",
])
def test_pairs_listed_alike_are_no_place_and_its_region(extract, text):
    # "A with B, C with D": the comma parts items of a list, not a name and its place
    assert not [t for t in triples(extract(text)) if t[1] == "locatedIn"]


def test_a_place_pair_before_a_preposition_stays(extract):
    assert ("Aiken", "locatedIn", "Texas") in triples(
        extract("Delegates met in Aiken, Texas in June."))


def test_a_person_of_a_country_is_of_its_nationality_not_living_there(extract):
    found = triples(extract("A tired Dario Vell of Argentina held off a charge from Tom Reed "
                            "to win in four sets."))
    assert ("Dario Vell", "nationality", "Argentina") in found
    assert not [t for t in found if t[1] == "livesIn"]
    found = triples(extract("Investor Dana Marsh of North Tolvik, Vt., said she holds 9 pct "
                            "of Orbis."))
    assert ("Dana Marsh", "livesIn", "North Tolvik") in found


@pytest.mark.parametrize("country", ["Costa Rica", "Liberia", "Sri Lanka", "Zambia"])
def test_every_country_of_the_world_has_its_demonym(extract, country):
    # a delegate "of" a small country is of its nationality too, as for the large ones
    found = triples(extract(f"The accord is unfair, delegate Anto Varel of {country} said."))
    assert ("Anto Varel", "nationality", country) in found
    assert not [t for t in found if t[1] == "livesIn"]


@pytest.mark.parametrize("text", [
    "Kempe, T., Kalwa, A., Vell, R., and R. Ostby.",
    "Kempe, T., Hooda, A., Vell, R., and R. Ostby.",
])
def test_authors_and_their_initials_are_no_places(extract, text):
    # a reference list: a capital letter alone is an initial, no place nor in one
    assert not [t for t in triples(extract(text)) if t[1] == "locatedIn"]


def test_a_country_is_in_a_continents_region(extract):
    # a country in another country is rather where it acts; in a continent's region, it is in
    # it (a country the ontology knows, whatever its size)
    found = triples(extract("A plane which vanished over Mali in West Africa has crashed."))
    assert ("Mali", "locatedIn", "West Africa") in found


def test_works_named_in_a_country_are_there(extract):
    # a company "in India" does business there; a project built there is there
    found = triples(extract("Another accord on the Tavanti Hydroelectric Project in Myanmar "
                            "was signed."))
    assert ("Tavanti Hydroelectric Project", "locatedIn", "Myanmar") in found


@pytest.mark.parametrize("text", [
    "Orvik recently launched its Orvik iTunes Store in Canada.",
    "Sales at the firm T-Mobile in Britain grew.",
])
def test_a_company_named_in_a_country_is_no_works(extract, text):
    assert not [t for t in triples(extract(text)) if t[1] == "locatedIn"]


def test_a_name_before_a_list_of_places_is_in_none_of_them(extract):
    found = triples(extract("The number of people infected by Kavara in Liberia, Ghana and "
                            "Guinea has passed 2,000."))
    assert not [t for t in found if t[1] == "locatedIn"]


@pytest.mark.parametrize(("text", "fact"), [
    ("The tour visits Vexton in Ruritania and Dunmore in Borduria.",
     ("Vexton", "locatedIn", "Ruritania")),
    # a town the gazetteer knows is in the first of the list
    ("Shops in Lyon in France, Spain and Italy closed.", ("Lyon", "locatedIn", "France")),
    # two places may share a thing across their border
    ("Output of the Kavara Field in Ruritania and Borduria fell.",
     ("Kavara Field", "locatedIn", "Ruritania")),
])
def test_a_place_in_a_place_before_another_pair_or_a_known_town_stays(extract, text, fact):
    assert fact in triples(extract(text))


@pytest.mark.parametrize("text", [
    "Moldova's Anya Petrenko became the fastest woman to qualify for the final.",
    "Latvia' Olena Kravchenko won her heat on Friday.",
    "Latvia's envoy Jo Varga met bankers.",
    # a country's honour or post before a name, set off by commas
    "Latvia's Nobel laureate, Jo Varga, opened the conference on Friday.",
    "Latvia's chess champion, Jo Varga, won again on Sunday.",
])
def test_a_person_a_country_owns_is_of_its_nationality_not_living_there(extract, text):
    found = triples(extract(text))
    assert [t for t in found if t[1] == "nationality"]
    assert not [t for t in found if t[1] in ("livesIn", "locatedIn")]


def test_a_nickname_with_a_nationality_is_no_body_of_that_country(extract):
    found = triples(extract("The old house belonged to Ivo Marek, a beloved crooner known as "
                            "the Latvian Elvis."))
    assert not [t for t in found if t[1] == "locatedIn"]
    found = triples(extract("The Afghan Telecom Corporation said sales rose."))
    assert ("Afghan Telecom Corporation", "locatedIn", "Afghanistan") in found


def test_a_person_a_town_owns_lives_there(extract):
    assert ("Jo Varga", "livesIn", "Dover") in triples(extract("Dover's Jo Varga opened a "
                                                                "bakery."))


@pytest.mark.parametrize(("text", "country"), [
    ("U.S. Ambassador Jo Varga met the minister on Monday.", "U.S."),
    ("Ambassador Jo Varga of Latvia met the minister.", "Latvia"),
    ("Jo Varga, the ambassador of Latvia, met the minister.", "Latvia"),
])
def test_an_envoy_is_of_the_country_he_serves_not_living_there(extract, text, country):
    found = triples(extract(text))
    assert ("Jo Varga", "nationality", country) in found
    assert not [t for t in found if t[1] == "livesIn"]


def test_an_office_at_home_still_gives_a_home(extract):
    assert ("Jo Varga", "livesIn", "Texas") in triples(extract("Texas Gov. Jo Varga signed "
                                                                "the bill."))


@pytest.mark.parametrize("text", [
    "Jo Varga, a trader based in Dover, said prices fell.",
    "Jo Varga, an analyst based in Dover, said prices fell.",
])
def test_a_person_based_somewhere_lives_there_and_is_located_nowhere(extract, text):
    found = triples(extract(text))
    assert ("Jo Varga", "livesIn", "Dover") in found
    assert not [t for t in found if t[1] == "locatedIn"]


def test_a_company_based_somewhere_is_located_there(extract):
    found = triples(extract("Vexa Corp, based in Dover, makes pumps."))
    assert ("Vexa Corp", "locatedIn", "Dover") in found


@pytest.mark.parametrize(("text", "town"), [
    ("OWL CREEK VILLAGE, ILL., March 2 - Vexa Corp said it sold a unit.", "Owl Creek Village"),
    ("DEER PARK, Texas, March 2 - Vexa Corp said it sold a unit.", "Deer Park"),
])
def test_a_datelines_town_is_whole_from_its_first_word(extract, text, town):
    found = triples(extract(text))
    assert [t for t in found if t[0] == town and t[1] == "locatedIn"]
    assert not [t for t in found if t[1] == "locatedIn" and t[0] != town]


def test_a_building_a_country_owns_is_no_person_of_its_nationality(extract):
    found = triples(extract("A humble church has something Latvia's glorious Riga Cathedral "
                            "cannot match."))
    assert not [t for t in found if t[1] == "nationality"]


@pytest.mark.parametrize("text", [
    "Ruritania's most feared rebel commander Abu Varga was killed on Monday.",
    "Ruritania's best known lawyer Jo Varga said he would appeal.",
])
def test_a_person_a_country_ranks_first_is_of_no_country_and_lives_nowhere(extract, text):
    """A superlative ranks a person among those the country has; a foreigner may head it."""
    found = triples(extract(text))
    assert not [t for t in found if t[1] in ("nationality", "livesIn")]
    assert [t for t in triples(extract("Ruritania's Prime Minister Jo Varga said he would "
                                       "appeal.")) if t[1] == "livesIn"]


def test_a_name_the_recogniser_missed_goes_on_with_its_place(extract):
    """"Meal Share of Dover County" is one name: no "Meal Share" in Dover County."""
    found = triples(extract("The city gave a grant to Meal Share of Dover County last week."))
    assert not [t for t in found if t[1] == "locatedIn" and t[0] == "Meal Share"]
    assert ("Jane Roe", "livesIn", "Dover") in triples(extract(
        "Jane Roe of Dover said she was pleased."))
