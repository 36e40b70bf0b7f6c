"""The episode page in a real browser: Debian's chromium driven by Playwright, checked with axe-core.

The page is served by `serve` (so the browser seeks with Range requests, as
on a host) and opened from file:// for the no-script and offline checks.
Screenshots (light, dark, no script) go to the test's tmp folder.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, SEED
from lxml import html as lxml_html

from audio_article.episode.page import write_episode_page
from audio_article.pipeline.build import BuildOptions, build
from audio_article.show.serve import make_folder_server, server_url

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".node" / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CONTROLS = "button, select, input, a[href], [tabindex='0']"

if not CHROMIUM.exists() or not AXE.exists():
    pytest.skip("needs /usr/bin/chromium and .node axe-core (scripts/setup-browser)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def _page_for(tmp: Path, article: Path, voice: str) -> Path:
    options = BuildOptions(output_dir=tmp / "out", voice=voice, cache_dir=tmp / "cache")
    return write_episode_page(build(article, options))


@pytest.fixture(scope="module")
def episode_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("browser")
    voice = tmp / "fake.toml"
    voice.write_text('engine = "fake"\nrate_wpm = 180\n', encoding="utf-8")
    return _page_for(tmp, SAMPLES / "harbour-swim.md", str(voice))


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed article's episode page, built with the default voice; skips without the corpus."""
    if not SEED.exists():
        pytest.skip("../shared/corpus not present")
    return _page_for(tmp_path_factory.mktemp("seed"), SEED, "default")


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    server = make_folder_server(folder, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_url(server)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(episode_page: Path) -> Iterator[str]:
    with _served(episode_page.parent) as url:
        yield url


@pytest.fixture
def page(browser: Any, base_url: str, episode_page: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    tab = context.new_page()
    tab.goto(base_url + episode_page.name)
    tab.wait_for_function("document.getElementById('audio').readyState >= 1")
    yield tab
    context.close()


def _axe(tab: Any) -> list[dict[str, Any]]:
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    result: dict[str, Any] = tab.evaluate(f"axe.run(document, {options})")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


def _seek_and_settle(tab: Any, seconds: float) -> None:
    tab.evaluate(
        """t => new Promise(done => {
            const audio = document.getElementById('audio');
            audio.addEventListener('seeked', () => setTimeout(done, 50), {once: true});
            audio.currentTime = t;
        })""",
        seconds,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(page: Any, scheme: str, tmp_path: Path) -> None:
    page.emulate_media(color_scheme=scheme)
    assert _axe(page) == []
    page.screenshot(path=str(tmp_path / f"episode-{scheme}.png"), full_page=True)


def test_axe_in_forced_colors_and_reduced_motion(page: Any) -> None:
    page.emulate_media(forced_colors="active", reduced_motion="reduce")
    assert _axe(page) == []


def _tab_round(tab: Any) -> list[str]:
    """The page's Tab stops, once round from the top: ids, 'chapter', 'sentence' or tag names."""
    stops = []
    for _ in range(80):
        tab.keyboard.press("Tab")
        stops.append(
            tab.evaluate(
                """() => { const e = document.activeElement;
                return e.id || (e.classList.contains('chapter') ? 'chapter' : '')
                    || (e.dataset.start ? 'sentence' : e.tagName); }"""
            )
        )
    return stops[: stops.index("play", stops.index("play") + 1)]


def _assert_player_tab_order(stops: list[str]) -> None:
    wanted = ["play", "seek", "speed", "chapter", "sentence"]
    positions = [stops.index(name) for name in wanted]
    assert positions == sorted(positions), stops
    assert stops.count("sentence") == 1  # the transcript is one Tab stop; arrows move inside it


def test_tab_order_play_seek_speed_chapters_transcript(page: Any) -> None:
    _assert_player_tab_order(_tab_round(page))


def test_chapters_become_buttons_in_place_of_their_links(page: Any, episode_page: Path) -> None:
    links = lxml_html.parse(str(episode_page)).findall(".//nav[@id='chapters']//a[@class='chapter']")
    assert len(links) >= 3 and page.locator("a.chapter").count() == 0
    for link in links:  # the same label, now a button to assistive technology
        label = f"{link.find('span').text} {link.find('time').text}"
        button = page.get_by_role("button", name=label, exact=True)
        assert button.count() == 1 and button.get_attribute("type") == "button"
        assert button.get_attribute("data-start") == link.get("data-start")
        assert button.evaluate("e => e.closest('nav#chapters li') !== null")


@pytest.mark.parametrize("key", ["Enter", " "])
def test_enter_or_space_on_a_chapter_seeks_to_its_start(page: Any, key: str) -> None:
    chapters = page.locator("#chapters button.chapter")
    assert chapters.count() >= 3
    for index in (2, 1):
        start = float(chapters.nth(index).get_attribute("data-start"))
        chapters.nth(index).focus()
        page.keyboard.press(key)
        page.wait_for_timeout(100)
        assert page.evaluate("document.getElementById('audio').currentTime") == pytest.approx(start, abs=0.05)
        assert chapters.nth(index).get_attribute("aria-current") == "true"
    assert page.locator(".chapter[aria-current]").count() == 1
    assert page.evaluate("document.getElementById('audio').paused")  # a seek, not a surprise playback
    assert page.evaluate("location.hash") == ""


def test_exactly_the_spoken_sentence_is_aria_current(page: Any) -> None:
    spans = page.locator("#transcript-text span[data-start]")
    for index in (0, 3, spans.count() - 1):
        start = float(spans.nth(index).get_attribute("data-start"))
        end = float(spans.nth(index).get_attribute("data-end"))
        _seek_and_settle(page, (start + end) / 2)
        current = page.locator("#transcript-text [aria-current='true']")
        assert current.count() == 1
        assert float(current.get_attribute("data-start")) == start


def test_enter_on_a_sentence_seeks_there(page: Any) -> None:
    spans = page.locator("#transcript-text span[data-start]")
    spans.first.focus()
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.start") == spans.nth(4).get_attribute("data-start")
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    start = float(spans.nth(4).get_attribute("data-start"))
    assert page.evaluate("document.getElementById('audio').currentTime") == pytest.approx(start, abs=0.05)


def test_playing_muted_advances_and_the_slider_follows(page: Any) -> None:
    page.evaluate("document.getElementById('audio').muted = true")
    page.click("#play")
    page.wait_for_function("document.getElementById('audio').currentTime > 1.2", timeout=10_000)
    assert page.text_content("#play") == "Pause"
    page.click("#play")
    assert page.evaluate("document.getElementById('audio').paused")
    # The slider catches up on the next timeupdate or the pause event, which may come after the click.
    page.wait_for_function("+document.getElementById('seek').value >= 1", timeout=2_000)


def test_the_slider_moves_with_arrow_and_page_keys(page: Any) -> None:
    page.focus("#seek")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(100)
    assert page.evaluate("document.getElementById('audio').currentTime") == pytest.approx(10, abs=0.05)
    assert page.get_attribute("#seek", "aria-valuetext").startswith("10 seconds of ")
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(100)
    assert page.evaluate("document.getElementById('audio').currentTime") == pytest.approx(35, abs=0.05)
    assert page.input_value("#seek") == "35"


def test_shortcuts_work_and_can_be_switched_off(page: Any) -> None:
    page.evaluate("document.getElementById('audio').muted = true")
    page.focus("button.chapter")
    page.keyboard.press("l")
    page.wait_for_timeout(100)
    assert page.evaluate("document.getElementById('audio').currentTime") == pytest.approx(30, abs=0.05)
    page.uncheck("#shortcuts")
    page.focus("button.chapter")
    page.keyboard.press("l")
    page.keyboard.press("k")
    page.wait_for_timeout(100)
    assert page.evaluate("document.getElementById('audio').currentTime") == pytest.approx(30, abs=0.05)
    assert page.evaluate("document.getElementById('audio').paused")


def test_the_position_is_remembered(page: Any) -> None:
    _seek_and_settle(page, 42.0)
    page.evaluate("document.getElementById('audio').pause()")
    page.reload()
    page.wait_for_function("document.getElementById('audio').currentTime > 41", timeout=10_000)


def test_every_control_is_at_least_24_by_24(page: Any) -> None:
    small = page.evaluate(
        """sel => [...document.querySelectorAll(sel)].filter(e => !e.closest('[hidden]'))
            .map(e => { e.focus(); const r = e.getBoundingClientRect();
                        return [e.id || e.className || e.textContent.slice(0, 30), r.width, r.height]; })
            .filter(([, w, h]) => w < 24 || h < 24)""",
        "button, select, input, ul.links a, a.skip",
    )
    assert small == []


def test_the_focused_element_is_never_covered(page: Any) -> None:
    covered = []
    for _ in range(30):
        page.keyboard.press("Tab")
        covered += page.evaluate(_COVERED)
    page.focus("#transcript-text span[tabindex='0']")
    for _ in range(25):  # down the transcript: the sticky player must not hide the focused sentence
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(20)
        covered += page.evaluate(_COVERED)
    assert covered == []


_COVERED = """() => { const e = document.activeElement; if (e === document.body) return [];
    const r = e.getClientRects()[0]; const x = r.left + Math.min(r.width / 2, 10), y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return hit && (hit === e || e.contains(hit)) ? [] : [(e.id || e.textContent.slice(0, 40)) + ' under '
        + (hit ? hit.tagName + '#' + hit.id : 'nothing')]; }"""


def test_no_request_leaves_the_page_folder(browser: Any, episode_page: Path) -> None:
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    folder = episode_page.parent.as_uri() + "/"
    tab.goto(episode_page.as_uri())
    tab.wait_for_function("document.getElementById('audio').readyState >= 1", timeout=10_000)
    tab.evaluate("document.getElementById('audio').muted = true")
    tab.click("#play")
    tab.wait_for_function("document.getElementById('audio').currentTime > 0.3", timeout=10_000)
    context.close()
    assert requests and all(url.startswith(folder) for url in requests), requests


def test_the_page_works_without_javascript(browser: Any, episode_page: Path, tmp_path: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(episode_page.as_uri())
    assert tab.locator("audio[controls]").count() == 1
    assert tab.locator("#controls").is_hidden()
    assert tab.locator("audio").is_visible()
    text = tab.inner_text("#transcript-text")
    assert "harbour" in text.lower() and len(text) > 300
    chapters = tab.locator("#chapters a.chapter")  # media fragments: the browser plays the MP3 from there
    assert chapters.count() >= 3 and tab.locator("#chapters button").count() == 0
    for index in range(chapters.count()):
        href = chapters.nth(index).get_attribute("href")
        assert href == f"{episode_page.stem}.mp3#t={chapters.nth(index).get_attribute('data-start')}"
    tab.screenshot(path=str(tmp_path / "episode-no-script.png"), full_page=True)
    context.close()


def test_the_seed_article_with_the_default_voice(browser: Any, seed_page: Path, tmp_path: Path) -> None:
    page_file = seed_page
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    tab = context.new_page()
    tab.goto(page_file.as_uri())
    tab.wait_for_function("document.getElementById('audio').readyState >= 1", timeout=10_000)
    assert tab.inner_text("h1") == SEED.read_text(encoding="utf-8").splitlines()[0]
    assert _axe(tab) == []
    spans = tab.locator("#transcript-text span[data-start]")
    middle = spans.nth(spans.count() // 2)
    start, end = float(middle.get_attribute("data-start")), float(middle.get_attribute("data-end"))
    _seek_and_settle(tab, (start + end) / 2)
    assert tab.locator("#transcript-text [aria-current='true']").count() == 1
    assert tab.get_attribute("#transcript-text [aria-current='true']", "data-start") == f"{start:.3f}"
    for scheme in ("light", "dark"):
        tab.emulate_media(color_scheme=scheme)
        tab.screenshot(path=str(tmp_path / f"seed-{scheme}.png"))
    context.close()


@pytest.fixture(params=["sample", "seed"])
def embed_file(request: pytest.FixtureRequest) -> Path:
    """The embed page of a sample built on the fake engine, and of the seed article (default voice)."""
    episode: Path = request.getfixturevalue("episode_page" if request.param == "sample" else "seed_page")
    return episode.with_name(f"{episode.stem}.embed.html")


@pytest.fixture
def embed(browser: Any, embed_file: Path) -> Iterator[Any]:
    with _served(embed_file.parent) as url:
        context = browser.new_context(viewport={"width": 640, "height": 480})
        tab = context.new_page()
        tab.goto(url + embed_file.name)
        tab.wait_for_function("document.getElementById('audio').readyState >= 1", timeout=10_000)
        yield tab
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_embed_passes_axe_folded_and_open(embed: Any, scheme: str, tmp_path: Path) -> None:
    embed.emulate_media(color_scheme=scheme)
    assert _axe(embed) == []
    embed.screenshot(path=str(tmp_path / f"embed-{scheme}.png"))
    for summary in ("Chapters", "Transcript"):
        embed.click(f"summary:text('{summary}')")
    assert _axe(embed) == []
    embed.screenshot(path=str(tmp_path / f"embed-open-{scheme}.png"), full_page=True)


def test_the_embed_seeks_by_chapter_and_marks_the_sentence(embed: Any) -> None:
    embed.focus("summary:text('Chapters')")
    embed.keyboard.press("Enter")
    chapter = embed.locator("button.chapter").nth(1)
    chapter.focus()
    embed.keyboard.press("Enter")
    embed.wait_for_timeout(100)
    start = float(chapter.get_attribute("data-start"))
    assert embed.evaluate("document.getElementById('audio').currentTime") == pytest.approx(start, abs=0.05)
    assert embed.locator("#transcript-text [aria-current='true']").count() == 1
    small = embed.evaluate(
        """() => [...document.querySelectorAll('button, select, input, summary, a')]
            .map(e => [e.textContent.slice(0, 20), e.getBoundingClientRect()])
            .filter(([, r]) => r.width && (r.width < 24 || r.height < 24)).map(([t]) => t)"""
    )
    assert small == []


@pytest.fixture(scope="module")
def show_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-episode show published on the fake engine; its index.html."""
    from audio_article.jobs.batch import BatchJob, publish_one

    tmp = tmp_path_factory.mktemp("show")
    voice = tmp / "fake.toml"
    voice.write_text('engine = "fake"\nrate_wpm = 180\n', encoding="utf-8")
    show_file = tmp / "show.toml"
    show_file.write_text(
        'title = "Gazette Audio"\ndescription = "Audio editions, read aloud."\nauthor = "Gazette"\n'
        'owner_name = "o"\nowner_email = "o@example.org"\nlink = "https://example.org"\n'
        'base_url = "https://example.org/a/"\noutput = "pub"\n',
        encoding="utf-8",
    )
    for sample in ("night-reading-room.txt", "harbour-swim.md"):
        assert publish_one(BatchJob(str(SAMPLES / sample), show_file, str(voice), False, 1)).ok
    return tmp / "pub" / "index.html"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_show_index_passes_axe(browser: Any, show_index: Path, scheme: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1000, "height": 800}, color_scheme=scheme)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(show_index.as_uri())
    assert tab.locator("li.episode").count() == 2
    assert _axe(tab) == []
    tab.click("#copy")
    tab.wait_for_function("document.getElementById('copied').textContent.length > 0", timeout=5000)
    assert "Copied" in tab.text_content("#copied") or "Ctrl+C" in tab.text_content("#copied")
    tab.screenshot(path=str(tmp_path / f"index-{scheme}.png"), full_page=True)
    folder = show_index.parent.as_uri() + "/"
    assert all(url.startswith(folder) for url in requests), requests
    tab.click("li.episode h3 a")
    tab.wait_for_function(
        "document.getElementById('audio') && document.getElementById('audio').readyState >= 1"
    )
    assert _axe(tab) == []
    context.close()


def test_the_embed_tab_order_with_its_folds_open(embed: Any) -> None:
    embed.evaluate("document.querySelectorAll('details.fold').forEach(d => { d.open = true; })")
    stops = _tab_round(embed)
    _assert_player_tab_order(stops)
    assert stops.count("chapter") == embed.locator("#chapters button.chapter").count() >= 2
    assert embed.evaluate(_COVERED) == []


def test_the_embed_stays_in_its_folder_and_works_without_javascript(browser: Any, embed_file: Path) -> None:
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(embed_file.as_uri())
    tab.wait_for_function("document.getElementById('audio').readyState >= 1", timeout=10_000)
    tab.evaluate("document.getElementById('audio').muted = true")
    tab.click("#play")
    tab.wait_for_function("document.getElementById('audio').currentTime > 0.3", timeout=10_000)
    context.close()
    folder = embed_file.parent.as_uri() + "/"
    assert requests and all(url.startswith(folder) for url in requests), requests
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(embed_file.as_uri())
    assert tab.locator("audio[controls]").is_visible() and tab.locator("#controls").is_hidden()
    tab.click("summary:text('Chapters')")
    link = tab.locator("#chapters a.chapter").nth(1)
    assert link.is_visible() and link.get_attribute("href").endswith(f"#t={link.get_attribute('data-start')}")
    tab.click("summary:text('Transcript')")
    assert len(tab.inner_text("#transcript-text")) > 300
    context.close()
