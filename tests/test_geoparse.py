"""The geoparser, specified on the seed article's sentences and on news-style sentences."""
from __future__ import annotations

import pytest
from geopy.location import Location

from pipeline import geoparse
from pipeline.documents import read_document
from pipeline.gazetteer_geocoder import GazetteerGeocoder


def places(text: str) -> list[tuple[str, str, str]]:
    """(mention, canonical name, country code) for each toponym found."""
    return [(t.text, t.name, t.country_code) for t in geoparse(text)]


def test_offsets_point_at_the_mention_in_text_order():
    text = "The first was Australia, which banned its use. The same measure was later announced by South Korea."
    found = geoparse(text)
    assert [text[t.start:t.end] for t in found] == ["Australia", "South Korea"]
    assert [t.text for t in found] == ["Australia", "South Korea"]


def test_china_mobile_is_a_company_not_mobile_alabama():
    text = "the three main operators (China Mobile, China Telecom, and China Unicom) integrated it."
    assert places(text) == []


def test_jack_ma_and_liang_wenfeng_are_people_even_when_named_alone_later():
    text = ("It would not have been possible if Liang Wenfeng (40 years old) had not been blessed. "
            "Liang shared the stage with China's tech guru, Jack Ma, founder of Alibaba.")
    assert places(text) == [("China", "China", "CN")]


def test_washington_negotiators_are_washington_dc():
    text = "the trade truce reached between Beijing and Washington negotiators."
    found = {t.text: t for t in geoparse(text)}
    assert found["Washington"].geonameid == 4140963
    assert found["Washington"].kind == "metonym"
    assert found["Beijing"].geonameid == 1816670


def test_fuzhou_in_an_article_about_china_is_the_one_in_fujian():
    text = ("In the courts of Beijing, judicial officials use it. In Fuzhou, in the southeast, "
            "hospitals use it. And in the town of Nanchang, courts have turned to it.")
    found = {t.text: t.geonameid for t in geoparse(text)}
    assert found == {"Beijing": 1816670, "Fuzhou": 1810821, "Nanchang": 1800163}


@pytest.mark.parametrize("sentence, demonym, code", [
    ("the popular Chinese AI model", "Chinese", "CN"),
    ("the dominance of American giants", "American", "US"),
])
def test_demonyms_are_country_mentions_of_kind_demonym(sentence, demonym, code):
    (found,) = geoparse(sentence)
    assert (found.text, found.country_code, found.place_type, found.kind) == (
        demonym, code, "country", "demonym")


@pytest.mark.parametrize("sentence, mention, name, place_type", [
    ("Factories in Guangdong reopened.", "Guangdong", "Guangdong", "region"),
    ("Officials in the U.S. disagreed.", "U.S.", "United States", "country"),
    ("Russia's envoy left.", "Russia", "Russia", "country"),
    ("Recently, the Czech Republic prohibited the use.", "Czech Republic", "Czechia", "country"),
    ("In Europe, Italy blocked access.", "Europe", "Europe", "supranational"),
    ("A fire in Rapides Parish was investigated.", "Rapides Parish", "Rapides Parish", "district"),
])
def test_news_names_resolve_to_their_kind_of_place(sentence, mention, name, place_type):
    found = geoparse(sentence)[0]
    assert (found.text, found.name, found.place_type) == (mention, name, place_type)


def test_a_sentence_final_period_is_not_part_of_the_mention():
    (found,) = geoparse("In Europe, authorities blocked access in Italy.")[1:]
    assert found.text == "Italy"


def test_the_seed_article_names_only_its_places(seed_path):
    found = geoparse(read_document(seed_path).text)
    names = {t.name for t in found}
    assert names == {"Shenzhen", "China", "Beijing", "Fuzhou", "Kunshan", "Meizhou", "Nanchang",
                     "Asia", "United States", "Washington", "Hangzhou", "Australia",
                     "South Korea", "India", "Europe", "Italy", "Czechia"}
    assert {t.geonameid for t in found if t.name == "Nanchang"} == {1800163}


def test_a_passed_geocoder_places_each_unique_name_once():
    class Recording:
        def __init__(self):
            self.queries = []

        def geocode(self, query, exactly_one=True, country_codes=None):
            self.queries.append((query, country_codes))
            return Location(query, (1.5, 2.5), {})

    geocoder = Recording()
    found = geoparse("Italy blocked it. Later Italy fined it.", geocoder=geocoder)
    assert geocoder.queries == [("Italy", "it")]
    assert [(t.lat, t.lon) for t in found] == [(1.5, 2.5), (1.5, 2.5)]


def test_a_geocoder_without_an_answer_leaves_the_gazetteer_point():
    class Empty:
        def geocode(self, query, exactly_one=True, country_codes=None):
            return None

    (found,) = geoparse("Italy blocked it.", geocoder=Empty())
    # within half a degree of GeoNames' own point for Italy (42.83, 12.83)
    assert abs(found.lat - 42.83) < 0.5 and abs(found.lon - 12.83) < 0.5


def test_the_gazetteer_answers_as_a_geopy_geocoder():
    location = GazetteerGeocoder().geocode("Hangzhou")
    assert isinstance(location, Location)
    assert (round(location.latitude, 1), round(location.longitude, 1)) == (30.3, 120.2)
    assert location.raw["geonameid"] == 1808926


def test_the_gazetteer_geocoder_keeps_to_the_country_it_is_given():
    location = GazetteerGeocoder().geocode("Paris", country_codes="us")
    assert location.raw["country_code"] == "US"
    assert GazetteerGeocoder().geocode("Nowhere-at-all-town") is None


