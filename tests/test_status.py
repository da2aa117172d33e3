"""Status, sector, actor and scope of each place mention, specified on news sentences."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import classified, statuses
from pipeline.config import load_config


def rows_for(text: str, config, place: str):
    return [r for r in classified(text, config) if r.place == place]


def test_the_same_measure_inherits_the_previous_ban_with_its_sector_and_scope(config):
    text = ("Several countries began scrutinizing the Chinese assistant. The first was Australia, "
            "which banned its use on all government devices. The same measure was later "
            "announced by South Korea.")
    (korea,) = rows_for(text, config, "South Korea")
    (australia,) = rows_for(text, config, "Australia")
    assert (korea.status, korea.scope) == ("banned", "government devices")
    assert (korea.sector, korea.scope) == (australia.sector, australia.scope)
    assert "government" in korea.sector.split("|")


def test_a_continent_framing_a_country_is_only_mentioned(config):
    text = "DeepSeek drew scrutiny abroad. In Europe, Italy blocked access."
    assert statuses(text, config) == {"Europe": {"mentioned"}, "Italy": {"banned"}}


@pytest.mark.parametrize("sentence", [
    "Germany has not banned DeepSeek.",
    "There is no official ban on DeepSeek in Germany.",
    "Germany never blocked DeepSeek.",
])
def test_a_negated_ban_is_no_ban(sentence, config):
    assert statuses(sentence, config) == {"Germany": {"mentioned"}}


@pytest.mark.parametrize("sentence", [
    "Germany is weighing a ban on DeepSeek.",
    "Lawmakers in Germany proposed legislation to ban DeepSeek on state devices.",
    "Germany could ban DeepSeek, officials said.",
])
def test_a_hedged_measure_is_being_considered(sentence, config):
    assert statuses(sentence, config) == {"Germany": {"considering"}}


def test_reported_speech_keeps_the_measure(config):
    text = "Officials said that Taiwan banned DeepSeek in government agencies last week."
    assert statuses(text, config) == {"Taiwan": {"banned"}}


def test_a_capital_standing_for_its_government_adopts_nothing(config):
    text = ("DeepSeek, like all Chinese tech firms, is legally obligated to cooperate with "
            "Beijing's requests. Chip shipments resumed after the truce between Beijing and "
            "Washington negotiators, and DeepSeek is used widely.")
    found = statuses(text, config)
    assert found["Beijing"] == {"mentioned"} and found["Washington"] == {"mentioned"}


@pytest.mark.parametrize("sentence", [
    "The company, headquartered in Hangzhou, does not respond to interview requests.",
    "The Hangzhou-based company released DeepSeek in January.",
])
def test_the_makers_home_is_its_headquarters(sentence, config):
    assert statuses(sentence, config)["Hangzhou"] == {"headquarters"}


def test_a_ban_of_another_technology_is_not_a_ban_of_the_tracked_one(config):
    text = "DeepSeek grew fast this year. Montana banned TikTok on personal devices."
    assert statuses(text, config) == {"Montana": {"mentioned"}}


def test_a_dateline_is_only_mentioned(config):
    text = "NEW YORK (AP) — Italy blocked DeepSeek on Tuesday."
    assert statuses(text, config) == {"NEW YORK": {"mentioned"}, "Italy": {"banned"}}


def test_a_company_named_after_a_place_is_an_actor_not_a_place(config):
    text = ("DeepSeek spread throughout China, with police and the three operators (China "
            "Mobile, China Telecom, and China Unicom) integrating it into their services.")
    rows = rows_for(text, config, "China")
    assert [r.status for r in rows] == ["adopted"]
    assert "Mobile" not in statuses(text, config)


def test_a_country_named_by_its_demonym_takes_its_sentences_status(config):
    text = "Chinese local governments began integrating DeepSeek models into their services."
    (china,) = rows_for(text, config, "Chinese")
    assert (china.country_code, china.kind, china.status) == ("CN", "demonym", "adopted")
    assert "government" in china.sector.split("|")
    assert china.actor == "local governments"


def test_a_sentence_repeated_word_for_word_gives_its_rows_once(config):
    sentence = "In Europe, Italy blocked DeepSeek. "
    assert len(rows_for(sentence * 2 + "Italy fined the firm.", config, "Italy")) == 2


@pytest.mark.parametrize("sentence, place, status, sector", [
    ("The police in Shenzhen, China's mega technological hub, use DeepSeek to analyze videos.",
     "Shenzhen", "adopted", "police"),
    ("In the courts of Beijing, judicial officials have been using the R1 model of DeepSeek.",
     "Beijing", "adopted", "courts"),
    ("In India, authorities warned that the application could pose risks.",
     "India", "warned", "government"),
    ("South Korea suspended new downloads of DeepSeek from app stores.",
     "South Korea", "restricted", ""),
])
def test_each_cue_gives_its_status_and_sector(sentence, place, status, sector, config):
    (row,) = rows_for(sentence, config, place)
    assert row.status == status
    assert sector in row.sector.split("|") if sector else True
    assert row.evidence == sentence and row.subject == "DeepSeek"


def test_a_users_configuration_tracks_another_technology(tmp_path: Path):
    own = tmp_path / "tiktok.toml"
    own.write_text('[[technologies]]\nname = "TikTok"\naliases = ["TikTok", "the video app"]\n'
                   '[cues]\nbanned = ["banned"]\n', encoding="utf-8")
    text = "Italy banned DeepSeek. Montana banned TikTok on personal devices."
    assert statuses(text, load_config(own)) == {"Montana": {"banned"}, "Italy": {"mentioned"}}
    assert statuses(text, load_config()) == {"Montana": {"mentioned"}, "Italy": {"banned"}}
