"""A build with the Opus edition: listed in the item, in the manifest, rebuilt when it goes missing."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from audio_article.pipeline.build import BuildOptions, build

PODCAST = "https://podcastindex.org/namespace/1.0"
ARTICLE = "# A short story\n\nThe first sentence is here. A second one follows it.\n\n## More\n\nThe end.\n"


def test_opus_edition_is_listed_and_checked_for_reuse(tmp_path: Path, fake_voice: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text(ARTICLE, encoding="utf-8")
    options = BuildOptions(
        output_dir=tmp_path / "out",
        voice=str(fake_voice),
        cache_dir=tmp_path / "cache",
        base_url="https://media.example.org/a/",
        hashed_audio_name=True,
        alternates=("opus",),
    )
    episode = build(article, options)
    opus = episode.mp3.with_suffix(".opus")
    item = etree.parse(str(episode.item_xml)).getroot()
    alternates = item.findall(f"{{{PODCAST}}}alternateEnclosure")
    sources = [a.find(f"{{{PODCAST}}}source").get("uri") for a in alternates]
    assert sources == [f"https://media.example.org/a/{n}" for n in (episode.mp3.name, opus.name)]
    assert int(alternates[1].get("length", "0")) == opus.stat().st_size
    assert not list(options.output_dir.glob("*.opus-source.mp3"))
    page = etree.parse(str(episode.mp3.parent / f"{episode.slug}.html"), etree.HTMLParser()).getroot()
    assert opus.name in [a.get("href") for a in page.iter("a")]  # a download for slow connections
    assert build(article, options, reuse=True).segments_synthesized == 0
    opus.unlink()
    again = build(article, options, reuse=True)  # the manifest lists the Opus file: no reuse without it
    assert opus.is_file() and again.pieces_reused > 0
    plain = build(article, BuildOptions(output_dir=tmp_path / "plain", voice=str(fake_voice)))
    assert not list(plain.mp3.parent.glob("*.opus"))
    assert etree.parse(str(plain.item_xml)).getroot().find(f"{{{PODCAST}}}alternateEnclosure") is None
