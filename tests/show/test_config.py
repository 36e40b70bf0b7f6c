from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from audio_article.errors import ConfigError
from audio_article.schema import markdown_table
from audio_article.show.apple_categories import APPLE_CATEGORIES
from audio_article.show.config import SHOW_SCHEMA, load_show

BASE = """\
title = "Gazette Audio"
description = "Audio editions."
author = "Northfield Gazette"
owner_name = "Audio Desk"
owner_email = "audio@gazette.example"
link = "https://gazette.example"
base_url = "https://media.gazette.example/audio/"
"""


def _show_file(tmp_path: Path, extra: str = "", drop: str | None = None) -> Path:
    lines = [line for line in BASE.splitlines() if drop is None or not line.startswith(drop + " ")]
    path = tmp_path / "show.toml"
    path.write_text("\n".join([*lines, extra]) + "\n", encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(ConfigError) as caught:
        load_show(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message
    return message


def test_sample_show_has_every_key_and_loads() -> None:
    sample = SAMPLES / "show.toml"
    # store and media name servers; the sample shows them commented out, so it works without any.
    servers = {"store", "media"}
    assert (
        set(tomllib.loads(sample.read_text(encoding="utf-8")))
        == {s.key for s in SHOW_SCHEMA.settings} - servers
    )
    text = sample.read_text(encoding="utf-8")
    assert all(f"# {key} = " in text for key in servers)
    show = load_show(sample)
    assert (show.title, show.language, show.category, show.subcategory) == (
        "Gazette Audio",
        "en-GB",
        "News",
        "Daily News",
    )
    assert show.explicit is False and show.locked is True and show.show_type == "episodic"
    assert show.output_dir == (SAMPLES / "public").resolve()
    assert show.feed_url == "https://media.gazette.example/audio/feed.xml"


def test_defaults(tmp_path: Path) -> None:
    show = load_show(_show_file(tmp_path))
    assert (show.language, show.category, show.subcategory, show.explicit, show.locked) == (
        "en",
        "News",
        None,
        False,
        True,
    )
    assert show.feed_url == "https://media.gazette.example/audio/feed.xml"
    assert show.output_dir == (tmp_path / "output").resolve()


@pytest.mark.parametrize("key", ["explicit", "locked"])
@pytest.mark.parametrize("value", ['"no"', '"false"', '"yes"', '"true"', "0", "1", '""'])
def test_string_and_number_booleans_are_errors(tmp_path: Path, key: str, value: str) -> None:
    message = _error(_show_file(tmp_path, f"{key} = {value}"))
    assert f"'{key}' must be true or false, not {value.replace(chr(34), chr(39))}" in message


@pytest.mark.parametrize("value", [True, False])
def test_real_booleans_are_kept(tmp_path: Path, value: bool) -> None:
    text = str(value).lower()
    show = load_show(_show_file(tmp_path, f"explicit = {text}\nlocked = {text}"))
    assert show.explicit is value and show.locked is value


@pytest.mark.parametrize(
    "value,fragment",
    [
        ('"https://media.example/my audio/"', "no spaces"),
        ('"https://media.example/audio/?u=1"', "without a query"),
        ('"https://media.example/audio/#top"', "without a query"),
        ('"https://"', "with a host"),
        ('"ftp://media.example/"', "http(s) URL"),
        ('"media.example/audio/"', "http(s) URL"),
        ("42", "non-empty string"),
        ('""', "non-empty string"),
    ],
)
def test_bad_base_url(tmp_path: Path, value: str, fragment: str) -> None:
    message = _error(_show_file(tmp_path, f"base_url = {value}", drop="base_url"))
    assert "'base_url' must be" in message and fragment in message


@pytest.mark.parametrize(
    "key,value",
    [("link", '"gazette dot example"'), ("feed_url", '"https://"'), ("artwork", '"https://x y/c.jpg"')],
)
def test_bad_other_urls(tmp_path: Path, key: str, value: str) -> None:
    message = _error(_show_file(tmp_path, f"{key} = {value}", drop=key))
    assert f"'{key}' must be an http(s) URL" in message


@pytest.mark.parametrize("tag", ["en", "en-US", "pt-BR", "zh-Hant-TW", "es-419", "sr-Latn-RS", "de-CH-1996"])
def test_good_languages(tmp_path: Path, tag: str) -> None:
    assert load_show(_show_file(tmp_path, f'language = "{tag}"')).language == tag


@pytest.mark.parametrize("tag", ["English", "en_US", "e", "en-", "en US", " ", "english-us", "123"])
def test_bad_languages(tmp_path: Path, tag: str) -> None:
    assert "'language' must be a" in _error(_show_file(tmp_path, f'language = "{tag}"'))


def test_categories_follow_apples_list(tmp_path: Path) -> None:
    show = load_show(_show_file(tmp_path, 'category = "kids &  family"\nsubcategory = "parenting"'))
    assert (show.category, show.subcategory) == ("Kids & Family", "Parenting")
    message = _error(_show_file(tmp_path, 'category = "Newz"'))
    assert "'category' 'Newz' is not an Apple Podcasts category (did you mean 'News'?)" in message
    message = _error(_show_file(tmp_path, 'category = "News"\nsubcategory = "Tech"'))
    assert "'subcategory' 'Tech' is not an Apple subcategory of 'News'" in message and "Tech News" in message
    message = _error(_show_file(tmp_path, 'category = "History"\nsubcategory = "Daily News"'))
    assert "'History' has none" in message


def test_category_table_is_apples() -> None:
    assert len(APPLE_CATEGORIES) == 19
    # Apple lists 110 categories in all, top-level ones included.
    assert len(APPLE_CATEGORIES) + sum(len(subs) for subs in APPLE_CATEGORIES.values()) == 110
    assert "Tech News" in APPLE_CATEGORIES["News"] and APPLE_CATEGORIES["True Crime"] == ()


@pytest.mark.parametrize("value", ['"nobody"', '"a@b"', '"a b@c.example"', '"@c.example"', "[]"])
def test_bad_email(tmp_path: Path, value: str) -> None:
    assert "'owner_email' must be" in _error(
        _show_file(tmp_path, f"owner_email = {value}", drop="owner_email")
    )


def test_artwork_file_must_exist(tmp_path: Path) -> None:
    message = _error(_show_file(tmp_path, 'artwork = "missing.jpg"'))
    assert "'artwork' 'missing.jpg': no such file" in message
    (tmp_path / "cover.png").write_bytes(b"png")
    assert load_show(_show_file(tmp_path, 'artwork = "cover.png"')).artwork == str(tmp_path / "cover.png")
    url = "https://media.gazette.example/c.jpg"
    assert load_show(_show_file(tmp_path, f'artwork = "{url}"')).artwork == url


def test_type_and_other_values(tmp_path: Path) -> None:
    assert "'type' must be 'episodic' or 'serial', not 'weekly'" in _error(
        _show_file(tmp_path, 'type = "weekly"')
    )
    assert load_show(_show_file(tmp_path, 'type = "serial"')).show_type == "serial"
    assert "'copyright' must be a non-empty string, not 2025" in _error(
        _show_file(tmp_path, "copyright = 2025")
    )
    assert "'title' must be a non-empty string, not '  '" in _error(
        _show_file(tmp_path, 'title = "  "', drop="title")
    )


def test_unknown_and_missing_keys(tmp_path: Path) -> None:
    assert re.search(
        r"'titel' is not a known key \(did you mean 'title'\?\)", _error(_show_file(tmp_path, 'titel = "x"'))
    )
    assert "'colour' is not a known key" in _error(_show_file(tmp_path, 'colour = "red"'))
    assert "missing 'link'" in _error(_show_file(tmp_path, drop="link"))


def test_unreadable_show_files(tmp_path: Path) -> None:
    assert "no such file" in _error(tmp_path / "show.toml")
    bad = tmp_path / "show.toml"
    bad.write_text("title = [", encoding="utf-8")
    _error(bad)


def test_readme_table_is_the_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table(SHOW_SCHEMA) in readme, "run scripts/config-docs to refresh README.md"


def test_talking_books(tmp_path: Path) -> None:
    assert load_show(_show_file(tmp_path)).talking_books == ()
    assert load_show(_show_file(tmp_path)).edition_note is True
    show = load_show(_show_file(tmp_path, 'talking_books = ["daisy", "epub"]\nedition_note = false'))
    assert show.talking_books == ("daisy", "epub") and show.edition_note is False
    assert load_show(SAMPLES / "show.toml").talking_books == ("epub",)


@pytest.mark.parametrize(
    "value,fragment",
    [
        ('["pdf"]', "'talking_books' lists 'pdf'; talking books are 'epub' and 'daisy', not ['pdf']"),
        ('["epub", "epub"]', "'talking_books' names a format twice"),
        ('"epub"', "'talking_books' must be a list of strings"),
    ],
)
def test_bad_talking_books(tmp_path: Path, value: str, fragment: str) -> None:
    assert fragment in _error(_show_file(tmp_path, f"talking_books = {value}"))


def test_edition_note_must_be_a_boolean(tmp_path: Path) -> None:
    assert "'edition_note' must be true or false" in _error(_show_file(tmp_path, 'edition_note = "no"'))


def test_feed_keys_of_issue_18(tmp_path: Path) -> None:
    show = load_show(_show_file(tmp_path))
    assert show.alternates == ()  # off by default: it adds about half again to a cold build
    assert load_show(_show_file(tmp_path, 'alternate = ["opus"]')).alternates == ("opus",)
    assert show.channel.medium == "podcast" and show.channel.host is None and show.channel.season == 1
    assert show.channel.block is False and show.channel.complete is False
    sample = load_show(SAMPLES / "show.toml")
    assert sample.channel.host == "Ada Mensah" and sample.channel.license == "cc-by-nd-4.0"
    assert sample.channel.update_rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    assert load_show(_show_file(tmp_path, "alternate = []")).alternates == ()
    assert load_show(_show_file(tmp_path, 'txt = "' + "x" * 4000 + '"')).channel.txt == "x" * 4000


@pytest.mark.parametrize(
    "extra,fragment",
    [
        ('alternate = ["aac"]', "'alternate' lists 'aac'; other encodings are 'opus', not ['aac']"),
        ('alternate = ["opus", "opus"]', "'alternate' names a format twice"),
        ('txt = "' + "x" * 4001 + '"', "'txt' must be at most 4000 characters"),
        ('medium = "radio"', "'medium' must be 'podcast' or 'music'"),
        ('update_rrule = "daily"', "'update_rrule' must be an iCalendar RRULE"),
        ('new_feed_url = "feeds.example.org/x"', "'new_feed_url' must be an http(s) URL"),
        ('license_url = "cc-by"', "'license_url' must be an http(s) URL"),
        ("season = 0", "'season' must be a whole number from 1 to 10000"),
        ('block = "yes"', "'block' must be true or false"),
    ],
)
def test_bad_feed_keys(tmp_path: Path, extra: str, fragment: str) -> None:
    assert fragment in _error(_show_file(tmp_path, extra))
