"""Extraction: pure rules over spaCy parses. ``Doc`` in, ``Extraction`` out; loads no model.

A story's names come first (``names``, ``mentions``) and vote on their classes across the
story (``story``); then the rules read them, one module per kind of evidence: ``clauses``
(verbs), ``descriptions`` (appositions, copulas, roles, possessives, acronyms), ...; ``run``
applies them all. This package
module itself imports nothing, so reading the version does not load spaCy.
"""

# Bumped whenever rules change, so cached extractions of unchanged documents are redone.
# 2: facts carry their time phrase; 3: the story's classes; 4: class hints name their noun
# 5: quotes, copies and the dates of documents (every stored graph is written again)
# 7: cues of how plainly a sentence states a fact; names, descriptions and purposes read anew
# 8: names, titles, places, datelines and former posts read anew (December 10)
# 9: descriptions, phrases with an ordinal, names cut at a title, names joined by hyphens; a
#    place's name before the kind of region it is ("Vexa state") says it in a hint's noun
# 10: "the Tarrow, Calif., company" describes no town
# 11: a post of one sacked or ousted, or who resigned with others, is a former one
# 12: a nationality the recogniser read into a person's name is no word of it
# 13: an attempt is possible, not planned; a city in capitals run into the first word
# 14: a deal approved is planned; a purchase's "from" names its seller; ordinals, glued
#     surnames and courts' districts in names; a place inside a title is the post's remit
# 15: what a thing of no class will do is a forecast, not a plan; datelines whose dash was
#     lost, an outlet before a dateline or credited by the headline
# 16: "Former" opening a sentence opens no name; a body "of" two fields joined by "and" is
#     one name; a spaced dash ends a phrase; a ranked post with "since", "ever" or an
#     infinitive is a record; a name before a list of places is in none of them
# 17: a person a country owns ("Ruritania's Ana Ruiz") or an envoy's country is a
#     nationality; "a trader based in" a place lives there; "chairman emeritus" whole, with
#     no employer; a post a past copula dates is no role; a ranked noun before an infinitive
#     does nothing; a named department of another body is no part it owns; a dateline's town
#     is whole from its first word ("Owl Creek Village, Ill.")
# 18: a name is not keyed by a nationality's word alone ("American Holdings Group")
# 19: a sentence's opening prepositional phrase sets nothing beside the subject after it;
#     a name heading a list is no apposition, nor one singled out ("especially the X"); a
#     title stops where a list or an aside breaks it; "calling X a thief" is no post; a post
#     after "after the resignation of" is a former one; "the law firm Ames, Hale and Reed" is
#     one firm; "Ruiz's Landing", recognised whole, is one name
# 20-21: a product's maker only where the story names it ("Halo 2" has none); an event's
#     title makes an event; a plural before one name is no post; an apposition that is the
#     next verb's subject describes nothing
# 22: a country's possessive before a person's post gives a nationality, not a home; a
#     surname the recogniser left after a given name joins it; a leaving that is a verb's
#     subject is done; a word glued by a hyphen is no title; an actor in brackets holds no
#     part's post; a description keeps "former" before hyphened words; "his latest, Reefs"
#     is not possessed; a rank with a participle after it is a record; a nickname's
#     nationality places nothing; an unknown camel-case "place" is none; "a Vexa bond
#     broker" is not Vexa; a purchase considered in a gerund is no deed; "Serie A leader X"
#     is a place in a table
# 23: "Vexa International" is not "Vexa Inc." (a name's key keeps the suffix); "Vexa
#     SA" and "Vexa Corp" are two companies; an event named after its sponsor is not it; a
#     firm's trade before its name is no post; a named remit before "at" is no employer; a
#     superlative before a post places no one; "taken over the direction of" buys nothing;
#     a name the recogniser missed goes on with its "of" and place; "the overnight leader"
#     is a place in a race, no post; a person's headquarters do not place him; "basketball
#     giant Jo Park" is no firm
# 24: a product line is no maker of its models where the story shows no firm of its name (a
#     suffix, a firm's noun, verb or possessive: kg:companyVerb); "along side coach" keeps
#     no "side"; a participle hyphened to a name ("Jo Park-controlled") is no word of it;
#     a name a firm's word or suffix ends holds no post; "the Dunmore No3 Upper School" is
#     one name; a craft named as crafts are ("SpaceShipOne"), with no firm's sign, is a product;
#     "the Runnin' Wolves" is one name; a rank read as a name ("Vice Adm.") holds no post
EXTRACTOR_VERSION = "24"
