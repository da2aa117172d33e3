"""Status on wire-news sentences beyond the seed: each test one sentence and one expectation."""
from __future__ import annotations

import pytest

from conftest import classified, statuses


def row_for(text: str, config, place: str, status: str):
    (row,) = [r for r in classified(text, config)
              if r.place == place and r.status == status]
    return row


@pytest.mark.parametrize("sentence, place, status", [
    ("Germany's data protection commissioner asked Apple and Google to remove DeepSeek from "
     "their app stores.", "Germany", "restricted"),
    ("India's finance ministry advised its employees against using DeepSeek on office "
     "computers.", "India", "warned"),
    ("Two U.S. lawmakers introduced a bill that would ban DeepSeek on federal devices.",
     "U.S.", "considering"),
    ("In China, Alibaba Cloud and Tencent Cloud began hosting DeepSeek.", "China", "adopted"),
    ("Ireland's Data Protection Commission wrote to DeepSeek requesting information about its "
     "data practices.", "Ireland", "considering"),
    ("DeepSeek's app was no longer available in Italy's app stores on Thursday.",
     "Italy", "restricted"),
])
def test_wire_phrasings_give_their_status(sentence, place, status, config):
    assert statuses(sentence, config)[place] == {status}


def test_a_similar_order_carries_the_previous_ban(config):
    text = ("Texas banned DeepSeek on state-issued devices on Tuesday. Virginia signed a similar "
            "order days later.")
    assert statuses(text, config)["Virginia"] == {"banned"}


def test_state_issued_devices_are_government_devices(config):
    text = "Texas Governor Greg Abbott banned DeepSeek from state-issued devices."
    assert row_for(text, config, "Texas", "banned").scope == "government devices"


def test_a_capitalised_navy_is_the_military_sector(config):
    text = "The U.S. Navy has warned its members not to use DeepSeek in any capacity."
    assert row_for(text, config, "U.S.", "warned").sector.split("|") == ["military"]


def test_a_hospital_named_as_such_is_the_health_sector(config):
    text = "In Shanghai, Ruijin Hospital launched a pathology model built on DeepSeek."
    assert row_for(text, config, "Shanghai", "adopted").sector == "health"


@pytest.mark.parametrize("text, place, expected", [
    ("Singapore's digital ministry said there was no reason for a ban on DeepSeek.",
     "Singapore", {"mentioned"}),
    ("Germany did not ban DeepSeek but warned against it.", "Germany", {"warned"}),
    ("Canada has banned TikTok on government devices, but it has not restricted DeepSeek.",
     "Canada", {"mentioned"}),
    ("Texas banned DeepSeek on state devices. Lawmakers in Iowa are considering whether to do "
     "the same.", "Iowa", {"considering"}),
    ("Existing users in South Korea can still use DeepSeek.", "South Korea", {"mentioned"}),
    ("Regulators in Singapore warned banks to assess the risks of DeepSeek.",
     "Singapore", {"warned"}),
    ("South Korea on Thursday joined Australia and Taiwan in blocking DeepSeek.",
     "South Korea", {"banned"}),
    ("Microsoft made DeepSeek available in data centres in the United States and Europe.",
     "Europe", {"adopted"}),
    ("DeepSeek, which is based in Hangzhou in eastern China, was founded in 2023.",
     "China", {"headquarters"}),
    ("Analysts in Shanghai said DeepSeek could pressure Tesla, which relies on its own software.",
     "Shanghai", {"mentioned"}),
    ("DeepSeek, the startup that rattled markets in London, was banned in Taiwan.",
     "London", {"mentioned"}),
    ("SEOUL, Feb 17 (Reuters) - South Korea suspended downloads of DeepSeek.",
     "SEOUL", {"mentioned"}),
    ("DeepSeek grew fast. Markets fell. Investors sold. The Hangzhou-based startup's rise "
     "rattled them.",
     "Hangzhou", {"headquarters"}),
])
def test_each_place_gets_what_its_sentence_says_of_it(text, place, expected, config):
    assert statuses(text, config)[place] == expected