def test_a_place_named_in_its_institution_stays_a_place():
    found = geoparse("A spokesman for the Huntsville Fire Department said the blaze was out.")
    assert [t.text for t in found] == ["Huntsville"]


def test_a_town_name_before_said_is_a_person_for_the_whole_article():
    text = "“We were called at ten,” Nelson said. Nelson added that Moscow said nothing."
    assert places(text) == [("Moscow", "Moscow", "RU")]


def test_a_town_glued_to_an_everyday_word_is_dropped_only_there():
    text = "Oxford Crown Court heard the case on Monday. She lived in Oxford until 2008."
    assert [(t.text, t.start) for t in geoparse(text)] == [("Oxford", text.rindex("Oxford"))]


def test_a_big_city_before_a_weekday_is_the_city():
    assert places("Light snow will reach Toronto Saturday night.") == [
        ("Toronto", "Toronto", "CA")]


def test_a_two_word_demonym_is_a_country_mention():
    (found, _) = geoparse("Sri Lankan officials met in Colombo.")
    assert (found.text, found.country_code, found.kind) == ("Sri Lankan", "LK", "demonym")


def test_georgia_in_an_atlanta_story_is_the_us_state():
    text = ("ATLANTA - Gov. Sonny Perdue said Georgia would cut spending. "
            "Lawmakers in Atlanta and Savannah agreed.")
    found = {t.text: t for t in geoparse(text)}
    assert (found["Georgia"].geonameid, found["Georgia"].place_type) == (4197000, "region")


def test_london_in_a_story_about_ontario_is_london_ontario():
    text = ("London police said the crash closed Highbury Avenue. "
            "Middlesex County and Ontario officials said the road reopened.")
    assert geoparse(text)[0].geonameid == 6058560


def test_paris_beside_a_county_of_several_states_and_texas_is_paris_texas():
    text = ("Paris police said the crash happened near the county line. "
            "Lamar County deputies and Texas troopers closed the road.")
    assert [(t.text, t.country_code) for t in geoparse(text)] == [
        ("Paris", "US"), ("Lamar County", "US"), ("Texas", "US")]
    assert geoparse(text)[0].geonameid == 4717560  # Paris, Texas


def test_the_country_alone_in_a_text_is_still_the_country():
    (found,) = geoparse("Officials in Georgia said the border with Russia was calm.")[:1]
    assert (found.country_code, found.place_type) == ("GE", "country")


@pytest.mark.parametrize("sentence, mention", [
    ("Troops from Bosnia and Herzegovina arrived.", "Bosnia and Herzegovina"),
    ("Flights to the Isle of Man resumed on Monday.", "Isle of Man"),
])
def test_a_name_spans_its_connectors(sentence, mention):
    assert [t.text for t in geoparse(sentence)] == [mention]


def test_a_second_reading_of_a_text_gives_the_same_places():
    text = "Officials in Paris, Texas, met Beijing negotiators. Paris later agreed."
    assert geoparse(text) == geoparse(text)


def test_a_name_after_al_hyphen_is_part_of_a_persons_name():
    assert places("Cleric Moqtada al-Sadr spoke in Najaf.") == [("Najaf", "Najaf", "IQ")]


def test_breakaway_regions_and_their_capital_are_found():
    text = ("Russia recognised South Ossetia and Abkhazia after shelling hit Tskhinvali, "
            "while envoys to Darfur waited.")
    assert [t.text for t in geoparse(text)] == [
        "Russia", "South Ossetia", "Abkhazia", "Tskhinvali", "Darfur"]


def test_silicon_valley_is_a_place_in_california():
    (found,) = geoparse("Start-ups in Silicon Valley rushed to adopt the model.")
    assert (found.text, found.country_code) == ("Silicon Valley", "US")


def test_a_party_named_for_a_region_is_not_the_region():
    assert places("The attack bore the hallmarks of the Kurdistan Workers Party.") == []


@pytest.mark.parametrize("sentence", [
    "Korea Hydro & Nuclear Power said on Monday it would deploy the chatbot at its reactors.",
    "The Bank of East Asia said it had blocked the app on staff phones.",
    "Saudi Aramco has barred employees from using the chatbot.",
])
def test_a_firm_named_for_a_country_or_continent_is_not_a_place(sentence):
    assert places(sentence) == []


def test_a_banks_hometown_stays_a_place():
    assert places("The Bank of Canada said it would study the model.") == [
        ("Canada", "Canada", "CA")]


@pytest.mark.parametrize("sentence, kept", [
    ("Russian President Vladimir Putin said the ban would stand.", ["Russian"]),
    ("Police Lt. Paul Henderson said the suspect fled.", []),
    ("The museum hosts a talk by Mrs. Lincoln on Saturday.", []),
    ("Miss Ohio will compete in Mansfield in June.", ["Ohio", "Mansfield"]),
])
def test_a_name_after_a_persons_title_is_a_persons(sentence, kept):
    assert [t.text for t in geoparse(sentence)] == kept


def test_stanford_beside_california_is_the_californian_stanford():
    found = {t.text: t for t in geoparse("Researchers at Stanford in California tested the tool.")}
    assert (found["Stanford"].geonameid, found["California"].place_type) == (5398563, "region")


def test_an_everyday_word_naming_a_small_municipality_is_not_a_place():
    found = geoparse("Apple removed DeepSeek from its App Store in Italy.")
    assert [(t.text, t.name) for t in found] == [("Italy", "Italy")]
