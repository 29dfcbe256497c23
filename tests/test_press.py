"""Press releases: archive, translations, embargo, feeds, Markdown safety, pictures and press kit."""
from __future__ import annotations

import datetime as dt
import io
import json
import re

import feedparser
import pytest

from sitegen.localize import file_size
from sitegen.markup import to_html
from sitegen.pipeline import build, check
from sitegen.problems import ProblemsFound
from support.minimal_site import RELEASE_DE, RELEASE_EN, picture
from test_build import digest

TODAY = dt.date(2026, 11, 23)


def release(key: str, date: str, title: str, extra: str = "", body: str = "Text.") -> str:
    """Return a German release's Markdown."""
    return f"---\ntitle: {title}\nsummary: Kurz zu {title}.\ndate: {date}\n{extra}---\n{body}\n"


MORE = {
    "content/press/2022-03-01-second.de.md": release("second", "2022-03-01", "Zweite Meldung", "tags: [alliance]\n"),
    "content/press/2022-03-01-second.en.md": "---\ntitle: Second release\nsummary: About the second.\n---\nText.\n",
    "content/press/2023-05-02-german-only.de.md": release("german-only", "2023-05-02", "Nur deutsch"),
    "content/press/2024-01-10-english-only.en.md": release("english-only", "2024-01-10", "English only release"),
    "content/press/2026-12-01-embargoed.de.md": release("embargoed", "2026-12-01", "Gesperrt"),
    "content/press/2025-01-01-draft.de.md": release("draft", "2025-01-01", "Entwurf", "draft: true\n"),
}


@pytest.fixture
def built(site, tmp_path):
    """Build the minimal site with more releases (page size 2)."""
    out = tmp_path / "out"
    build(site(MORE), out, TODAY, search=False)
    return out


def titles(page: str) -> list[str]:
    """Return the release titles listed on an archive page, in order."""
    return re.findall(r'<h3><a href="[^"]+"(?: hreflang="\w+")?>([^<]+)</a></h3>', page)


def test_archive_is_newest_first_paginated_grouped_by_year_and_lists_each_release_once(built):
    pages = [(built / "de/press/index.html").read_text(), (built / "de/press/page/2/index.html").read_text()]
    assert not (built / "de/press/page/3").exists()
    assert [titles(page) for page in pages] == [["English only release", "Nur deutsch"],
                                                 ["Zweite Meldung", "Allianz gegründet"]]
    assert re.findall(r'<h2 id="year-(\d+)">', pages[1]) == ["2022", "2021"]
    assert 'href="/sub/de/press/page/2/" rel="next"' in pages[0]
    assert ["data-pagefind-body" in page for page in pages] == [True, False]  # the search finds each release on its page
    english = (built / "en/press/index.html").read_text() + (built / "en/press/page/2/index.html").read_text()
    assert titles(english) == ["English only release", "Nur deutsch", "Second release", "Alliance founded"]


def test_single_language_releases_are_marked_and_link_to_the_original(built):
    english = (built / "en/press/index.html").read_text()
    assert '<a href="/sub/de/press/2023-05-02-german-only/" hreflang="de">Nur deutsch</a>' in english
    assert "German only" in english
    german = (built / "de/press/index.html").read_text()
    assert '<a href="/sub/en/press/2024-01-10-english-only/" hreflang="en">English only release</a>' in german
    assert "Nur auf Englisch" in german
    item = german.split('hreflang="en">English only release</a></h3>')[1].split("</li>")[0]
    # the date and the marker are in the page's language
    assert item.startswith('\n    <p class="meta" lang="de"><time datetime="2024-01-10">10. Januar 2024</time>')
    assert not (built / "en/press/2023-05-02-german-only").exists()
    page = (built / "de/press/2023-05-02-german-only/index.html").read_text()
    assert 'hreflang="en"' not in page.split("</head>")[0]


def test_translations_link_to_each_other(built):
    german = (built / "de/press/2022-03-01-second/index.html").read_text()
    english = (built / "en/press/2022-03-01-second/index.html").read_text()
    link = '<p class="translation" data-pagefind-ignore><a href="/sub/{0}/press/2022-03-01-second/" hreflang="{0}" lang="{0}">'
    assert link.format("en") in german and link.format("de") in english
    assert "1. März 2022" in german and "1 March 2022" in english
    assert 'href="/sub/en/press/tags/alliance/"' in english


def test_embargoed_and_draft_releases_appear_nowhere(built):
    everything = "".join(p.read_text() for p in built.rglob("*") if p.suffix in (".html", ".xml"))
    for hidden in ("Gesperrt", "2026-12-01-embargoed", "Entwurf", "2025-01-01-draft"):
        assert hidden not in everything, hidden


def test_drafts_preview_shows_a_banner(site, tmp_path):
    build(site(MORE), tmp_path / "out", TODAY, search=False, drafts=True)
    page = (tmp_path / "out/de/press/2026-12-01-embargoed/index.html").read_text()
    assert "Vorschau: Diese Meldung ist noch nicht veröffentlicht" in page and "Sperrfrist bis 1. Dezember 2026" in page
    assert "Entwurf" in (tmp_path / "out/de/press/2025-01-01-draft/index.html").read_text()


def test_tag_page_lists_the_tagged_releases(built):
    page = (built / "de/press/tags/alliance/index.html").read_text()
    assert titles(page) == ["Zweite Meldung", "Allianz gegründet"]


def test_tag_pages_are_paginated_like_the_archive(site, tmp_path):
    third = {"content/press/2023-06-01-third.de.md": release("third", "2023-06-01", "Dritte Meldung", "tags: [alliance]\n")}
    out = tmp_path / "out"
    build(site({**MORE, **third}), out, TODAY, search=False)
    first, second = (out / "de/press/tags/alliance/index.html").read_text(), \
        (out / "de/press/tags/alliance/page/2/index.html").read_text()
    assert not (out / "de/press/tags/alliance/page/3").exists()
    assert [titles(first), titles(second)] == [["Dritte Meldung", "Zweite Meldung"], ["Allianz gegründet"]]
    assert "3 Meldungen" in first and "3 Meldungen" in second  # the whole list's count on every page
    assert 'href="/sub/de/press/tags/alliance/page/2/" rel="next"' in first
    assert 'href="/sub/de/press/tags/alliance/" rel="prev"' in second and "(Seite 2)" in second.split("</title>")[0]
    english = (out / "en/press/tags/alliance/page/2/index.html").read_text()
    assert 'hreflang="de" href="https://example.org/sub/de/press/tags/alliance/page/2/"' in english