@pytest.mark.parametrize("text, place, expected", [
    ("South Korean police have cut off access to DeepSeek on their computers.",
     "South Korean", {"banned"}),
    ("In Japan, officials should refrain from using DeepSeek.", "Japan", {"warned"}),
    ("The European Commission said it had not received a request to ban DeepSeek across the "
     "European Union.", "European Union", {"mentioned"}),
    ("Saudi Aramco said it had deployed DeepSeek in its main data centre in Dhahran.",
     "Dhahran", {"adopted"}),
    ("NASA has blocked DeepSeek on its networks, according to a memo, joining the U.S. Navy in "
     "restricting the Chinese chatbot.", "U.S.", {"restricted"}),
    ("Amazon made DeepSeek available on its cloud, letting customers run it in data centres in "
     "the United States.", "United States", {"adopted"}),
    ("New South Wales told public servants to delete DeepSeek from work phones.",
     "New South Wales", {"banned"}),
    ("France is studying DeepSeek's privacy policy.", "France", {"considering"}),
    ("Microsoft, based in Redmond, said DeepSeek is popular with developers.",
     "Redmond", {"mentioned"}),
])
def test_second_round_phrasings_give_their_status(text, place, expected, config):
    assert statuses(text, config)[place] == expected


@pytest.mark.parametrize("text, place, expected", [
    ("Minnesota kept DeepSeek off its state networks.", "Minnesota", {"banned"}),
    ("In Canada, the app DeepSeek was removed from federal government phones.",
     "Canada", {"banned"}),
    ("Germany asked Apple to remove DeepSeek from its app store.", "Germany", {"restricted"}),
    ("South Korea's regulator paused new downloads of DeepSeek.", "South Korea", {"restricted"}),
    ("The Reserve Bank of India told lenders to seek approval before using DeepSeek.",
     "India", {"restricted"}),
    ("Doctors in Brazil were told to avoid using DeepSeek for diagnoses.", "Brazil", {"warned"}),
    ("Tennessee's attorney general opened an inquiry into DeepSeek.", "Tennessee",
     {"considering"}),
    ("Bucharest said it would hold a public consultation on DeepSeek.", "Bucharest",
     {"considering"}),
    ("Turkey's Turkcell has started offering DeepSeek to business customers.", "Turkey",
     {"adopted"}),
    ("Malaysia's Proton sells cars with a voice assistant running on DeepSeek.", "Malaysia",
     {"adopted"}),
    ("Qatar's telecom operator Ooredoo is in talks to host DeepSeek.", "Qatar", {"considering"}),
])
def test_third_round_phrasings_give_their_status(text, place, expected, config):
    assert statuses(text, config)[place] == expected


def test_a_school_issued_laptop_is_the_education_sector(config):
    text = "Wisconsin is weighing whether to block DeepSeek on school-issued laptops."
    assert "education" in row_for(text, config, "Wisconsin", "considering").sector.split("|")


@pytest.mark.parametrize("text, place, expected", [
    # A sentence that continues the topic: a far "the company" does not confine its cues.
    ("Germany cautioned against DeepSeek. The warning echoes advice issued last week by "
     "France's CNIL, which has also written several letters to the company.",
     "France", {"warned"}),
    ("Italy's Garante and Ireland's Data Protection Commission have both warned against "
     "DeepSeek.", "Italy", {"warned"}),
    ("Germany cautioned against DeepSeek, as did Ireland's Data Protection Commission, which "
     "has written to the company seeking details.", "Ireland", {"considering"}),
    ("France's CNIL and Ireland's Data Protection Commission, which has written to DeepSeek "
     "seeking details, declined to comment.", "France", {"mentioned"}),
    ("The use of DeepSeek has been prohibited on all devices of the Indian Army.",
     "Indian", {"banned"}),
    ("Hospitals in provinces from Guangdong to Sichuan have deployed DeepSeek.",
     "Guangdong", {"adopted"}),
    ("DeepSeek is everywhere. Toyota, based in Japan, uses its own software.",
     "Japan", {"mentioned"}),
])
def test_clause_and_list_structure_decides_the_place(text, place, expected, config):
    assert statuses(text, config)[place] == expected


def test_offering_no_comment_is_no_adoption(config):
    text = "DeepSeek, based in Hangzhou, offered no comment."
    assert statuses(text, config)["Hangzhou"] == {"headquarters"}


def test_a_list_ending_in_the_netherlands_shares_its_measure(config):
    text = "Belgium, Luxembourg and the Netherlands banned DeepSeek on government devices."
    assert statuses(text, config) == {"Belgium": {"banned"}, "Luxembourg": {"banned"},
                                      "Netherlands": {"banned"}}