def test_feeds_parse_cleanly_with_absolute_links_and_stable_ids(site, tmp_path):
    source = site(MORE)
    feeds = []
    for name in ("a", "b"):
        build(source, tmp_path / name, TODAY, search=False)
        feeds.append((tmp_path / name / "en/press/feed.xml").read_bytes())
    assert feeds[0] == feeds[1]
    parsed = feedparser.parse(feeds[0])
    assert parsed.bozo == 0
    assert [e.title for e in parsed.entries] == ["English only release", "Nur deutsch (German only)", "Second release",
                                                 "Alliance founded"]
    entry = parsed.entries[-1]
    assert entry.id == "tag:example.org,2021:press/2021-12-07-founded/en"
    assert entry.link == "https://example.org/sub/en/press/2021-12-07-founded/"
    assert entry.updated == "2021-12-07T00:00:00+00:00" and entry.summary == "The alliance is founded."
    assert "<strong>text</strong>" in entry.content[0].value
    assert parsed.feed.links[1].href == "https://example.org/sub/en/press/feed.xml"
    home = (tmp_path / "a/de/index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml" href="https://example.org/sub/de/press/feed.xml"' in home


def test_feed_content_links_are_absolute(site, tmp_path):
    body = "Siehe [Partner](../../partners/alpha/) und ![Foto](foto.jpg)."
    source = site({"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("Ein **Text**.", body),
                   "content/press/foto.jpg": picture()})
    build(source, tmp_path / "out", TODAY, search=False)
    content = feedparser.parse((tmp_path / "out/de/press/feed.xml").read_bytes()).entries[0].content[0].value
    assert 'href="https://example.org/sub/de/partners/alpha/"' in content
    assert 'src="https://example.org/sub/press/files/2021-12-07-founded/foto.jpg"' in content
    assert (tmp_path / "out/press/files/2021-12-07-founded/foto.jpg").is_file()


@pytest.mark.parametrize("markdown", [
    "<script>alert(1)</script>", "<iframe src=https://evil.example></iframe>", "<img src=x.png alt=a onerror=alert(1)>",
    "<p style=\"color:red\">x</p>", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "Text\n{: onclick=\"alert(1)\" }",
    "Text\n{: style=\"display:none\" }", "<a href=\"data:text/html,x\">x</a>", "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", "<form action=x><button>x</button></form>",
])
def test_hostile_markdown_is_sanitised(markdown):
    html = to_html(markdown, "de")
    lowered = html.lower()
    for bad in ("<script", "<iframe", "onerror", "onclick", "style=", "javascript:", "data:", "<svg", "<form", "xlink"):
        assert bad not in lowered, (markdown, html)


def problems(site, changes) -> list[str]:
    """Return the formatted errors of the minimal site with `changes`."""
    found, problems = check(site(changes))
    return [p.format() for p in problems if not p.warning]


def test_images_need_alt_text_with_the_exact_line(site):
    body = "Absatz.\n\n![](bild.jpg)\n\n<img src=\"x.png\">\n"
    assert problems(site, {"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("Ein **Text**.\n", body)}) == [
        "content/press/2021-12-07-founded.de.md:11: error: image: the image 'bild.jpg' has no text alternative "
        "(![what the picture shows](file.jpg))",
        "content/press/2021-12-07-founded.de.md:13: error: image: an <img> has no text alternative (alt=\"what the picture shows\")",
        "content/press/2021-12-07-founded.de.md:13: error: image: an <img> tag shows 'x.png' "
        "(![what the picture shows](x.png): the build shows it from smaller copies, at its size)",
    ]


def test_missing_oversized_and_forbidden_attachments_are_errors(site):
    kit = ("attachments:\n  - file: kit.pdf\n    title: {de: Kit}\n  - file: huge.zip\n    title: {de: Gross}\n"
           "  - file: page.svg\n    title: {de: Bild}\n")
    release_text = RELEASE_DE.replace("tags: [alliance]\n", "tags: [alliance]\n" + kit)
    result = problems(site, {"content/press/2021-12-07-founded.de.md": release_text,
                             "content/press/huge.zip": b"0" * (10 * 1024 * 1024 + 1),
                             "content/press/page.svg": "<svg/>"})
    assert result == [
        "content/press/2021-12-07-founded.de.md:9: error: attachments[1].file: file 'kit.pdf' not found beside "
        "2021-12-07-founded.de.md (a file in the same folder)",
        "content/press/2021-12-07-founded.de.md:11: error: attachments[2].file: file 'huge.zip' is too large (10485761 bytes) "
        "(at most 10 MB)",
        "content/press/2021-12-07-founded.de.md:13: error: attachments[3].file: file type of 'page.svg' is not allowed "
        "(one of .gif, .jpeg, .jpg, .pdf, .png, .txt, .webp, .zip)",
    ]


def test_attachments_are_copied_and_shown_with_type_and_size(site, tmp_path):
    kit = "attachments:\n  - file: kit.pdf\n    title: {de: Pressemappe, en: Press kit}\n"
    source = site({"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("tags: [alliance]\n", "tags: [alliance]\n" + kit),
                   "content/press/kit.pdf": b"%PDF-1.4\n" + b"x" * 2491})
    build(source, tmp_path / "out", TODAY, search=False)
    assert (tmp_path / "out/press/files/2021-12-07-founded/kit.pdf").stat().st_size == 2500
    german = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    english = (tmp_path / "out/en/press/2021-12-07-founded/index.html").read_text()
    assert "(PDF, 2,5\u00a0kB)" in german and "(PDF, 2.5\u00a0kB)" in english
    assert 'href="/sub/press/files/2021-12-07-founded/kit.pdf" download>Press kit</a>' in english


def test_a_file_title_or_picture_text_in_one_language_is_marked_as_such(site, tmp_path):
    files = ("image:\n  file: foto.jpg\n  alt: {de: Ein Foto}\n"
             "attachments:\n  - file: kit.pdf\n    title: {de: Pressemappe}\n")
    source = site({"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("tags: [alliance]\n", "tags: [alliance]\n" + files),
                   "content/press/kit.pdf": b"%PDF-1.4\n", "content/press/foto.jpg": picture()})
    build(source, tmp_path / "out", TODAY, search=False)
    english = (tmp_path / "out/en/press/2021-12-07-founded/index.html").read_text()
    assert ('<img src="/sub/press/files/2021-12-07-founded/foto.jpg" fetchpriority="high" width="40" height="30" '
            'alt="Ein Foto" lang="de">') in english
    assert 'href="/sub/press/files/2021-12-07-founded/kit.pdf" download lang="de">Pressemappe</a>' in english
    german = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    assert 'alt="Ein Foto">' in german and "download>Pressemappe</a>" in german


def test_a_file_in_one_language_is_marked_on_pages_in_another(site, tmp_path):
    """The German factsheet was offered on the English page as if it were in English."""
    kit = "attachments:\n  - file: kit.pdf\n    title: {de: Factsheet, en: Factsheet}\n    lang: de\n"
    source = site({"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("tags: [alliance]\n", "tags: [alliance]\n" + kit),
                   "content/press/kit.pdf": b"%PDF-1.4\n"})
    build(source, tmp_path / "out", TODAY, search=False)
    english = (tmp_path / "out/en/press/2021-12-07-founded/index.html").read_text()
    german = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    assert re.search(r'kit.pdf" download hreflang="de">Factsheet</a>\s*<span class="meta">\(PDF, 9\u00a0B\)</span> '
                     r'<span class="badge">German only</span></li>', english)
    assert 'kit.pdf" download hreflang="de">Factsheet</a>' in german and "Nur auf Deutsch" not in german
    # Only the site's languages are known.
    found, problems = check(site({"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace(
        "tags: [alliance]\n", "tags: [alliance]\n" + kit.replace("lang: de", "lang: fr"))}))
    assert [p.format() for p in problems if not p.warning] == [
        "content/press/2021-12-07-founded.de.md:11: error: attachments[1].lang: unknown value 'fr' (one of: de, en)"]


def test_translation_inherits_language_neutral_fields(site, tmp_path):
    build(site(), tmp_path / "out", TODAY, search=False)
    english = (tmp_path / "out/en/press/2021-12-07-founded/index.html").read_text()
    assert "7 December 2021" in english and 'href="/sub/en/partners/beta/"' in english
    assert RELEASE_EN.count("date:") == 0


def test_control_characters_in_a_body_are_refused_with_their_line(site):
    assert problems(site, {"content/press/2021-12-07-founded.de.md": RELEASE_DE + "Zeile mit \x1b Steuerzeichen\n"}) == [
        "content/press/2021-12-07-founded.de.md:10: error: the text contains an invisible control character (plain text)"]
    # Tabs are plain text; the line is counted over the whole body.
    body = RELEASE_DE + "Mit\tTab.\n\nNoch eine Zeile.\n\nHier \u2028 ein Trenner.\n"
    assert problems(site, {"content/press/2021-12-07-founded.de.md": body}) == [
        "content/press/2021-12-07-founded.de.md:14: error: the text contains an invisible control character (plain text)"]


def test_an_html_image_in_capitals_needs_alt_text_too(site):
    body = RELEASE_DE.replace("Ein **Text**.\n", "Absatz.\n\n<IMG SRC=\"/static/img/logo.svg\">\n")
    assert problems(site, {"content/press/2021-12-07-founded.de.md": body}) == [
        "content/press/2021-12-07-founded.de.md:11: error: image: an <img> has no text alternative (alt=\"what the picture shows\")"]


def test_release_page_has_news_article_data_open_graph_image_and_a_print_stylesheet(site, tmp_path):
    front = "image:\n  file: foto.jpg\n  alt: {de: Ein Foto, en: A photo}\n"
    source = site({"content/press/2021-12-07-founded.de.md": RELEASE_DE.replace("tags: [alliance]\n", "tags: [alliance]\n" + front),
                   "content/press/foto.jpg": picture()})
    build(source, tmp_path / "out", TODAY, search=False)
    page = (tmp_path / "out/en/press/2021-12-07-founded/index.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])
    assert (data["@type"], data["headline"], data["datePublished"]) == ("NewsArticle", "Alliance founded", "2021-12-07")
    assert data["image"] == "https://example.org/sub/press/files/2021-12-07-founded/foto.jpg"
    assert '<meta property="og:image" content="https://example.org/sub/press/files/2021-12-07-founded/foto.jpg">' in page
    assert ('<img src="/sub/press/files/2021-12-07-founded/foto.jpg" fetchpriority="high" width="40" height="30" '
            'alt="A photo">') in page
    assert '<link rel="stylesheet" href="/sub/static/css/print.css" media="print">' in page
    print_css = (tmp_path / "out/static/css/print.css").read_text()
    assert ".main-nav" in print_css and 'content: " (" attr(href) ")"' in print_css


def test_feeds_hold_the_newest_fifty_releases(site, tmp_path):
    many = {f"content/press/2022-01-{day:02d}-r{n}.de.md": release(f"r{n}", f"2022-01-{day:02d}", f"Meldung {n}")
            for n in range(55) for day in [n % 28 + 1]}
    build(site(many), tmp_path / "out", TODAY, search=False)
    feed = feedparser.parse((tmp_path / "out/de/press/feed.xml").read_bytes())
    assert len(feed.entries) == 50 and feed.entries[0].published >= feed.entries[-1].published


PICTURE_FRONT = "image:\n  file: foto.jpg\n  alt: {de: Ein Foto, en: A photo}\n"
WITH_PICTURE = RELEASE_DE.replace("tags: [alliance]\n", "tags: [alliance]\n" + PICTURE_FRONT)


def test_a_large_picture_is_shown_from_smaller_copies_and_offered_in_full_size(site, tmp_path):
    from PIL import Image

    original = picture(3200, 1800)
    source = site({"content/press/2021-12-07-founded.de.md": WITH_PICTURE, "content/press/foto.jpg": original})
    build(source, tmp_path / "out", TODAY, search=False)
    files = tmp_path / "out/press/files/2021-12-07-founded"
    for width, height in ((480, 270), (960, 540), (1600, 900)):
        with Image.open(files / f"foto-{width}w.jpg") as copy:
            assert (copy.format, copy.size, dict(copy.getexif())) == ("JPEG", (width, height), {})
    assert (files / "foto.jpg").read_bytes() == original
    page = (tmp_path / "out/en/press/2021-12-07-founded/index.html").read_text()
    url = "/sub/press/files/2021-12-07-founded/"
    # 3,200 pixels are more than a screen needs: browsers choose among the copies only
    assert (f'<img src="{url}foto-960w.jpg" fetchpriority="high" srcset="{url}foto-480w.jpg 480w, {url}foto-960w.jpg 960w, '
            f'{url}foto-1600w.jpg 1600w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="3200" '
            f'height="1800" alt="A photo">') in page
    assert (f'<figcaption>\n<p class="meta"><a href="{url}foto.jpg" download>Full-size picture</a>\n'
            f'        (JPEG, 3,200 × 1,800 pixels, {file_size(len(original), "en")})</p>') in page
    assert f'<meta property="og:image" content="https://example.org{url}foto-1600w.jpg">' in page
    assert ('<meta property="og:image:width" content="1600">\n<meta property="og:image:height" content="900">\n'
            '<meta property="og:image:alt" content="A photo">') in page
    # feed readers show the release's picture first, from a copy
    entry = feedparser.parse((tmp_path / "out/en/press/feed.xml").read_bytes()).entries[0].content[0].value
    assert entry.startswith(f'<p><img alt="A photo" src="https://example.org{url}foto-960w.jpg" /></p>\n<p>')
    german = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    assert f'download>Bild in voller Größe</a>\n        (JPEG, 3.200 × 1.800 Pixel, {file_size(len(original), "de")})' in german
    sitemap = (tmp_path / "out/sitemap.xml").read_text()
    assert "foto" not in sitemap


def test_a_picture_has_a_caption_per_language_and_its_credit(site, tmp_path):
    front = PICTURE_FRONT + "  caption: {de: Die Unterzeichnung}\n  credit: © Messe Düsseldorf / C. Tillmann\n"
    source = site({"content/press/2021-12-07-founded.de.md": WITH_PICTURE.replace(PICTURE_FRONT, front),
                   "content/press/foto.jpg": picture(800, 450)})
    build(source, tmp_path / "out", TODAY, search=False)
    english = (tmp_path / "out/en/press/2021-12-07-founded/index.html").read_text()
    assert ('<figcaption>\n<p class="caption" lang="de">Die Unterzeichnung</p>'
            '<p class="meta">Picture: © Messe Düsseldorf / C. Tillmann</p>    </figcaption>') in english
    german = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    assert '<p class="caption">Die Unterzeichnung</p><p class="meta">Bild: © Messe Düsseldorf / C. Tillmann</p>' in german
    credit_list = WITH_PICTURE.replace(PICTURE_FRONT, PICTURE_FRONT + "  credit: [a, b]\n")
    assert problems(site, {"content/press/2021-12-07-founded.de.md": credit_list, "content/press/foto.jpg": picture()}) == [
        "content/press/2021-12-07-founded.de.md:11: error: image.credit: expected a single value, found a list (some text)"]


def test_a_picture_is_shown_upright_and_one_no_wider_than_a_copy_as_it_is(site, tmp_path):
    from PIL import Image

    # a camera's portrait photo: stored lying (1000 × 600) with the tag that turns it upright
    source = site({"content/press/2021-12-07-founded.de.md": WITH_PICTURE,
                   "content/press/foto.jpg": picture(1000, 600, orientation=6)})
    build(source, tmp_path / "out", TODAY, search=False)
    with Image.open(tmp_path / "out/press/files/2021-12-07-founded/foto-480w.jpg") as copy:
        assert copy.size == (480, 800)
    page = (tmp_path / "out/en/press/2021-12-07-founded/index.html").read_text()
    url = "/sub/press/files/2021-12-07-founded/"
    assert (f'<img src="{url}foto.jpg" fetchpriority="high" srcset="{url}foto-480w.jpg 480w, {url}foto.jpg 600w" '
            f'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="600" height="1000" alt="A photo">') in page
    assert "Full-size picture" not in page  # the original is among what browsers choose from


def test_a_published_picture_that_tells_where_it_was_taken_is_warned_of_and_its_copies_do_not(site, tmp_path):
    from PIL import Image

    kit = "attachments:\n  - file: kit.jpg\n    title: {de: Foto, en: Photo}\n"
    source = site({"content/press/2021-12-07-founded.de.md": WITH_PICTURE.replace(PICTURE_FRONT, PICTURE_FRONT + kit),
                   "content/press/foto.jpg": picture(1000, 600, located=True),
                   "content/press/kit.jpg": picture(located=True)})
    found, problems_found = check(source)
    advice = ("tells where it was taken (a GPS position): the original file is published as it is "
              "(remove the position in a photo program if the place must not be public)")
    assert found is not None and [p.format() for p in problems_found] == [
        f"content/press/2021-12-07-founded.de.md:9: warning: image.file: 'foto.jpg' {advice}",
        f"content/press/2021-12-07-founded.de.md:12: warning: attachments[1].file: 'kit.jpg' {advice}"]
    build(source, tmp_path / "out", TODAY, search=False)
    with Image.open(tmp_path / "out/press/files/2021-12-07-founded/foto-480w.jpg") as copy:
        assert 0x8825 not in copy.getexif()


def test_a_damaged_picture_is_refused_at_its_line(site):
    assert problems(site, {"content/press/2021-12-07-founded.de.md": WITH_PICTURE,
                           "content/press/foto.jpg": b"\xff\xd8\xff\xe0 not really a jpeg"}) == [
        "content/press/2021-12-07-founded.de.md:9: error: image.file: 'foto.jpg' is not a picture that can be shown "
        "(damaged, or of another kind) (a JPEG, PNG, WebP or GIF file)"]
    body = RELEASE_DE.replace("Ein **Text**.", "![Ein Bild](bild.png)")
    assert problems(site, {"content/press/2021-12-07-founded.de.md": body, "content/press/bild.png": b"%PDF-1.4"}) == [
        "content/press/2021-12-07-founded.de.md:9: error: image: 'bild.png' is not a picture that can be shown "
        "(damaged, or of another kind) (a JPEG, PNG, WebP or GIF file)"]
    for kind in ("JPEG", "PNG", "GIF", "WEBP"):  # cut short by a failed upload: found before anything is built
        whole = picture(1200, 800, kind)
        assert problems(site, {"content/press/2021-12-07-founded.de.md": body,
                               "content/press/bild.png": whole[:len(whole) * 2 // 3]}) == [
            "content/press/2021-12-07-founded.de.md:9: error: image: 'bild.png' is not a picture that can be shown "
            "(damaged, or of another kind) (a JPEG, PNG, WebP or GIF file)"], kind


def png_header_only(width: int, height: int) -> bytes:
    """Return a PNG file that claims `width` × `height` pixels and holds almost none (as a hostile upload would)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b""))


def test_a_picture_with_too_many_pixels_is_refused_before_anything_is_made_of_it(site):
    for width, height in ((9000, 6000), (100_000, 100_000)):  # a large camera's photo; a file claiming ten billion
        body = RELEASE_DE.replace("Ein **Text**.", "![Riesig](riesig.png)")
        assert problems(site, {"content/press/2021-12-07-founded.de.md": body,
                               "content/press/riesig.png": png_header_only(width, height)}) == [
            f"content/press/2021-12-07-founded.de.md:9: error: image: 'riesig.png' has too many pixels ({width} × {height}) "
            "(at most 40 million, e.g. 7,700 × 5,200: make it smaller in a photo program)"]


def test_a_picture_damaged_within_is_refused_when_its_copies_are_made_and_the_site_stays(site, tmp_path):
    body = RELEASE_DE.replace("Ein **Text**.", "![Ein Bild](bild.png)")
    source = site({"content/press/2021-12-07-founded.de.md": body, "content/press/bild.png": picture(1000, 600, "PNG")})
    build(source, tmp_path / "out", TODAY, search=False)
    before = digest(tmp_path / "out")
    (source / "content/press/bild.png").write_bytes(png_header_only(1000, 600))  # whole in form, too little within
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False)
    assert [p.format() for p in found.value.problems] == [
        "content/press/bild.png:1: error: the picture is damaged: it cannot be read to its end "
        "(save or export it again, or replace it)"]
    assert digest(tmp_path / "out") == before


def test_a_replaced_picture_is_shown_anew_by_the_next_build(site, tmp_path):
    from PIL import Image

    source = site({"content/press/2021-12-07-founded.de.md": WITH_PICTURE, "content/press/foto.jpg": picture(1000, 500)})
    files = tmp_path / "out/press/files/2021-12-07-founded"
    build(source, tmp_path / "out", TODAY, search=False)
    assert not (files / "foto-1600w.jpg").exists()
    for replacement in (picture(2000, 1000), picture(2000, 1000, mirrored=True)):  # another size; another picture
        (source / "content/press/foto.jpg").write_bytes(replacement)
        build(source, tmp_path / "out", TODAY, search=False)
        build(source, tmp_path / "clean", TODAY, search=False, cache=False)
        with Image.open(files / "foto-960w.jpg") as copy:
            assert copy.size == (960, 480)
        assert 'width="2000" height="1000"' in (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
        for name in ("foto-480w.jpg", "foto-960w.jpg", "foto-1600w.jpg", "foto.jpg"):
            assert (files / name).read_bytes() == (tmp_path / "clean/press/files/2021-12-07-founded" / name).read_bytes()


def test_copies_are_kept_in_the_cache_folder_for_the_next_build(site, tmp_path, monkeypatch):
    from sitegen import pictures

    source = site({"content/press/2021-12-07-founded.de.md": WITH_PICTURE, "content/press/foto.jpg": picture(1000, 600)})
    build(source, tmp_path / "first", TODAY, search=False)
    monkeypatch.setattr(pictures, "_smaller", lambda content, width: pytest.fail("a kept copy was made again"))
    build(source, tmp_path / "second", TODAY, search=False)  # a new output folder: every page is rendered
    copy = "press/files/2021-12-07-founded/foto-480w.jpg"
    assert (tmp_path / "second" / copy).read_bytes() == (tmp_path / "first" / copy).read_bytes()


def test_a_picture_in_the_text_is_shown_from_its_copies_at_its_size_and_loads_when_scrolled_to(site, tmp_path):
    from PIL import Image

    body = RELEASE_DE.replace("Ein **Text**.", "Ein **Text**.\n\n![Ein Bild](bild.png)\n\n![Noch eins](klein.gif)")
    source = site({"content/press/2021-12-07-founded.de.md": body, "content/press/bild.png": picture(1200, 800, "PNG"),
                   "content/press/klein.gif": picture(300, 200, "GIF")})
    build(source, tmp_path / "out", TODAY, search=False)
    files = tmp_path / "out/press/files/2021-12-07-founded"
    for width, height in ((480, 320), (960, 640)):
        with Image.open(files / f"bild-{width}w.png") as copy:
            assert (copy.format, copy.size) == ("PNG", (width, height))
    assert sorted(path.name for path in files.iterdir()) == ["bild-480w.png", "bild-960w.png", "bild.png", "klein.gif"]
    page = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    url = "/sub/press/files/2021-12-07-founded/"
    assert (f'<img alt="Ein Bild" src="{url}bild-960w.png" srcset="{url}bild-480w.png 480w, {url}bild-960w.png 960w, '
            f'{url}bild.png 1200w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="1200" height="800" '
            f'loading="lazy">') in page
    assert f'<img alt="Noch eins" src="{url}klein.gif" width="300" height="200" loading="lazy">' in page
    # feed readers get the text as it was written
    content = feedparser.parse((tmp_path / "out/de/press/feed.xml").read_bytes()).entries[0].content[0].value
    assert f'<img alt="Ein Bild" src="https://example.org{url}bild.png" />' in content
    (source / "content/press/bild.png").write_bytes(picture(1000, 500, "PNG"))
    build(source, tmp_path / "out", TODAY, search=False)
    page = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    assert 'width="1000" height="500"' in page
    with Image.open(files / "bild-960w.png") as copy:
        assert copy.size == (960, 480)


def test_copies_are_as_high_as_the_page_and_previews_say(tmp_path):
    """A JPEG is decoded at a fraction of its size; the copy's height still comes from its whole size."""
    from PIL import Image

    from sitegen import pictures

    for width, height, orientation in ((3001, 1999, None), (2999, 1333, None), (1999, 3001, 6)):
        (tmp_path / "odd.jpg").write_bytes(picture(width, height, orientation=orientation))
        found = pictures.examine(str(tmp_path / "odd.jpg"))
        for copy_width in found.widths:
            copy = pictures.smaller_copy(tmp_path, "odd.jpg", copy_width, found.digest)
            with Image.open(io.BytesIO(copy)) as made:
                assert made.size == (copy_width, found.height_at(copy_width)), (width, height, copy_width)


def test_a_plain_page_shows_pictures_beside_it_from_their_copies_and_its_mistakes_are_found_at_their_lines(site,
                                                                                                          tmp_path):
    from PIL import Image

    from support.minimal_site import plain_page

    about = plain_page("Über uns") + "\n![Das Team beim Treffen](team.jpg)\n"
    source = site({"content/pages/about.de.md": about, "content/pages/team.jpg": picture(1200, 600)})
    build(source, tmp_path / "out", TODAY, search=False)
    files = tmp_path / "out/pages/files/about"
    assert sorted(path.name for path in files.iterdir()) == ["team-480w.jpg", "team-960w.jpg", "team.jpg"]
    with Image.open(files / "team-480w.jpg") as copy:
        assert copy.size == (480, 240)
    url = "/sub/pages/files/about/"
    assert (f'<img alt="Das Team beim Treffen" src="{url}team-960w.jpg" srcset="{url}team-480w.jpg 480w, '
            f'{url}team-960w.jpg 960w, {url}team.jpg 1200w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" '
            f'width="1200" height="600" loading="lazy">') in (tmp_path / "out/de/about/index.html").read_text()
    assert "team" not in (tmp_path / "out/en/about/index.html").read_text()
    # A replaced picture is shown at its new size.
    (source / "content/pages/team.jpg").write_bytes(picture(1000, 1000))
    build(source, tmp_path / "out", TODAY, search=False)
    assert 'width="1000" height="1000"' in (tmp_path / "out/de/about/index.html").read_text()
    # Mistakes: no text alternative, no such file, not a picture.
    (source / "content/pages/about.en.md").write_text(
        plain_page("About us") + "\n![](team.jpg)\n\n![Missing](gone.png)\n\n![Text](notes.png)\n")
    (source / "content/pages/notes.png").write_text("plain text")
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False)
    assert [p.format() for p in found.value.problems if not p.warning] == [
        "content/pages/about.en.md:7: error: image: the image 'team.jpg' has no text alternative "
        "(![what the picture shows](file.jpg))",
        "content/pages/about.en.md:9: error: image: file 'gone.png' not found beside about.en.md (a file in the same folder)",
        "content/pages/about.en.md:11: error: image: 'notes.png' is not a picture that can be shown (damaged, or of another "
        "kind) (a JPEG, PNG, WebP or GIF file)",
    ]


def test_a_picture_that_is_no_file_beside_the_text_is_refused_at_its_line(site):
    """Pages show pictures of the site only (their Content-Security-Policy), sanitising takes out pictures written
    into the text, and an <img> tag's picture would be neither copied nor sized: each would show as broken."""
    body = RELEASE_DE.replace("Ein **Text**.", "Ein **Text**.\n\n![Logo](https://example.org/logo.png)\n\n"
                                               "<img src='//example.org/b.png' alt='B'> ![Karte](/static/map/dach.svg)"
                                               "\n\n![Punkt](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAE=)"
                                               '\n\n<img alt="Foto" src="foto.jpg">')
    line = body.split("\n").index("![Logo](https://example.org/logo.png)") + 1
    where = "content/press/2021-12-07-founded.de.md"
    assert problems(site, {"content/press/2021-12-07-founded.de.md": body, "content/press/foto.jpg": picture()}) == [
        f"{where}:{line}: error: image: the picture 'https://example.org/logo.png' is on another site "
        "(a picture file beside the text: pages show pictures of this site only)",
        f"{where}:{line + 2}: error: image: the picture '//example.org/b.png' is on another site "
        "(a picture file beside the text: pages show pictures of this site only)",
        f"{where}:{line + 4}: error: image: the picture 'data:image/png;base64,iV…' is written into the text "
        "(a picture file beside the text)",
        f"{where}:{line + 6}: error: image: an <img> tag shows 'foto.jpg' "
        "(![what the picture shows](foto.jpg): the build shows it from smaller copies, at its size)",
    ]


def test_a_large_gif_is_warned_of_as_it_is_shown_as_it_is_to_phones_too(site):
    body = RELEASE_DE.replace("Ein **Text**.", "![Ablauf](ablauf.gif)\n\n![Klein](klein.gif)")
    source = site({"content/press/2021-12-07-founded.de.md": body, "content/press/ablauf.gif": picture(1200, 100, "GIF"),
                   "content/press/klein.gif": picture(300, 200, "GIF")})
    site_checked, found = check(source)
    assert site_checked is not None
    assert [p.format() for p in found if p.warning and "gif" in p.message] == [
        "content/press/2021-12-07-founded.de.md:9: warning: image: 'ablauf.gif' is shown as it is to every screen, "
        f"phones too (1200 × 100 pixels, {file_size(len(picture(1200, 100, 'GIF')), 'en')}: a GIF gets no smaller "
        "copies) (a JPEG or PNG, of which phones load a smaller copy, or a smaller GIF)"]


def test_a_file_a_plain_page_links_to_by_name_is_published_where_the_link_leads(site, tmp_path):
    from support.minimal_site import plain_page

    about = plain_page("Über uns") + "\n[Unser Flyer (PDF)](flyer.pdf)\n\n[Programm](Programm%202027.pdf)\n"
    source = site({"content/pages/about.de.md": about, "content/pages/flyer.pdf": b"%PDF-1.4 flyer",
                   "content/pages/Programm 2027.pdf": b"%PDF-1.4 programm"})
    build(source, tmp_path / "out", TODAY, search=False)
    assert (tmp_path / "out/de/about/flyer.pdf").read_bytes() == b"%PDF-1.4 flyer"
    assert (tmp_path / "out/de/about/Programm 2027.pdf").read_bytes() == b"%PDF-1.4 programm"
    page = (tmp_path / "out/de/about/index.html").read_text()
    assert '<a href="flyer.pdf" rel="noopener">Unser Flyer (PDF)</a>' in page
    assert not (tmp_path / "out/en/about/flyer.pdf").exists()
    # A file of a kind a page may not offer is refused at the link's line; a name that is no file, as ever.
    (source / "content/pages/about.en.md").write_text(plain_page("About us") + "\n[Notes](notes.html)\n\n"
                                                      "[Gone](gone.pdf)\n")
    (source / "content/pages/notes.html").write_text("<script>x()</script>")
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False)
    assert [p.format() for p in found.value.problems if not p.warning] == [
        "content/pages/about.en.md:7: error: link: file type of 'notes.html' is not allowed "
        "(one of .gif, .jpeg, .jpg, .pdf, .png, .txt, .webp, .zip)"]
    (source / "content/pages/notes.html").unlink()
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False)
    assert [p.format() for p in found.value.problems if not p.warning] == [
        "content/pages/about.en.md:7: error: the link 'notes.html' leads to /en/about/notes.html, no page of the site "
        "(an address of this site from the language on, such as /en/partners/)",
        "content/pages/about.en.md:9: error: the link 'gone.pdf' leads to /en/about/gone.pdf, no page of the site "
        "(an address of this site from the language on, such as /en/partners/)"]


def test_a_file_a_release_links_to_by_name_is_published_where_the_link_leads_also_when_published_later(site,
                                                                                                     tmp_path):
    body = RELEASE_DE.replace("Ein **Text**.", "Ein **Text**, mit [Zahlen](zahlen.pdf).")
    later = release("later", "2027-01-05", "Später", body="Siehe [Programm](programm.pdf).")
    source = site({"content/press/2021-12-07-founded.de.md": body, "content/press/zahlen.pdf": b"%PDF-1.4 z",
                   "content/press/2027-01-05-later.de.md": later, "content/press/programm.pdf": b"%PDF-1.4 p"})
    build(source, tmp_path / "out", TODAY, search=False)  # the later release's link leads to its file from its day
    assert (tmp_path / "out/de/press/2021-12-07-founded/zahlen.pdf").read_bytes() == b"%PDF-1.4 z"
    assert ('<a href="zahlen.pdf" rel="noopener">Zahlen</a>'
            in (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text())
    assert not (tmp_path / "out/de/press/2027-01-05-later").exists()
    build(source, tmp_path / "out", dt.date(2027, 1, 5), search=False)
    assert (tmp_path / "out/de/press/2027-01-05-later/programm.pdf").read_bytes() == b"%PDF-1.4 p"
    (source / "content/press/programm.pdf").unlink()
    with pytest.raises(ProblemsFound) as found:
        build(source, tmp_path / "out", TODAY, search=False)
    assert [p.format() for p in found.value.problems] == [
        "content/press/2027-01-05-later.de.md:6: error: the link 'programm.pdf' leads to /de/press/2027-01-05-later/"
        "programm.pdf, no page of the site (an address of this site from the language on, such as /de/partners/)"]


def test_a_picture_by_reference_is_checked_and_shown_as_one_written_inline(site, tmp_path):
    body = RELEASE_DE.replace("Ein **Text**.", "Ein **Text**.\n\n![Ein Bild][b]\n\n![Zweites] [Foto]\n\n![kein]\n\n"
                              "[b]: bild.png\n[foto]: <bild.png> \"Titel\"\n")
    source = site({"content/press/2021-12-07-founded.de.md": body, "content/press/bild.png": picture(1200, 800, "PNG")})
    build(source, tmp_path / "out", TODAY, search=False)
    page = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    url = "/sub/press/files/2021-12-07-founded/"
    copies = (f'src="{url}bild-960w.png" srcset="{url}bild-480w.png 480w, {url}bild-960w.png 960w, {url}bild.png 1200w" '
              f'sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="1200" height="800" loading="lazy"')
    assert f'<img alt="Ein Bild" {copies}>' in page and f'<img alt="Zweites" {copies} title="Titel">' in page
    assert "<p>![kein]</p>" in page  # no such reference: Markdown shows the text
    release = "content/press/2021-12-07-founded.de.md"
    wrong = RELEASE_DE.replace("Ein **Text**.", "![][Leer]\n\n![Fremd][x]\n\n![gone]\n\n"
                               "[leer]: bild.png\n[X]: https://example.org/track.jpg\n[Gone]: weg.png\n")
    assert problems(site, {release: wrong, "content/press/bild.png": picture(1200, 800, "PNG")}) == [
        f"{release}:9: error: image: the image 'bild.png' has no text alternative (![what the picture shows](file.jpg))",
        f"{release}:11: error: image: the picture 'https://example.org/track.jpg' is on another site "
        "(a picture file beside the text: pages show pictures of this site only)",
        f"{release}:13: error: image: file 'weg.png' not found beside 2021-12-07-founded.de.md (a file in the same folder)",
    ]


def test_an_img_tag_over_two_lines_is_refused_at_the_line_it_starts_on(site, tmp_path):
    """Its picture would be published pointing to a file never written (an <img> tag's file is not copied)."""
    release = "content/press/2021-12-07-founded.de.md"
    body = RELEASE_DE.replace("Ein **Text**.", 'Absatz.\n\n<img\n src="extra.jpg" alt="Signing">\n\n<img src="/x.png"\n>')
    assert problems(site, {release: body, "content/press/extra.jpg": picture()}) == [
        f"{release}:11: error: image: an <img> tag shows 'extra.jpg' "
        "(![what the picture shows](extra.jpg): the build shows it from smaller copies, at its size)",
        f"{release}:14: error: image: an <img> has no text alternative (alt=\"what the picture shows\")"]


def test_an_img_tags_text_alternative_may_be_written_without_quotes_but_not_blank(site):
    release = "content/press/2021-12-07-founded.de.md"
    body = RELEASE_DE.replace("Ein **Text**.", "<img src=/static/img/logo.svg alt=Logo>\n\n"
                                               "<IMG SRC='/static/img/logo.svg' ALT=' '>")
    assert problems(site, {release: body}) == [
        f"{release}:11: error: image: an <img> has no text alternative (alt=\"what the picture shows\")"]


def test_a_picture_whose_text_wraps_onto_the_next_line_is_checked_and_shown_from_its_copies(site, tmp_path):
    release = "content/press/2021-12-07-founded.de.md"
    body = RELEASE_DE.replace("Ein **Text**.", "Absatz.\n\n![The signing\nin Düsseldorf](extra.jpg)\n\n"
                              "Und ![Zweites\nBild][b] und ![Drittes]\n[B]\n\n[b]: extra.jpg\n")
    assert problems(site, {release: body}) == [
        f"{release}:11: error: image: file 'extra.jpg' not found beside 2021-12-07-founded.de.md (a file in the same folder)",
        f"{release}:14: error: image: file 'extra.jpg' not found beside 2021-12-07-founded.de.md (a file in the same folder)",
        f"{release}:15: error: image: file 'extra.jpg' not found beside 2021-12-07-founded.de.md (a file in the same folder)"]
    assert problems(site, {release: body.replace("![The signing\nin Düsseldorf]", "![\n]"), "content/press/extra.jpg": picture()}) == [
        f"{release}:11: error: image: the image 'extra.jpg' has no text alternative (![what the picture shows](file.jpg))"]
    source = site({release: body, "content/press/extra.jpg": picture(1200, 800)})
    build(source, tmp_path / "out", TODAY, search=False)
    page = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    url = "/sub/press/files/2021-12-07-founded/"
    copies = (f'src="{url}extra-960w.jpg" srcset="{url}extra-480w.jpg 480w, {url}extra-960w.jpg 960w, '
              f'{url}extra.jpg 1200w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="1200" height="800" '
              'loading="lazy"')
    for alt in ("The signing\nin Düsseldorf", "Zweites\nBild", "Drittes"):
        assert f'<img alt="{alt}" {copies}>' in page, alt


def test_a_link_whose_text_wraps_onto_the_next_line_is_checked_at_the_line_it_starts_on(site, tmp_path):
    release = "content/press/2021-12-07-founded.de.md"
    body = RELEASE_DE.replace("Ein **Text**.", "Die [Zahlen\nals PDF](zahlen.pdf) und [Notizen\n(HTML)](notes.html).")
    assert problems(site, {release: body, "content/press/zahlen.pdf": b"%PDF-1.4 z",
                           "content/press/notes.html": "<p>x</p>"}) == [
        f"{release}:10: error: link: file type of 'notes.html' is not allowed "
        "(one of .gif, .jpeg, .jpg, .pdf, .png, .txt, .webp, .zip)"]
    build(site({release: body.replace(" und [Notizen\n(HTML)](notes.html)", "")}), tmp_path / "out", TODAY, search=False)
    assert (tmp_path / "out/de/press/2021-12-07-founded/zahlen.pdf").read_bytes() == b"%PDF-1.4 z"


def test_a_release_file_name_must_start_with_a_real_date(site, tmp_path):
    """Else its address could take another page's place (press/tags/), and archives sort by the name's date."""
    text = "---\ntitle: Schlagworte\nsummary: Kurz.\ndate: 2026-11-20\n---\nText.\n"
    assert problems(site, {"content/press/tags.en.md": text, "content/press/2026-02-30-leap.de.md": text,
                           "content/press/tags.de.md": RELEASE_EN}) == [
        "content/press/2026-02-30-leap.de.md:1: error: the date the file name starts with, 2026-02-30, is not a real date "
        "(YYYY-MM-DD-name.<language>.md, with the release's date)",
        "content/press/tags.de.md:1: error: the file name does not start with the release's date "
        "(YYYY-MM-DD-tags.de.md: the date, then a short name)",
        "content/press/tags.en.md:1: error: the file name does not start with the release's date "
        "(2026-11-20-tags.en.md: the date, then a short name)"]


def test_a_release_dated_other_than_its_file_name_is_refused_at_its_date_line(site, tmp_path):
    """Its address (and the archive's order by name) keeps the name's date."""
    release = "content/press/2021-12-07-founded.de.md"
    assert problems(site, {release: RELEASE_DE.replace("date: 2021-12-07", "date: 2021-12-08")}) == [
        f"{release}:4: error: date: 2021-12-08 is not the date the file name starts with, 2021-12-07 "
        "(date: 2021-12-07, or the release's files renamed to 2021-12-08-founded.<language>.md)"]
    english = "content/press/2021-12-07-founded.en.md"  # the date written in the English version only
    assert problems(site, {release: RELEASE_DE.replace("date: 2021-12-07\n", ""),
                           english: RELEASE_EN.replace("---\nSome", "date: 2022-01-03\n---\nSome")}) == [
        f"{english}:4: error: date: 2022-01-03 is not the date the file name starts with, 2021-12-07 "
        "(date: 2021-12-07, or the release's files renamed to 2022-01-03-founded.<language>.md)"]


def test_a_text_in_a_folder_inside_its_section_is_refused(site, tmp_path):
    """Its address would come from its name alone: a release of the same name elsewhere would silently take its place."""
    from support.minimal_site import plain_page

    assert problems(site, {"content/press/archive/2021-12-07-founded.de.md": RELEASE_DE.replace("gegründet", "alt"),
                           "content/press/archive/foto.jpg": picture(),
                           "content/pages/old/about.en.md": plain_page("Old")}) == [
        "content/pages/old/about.en.md:1: error: the file is in the folder old/ of content/pages/: a text there is not "
        "published (content/pages/about.en.md, directly in content/pages/ (a copy to keep goes outside content/))",
        "content/press/archive/2021-12-07-founded.de.md:1: error: the file is in the folder archive/ of content/press/: a text "
        "there is not published (content/press/2021-12-07-founded.de.md, directly in content/press/ (a copy to keep "
        "goes outside content/))"]


def test_a_text_whose_file_name_ends_otherwise_than_in_md_is_refused_and_other_files_beside_texts_stay(site, tmp_path):
    text = "---\ntitle: Später\nsummary: Kurz.\ndate: 2026-11-21\n---\nText.\n"
    files = {"content/press/2026-11-21-x.en.markdown": text, "content/press/2026-11-21-y.en.MD": text,
             "content/pages/faq.de.Md": "---\ntitle: FAQ\ndescription: Fragen.\n---\nText.\n",
             "content/press/notes.txt": "Notizen", "content/press/kit.pdf": b"%PDF-1.4", "content/press/foto.jpg": picture()}
    assert problems(site, files) == [
        "content/pages/faq.de.Md:1: error: the file name ends in '.Md', so the text is not published "
        "(a name ending in .md, in small letters: faq.de.md)",
        "content/press/2026-11-21-x.en.markdown:1: error: the file name ends in '.markdown', so the text is not published "
        "(a name ending in .md, in small letters: 2026-11-21-x.en.md)",
        "content/press/2026-11-21-y.en.MD:1: error: the file name ends in '.MD', so the text is not published "
        "(a name ending in .md, in small letters: 2026-11-21-y.en.md)"]


def test_a_picture_and_a_file_by_a_reference_in_a_quote_are_published(site, tmp_path):
    body = RELEASE_DE.replace("Ein **Text**.", "> ![Ein Bild][b] und die [Mappe][m].\n>\n> [b]: bild.png\n> [m]: kit.pdf\n")
    source = site({"content/press/2021-12-07-founded.de.md": body, "content/press/bild.png": picture(1200, 800, "PNG"),
                   "content/press/kit.pdf": b"%PDF-1.4\n"})
    build(source, tmp_path / "out", TODAY, search=False)
    page = (tmp_path / "out/de/press/2021-12-07-founded/index.html").read_text()
    assert '<img alt="Ein Bild" src="/sub/press/files/2021-12-07-founded/bild-960w.png" srcset=' in page
    assert (tmp_path / "out/de/press/2021-12-07-founded/kit.pdf").read_bytes() == b"%PDF-1.4\n"
