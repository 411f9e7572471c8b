"""The chat widget in a real Chromium, against the real server: behaviour, accessibility, safety."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .browser import ARGS, CHROMIUM, axe_violations, require_axe, require_chromium
from .server_process import ROOT, free_port, running_server

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


class HostSite:
    """A second local web server on its own origin, serving pages that embed the widget."""

    def __init__(self) -> None:
        self.widget_origin = ""
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                pages = outer.pages()
                body = pages.get(self.path, "not found").encode()
                self.send_response(200 if self.path in pages else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.port = self.server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def pages(self) -> dict[str, str]:
        tag = f'<script src="{self.widget_origin}/widget.js" defer data-title="Ask the clinic" data-accent="#2e7d32"></script>'
        return {
            "/plain.html": f"<!doctype html><html><head><title>Clinic</title></head><body><h1>Clinic</h1>{tag}</body></html>",
            "/aggressive.html": f"""<!doctype html><html><head><title>Hostile CSS</title><style>
* {{ all: unset; font-size: 40px !important; color: red !important; background: yellow !important;
     display: block !important; position: static !important; width: 10px !important; }}
button {{ visibility: hidden !important; }} div {{ transform: rotate(180deg) !important; }}
</style></head><body><h1>Aggressive styles</h1>{tag}</body></html>""",
        }


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_chromium()
    host = HostSite()
    env = {"QA_BOT_DB": str(tmp_path_factory.mktemp("widget") / "qa.sqlite3"), "QA_BOT_ALLOWED_ORIGINS": host.origin}
    with running_server(env) as base:
        host.widget_origin = base
        yield base, host
    host.server.shutdown()


@pytest.fixture(scope="module")
def browser(site):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.csp_errors = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_errors.append(m.text))
    yield page
    context.close()


def open_widget(page, url):
    page.goto(url)
    page.get_by_role("button", name=re.compile("chat", re.I)).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    return dialog


def ask(dialog, question):
    box = dialog.get_by_role("textbox", name=re.compile("question", re.I))
    box.fill(question)
    box.press("Enter")


def test_ask_see_answer_and_follow_the_source_to_the_highlight(site, page):
    base, _ = site
    dialog = open_widget(page, base + "/")
    ask(dialog, "how long should I ice")
    log = dialog.get_by_role("log")
    expect(log).to_contain_text("20 minutes")
    source = log.get_by_text(re.compile(r"^Source: Gluteus Medius Syndrome › Follow these instructions at home$"))
    expect(source).to_be_visible()
    source.click()
    expect(log.locator("blockquote")).to_contain_text("Leave the ice on for 20 minutes")
    with page.context.expect_page() as new_page_info:
        log.get_by_role("link", name="Open the document at this passage").click()
    doc = new_page_info.value
    mark = doc.locator("mark").first
    expect(mark).to_have_text("Leave the ice on for 20 minutes, 2–3 times a day.")
    expect(mark).to_be_in_viewport()
    assert not page.csp_errors and not doc.context.pages[0].csp_errors


def test_followup_and_conversation_survives_reload(site, page):
    base, _ = site
    dialog = open_widget(page, base + "/")
    ask(dialog, "how long should I ice")
    expect(dialog.get_by_role("log")).to_contain_text("20 minutes")
    ask(dialog, "and how many times a day?")
    expect(dialog.get_by_role("log").locator("li").last).to_contain_text("2–3 times a day")
    ask(dialog, "how do I do the bridge exercise?")  # a long answer: the log overflows
    expect(dialog.get_by_role("log").locator("li").last).to_contain_text("Slowly lower your hips")
    page.reload()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()  # it was open, so it reopens
    messages = dialog.get_by_role("log").locator("li")
    expect(messages).to_have_count(6)
    expect(messages.nth(2)).to_have_text("and how many times a day?")
    # It reopens at the end of the conversation, not scrolled to the top.
    assert dialog.get_by_role("log").evaluate("el => el.scrollHeight > el.clientHeight && "
                                              "el.scrollTop + el.clientHeight >= el.scrollHeight - 2")
    ask(dialog, "what if I skip the ice?")  # the conversation id survived too: no error
    expect(messages).to_have_count(8)


def test_starter_chips_and_suggestions_send_questions(site, page):
    base, _ = site
    dialog = open_widget(page, base + "/")
    chips = dialog.get_by_role("group", name="Suggested questions").get_by_role("button")
    expect(chips.first).to_be_visible()
    first = chips.first.inner_text()
    chips.first.click()
    expect(dialog.get_by_role("log").locator("li").first).to_have_text(first)
    expect(dialog.get_by_role("log").locator("li")).to_have_count(2)


def test_keyboard_only(site, page):
    base, _ = site
    page.goto(base + "/")
    launcher = page.get_by_role("button", name=re.compile("chat", re.I))
    for _ in range(40):
        page.keyboard.press("Tab")
        if launcher.evaluate("b => b.getRootNode().activeElement === b"):
            break
    else:
        pytest.fail("the launcher is not reachable with Tab")
    outline = launcher.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    box = page.get_by_role("textbox", name=re.compile("question", re.I))
    expect(box).to_be_focused()
    page.keyboard.type("how long should I ice")
    page.keyboard.press("Enter")
    expect(page.get_by_role("log")).to_contain_text("20 minutes")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    assert launcher.evaluate("b => b.getRootNode().activeElement === b")


def test_html_in_a_question_is_shown_literally(site, page):
    base, _ = site
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    dialog = open_widget(page, base + "/")
    ask(dialog, "<img src=x onerror=alert(1)>")
    expect(dialog.get_by_role("log").locator("li").first).to_have_text("<img src=x onerror=alert(1)>")
    expect(dialog.get_by_role("log").locator("li")).to_have_count(2)
    assert page.evaluate("document.getElementById('qa-bot-widget').shadowRoot.querySelectorAll('img').length") == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_safety_and_abstain_answers_look_different(site, page):
    base, _ = site
    dialog = open_widget(page, base + "/")
    ask(dialog, "I want to end my life")
    alert = dialog.get_by_role("alert")
    expect(alert).to_contain_text("Please get help now")
    expect(alert).to_contain_text("988")
    ask(dialog, "what is the capital of France")
    expect(dialog.get_by_role("log").locator("li.qa-abstain")).to_contain_text("I can help with questions like")


def test_feedback_buttons_post_feedback(site, page):
    base, _ = site
    dialog = open_widget(page, base + "/")
    ask(dialog, "how long should I ice")
    expect(dialog.get_by_role("log")).to_contain_text("20 minutes")
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as info:
        dialog.get_by_role("button", name="Helpful", exact=True).click()
    assert info.value.status == 204
    expect(dialog.get_by_role("button", name="Helpful", exact=True)).to_have_attribute("aria-pressed", "true")


def test_a_rating_the_server_could_not_keep_says_so_and_can_be_given_again(site, page):
    base, _ = site
    dialog = open_widget(page, base + "/")
    ask(dialog, "what is the capital of France")
    expect(dialog.get_by_role("log").locator("li.qa-abstain")).to_be_visible()
    # The conversation has expired: an "I couldn't find" reply names no section, so the rating has nothing to rate.
    page.evaluate("""origin => {
        const key = "qa-bot:" + origin, state = JSON.parse(sessionStorage.getItem(key));
        state.conversationId = "expired-long-ago";
        sessionStorage.setItem(key, JSON.stringify(state));
    }""", base)
    page.reload()
    dialog = page.get_by_role("dialog")
    helpful = dialog.get_by_role("button", name="Helpful", exact=True)
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as info:
        helpful.click()
    assert info.value.status == 404
    expect(dialog.get_by_role("status").filter(has_text="could not be saved")).to_be_visible()
    expect(helpful).to_be_enabled()
    expect(helpful).to_have_attribute("aria-pressed", "false")


def test_clear_conversation(site, page):
    base, _ = site
    dialog = open_widget(page, base + "/")
    ask(dialog, "how long should I ice")
    expect(dialog.get_by_role("log").locator("li")).to_have_count(2)
    dialog.get_by_role("button", name="Clear conversation").click()
    expect(dialog.get_by_role("log").locator("li")).to_have_count(0)
    page.reload()
    expect(page.get_by_role("dialog").get_by_role("log").locator("li")).to_have_count(0)


def test_dropped_connection_shows_an_error_and_retry_works(site, page):
    base, _ = site
    dialog = open_widget(page, base + "/")
    page.route("**/api/ask", lambda route: route.abort("connectionreset"))
    ask(dialog, "how long should I ice")
    error = dialog.get_by_role("alert")
    expect(error).to_contain_text("couldn't reach the service")
    page.unroute("**/api/ask")
    error.get_by_role("button", name="Try again").click()
    expect(dialog.get_by_role("log")).to_contain_text("20 minutes")
    expect(dialog.get_by_role("alert")).to_have_count(0)


def test_server_error_is_reported_not_swallowed(site, page):
    base, _ = site
    dialog = open_widget(page, base + "/")
    page.route("**/api/ask", lambda route: route.fulfill(status=503, content_type="application/json",
                                                          body='{"error": {"code": "x", "message": "overloaded"}}'))
    ask(dialog, "how long should I ice")
    expect(dialog.get_by_role("alert")).to_contain_text("overloaded")


def test_phone_viewport_is_full_screen_with_a_close_button(site, browser):
    base, _ = site
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page = context.new_page()
    dialog = open_widget(page, base + "/")
    box = dialog.bounding_box()
    assert box["x"] == 0 and box["y"] == 0 and box["width"] == 375 and box["height"] == 667
    textbox = dialog.get_by_role("textbox", name=re.compile("question", re.I))
    assert float(textbox.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 16
    ask(dialog, "how long should I ice")
    expect(dialog.get_by_role("log")).to_contain_text("20 minutes")
    close = dialog.get_by_role("button", name="Close chat")
    expect(close).to_be_in_viewport()
    close.tap()
    expect(dialog).to_be_hidden()
    context.close()


def test_cross_origin_host_page_embeds_the_widget(site, page):
    _, host = site
    page.goto(host.origin + "/plain.html")
    page.get_by_role("button", name=re.compile("chat", re.I)).click()
    dialog = page.get_by_role("dialog", name="Ask the clinic")
    ask(dialog, "how long should I ice")
    expect(dialog.get_by_role("log")).to_contain_text("20 minutes")
    assert page.evaluate("getComputedStyle(document.getElementById('qa-bot-widget')).getPropertyValue('--qa-accent')"
                         ).strip() == "#2e7d32"


def test_an_origin_not_allowed_cannot_use_the_api(site, page):
    _, host = site
    page.goto(f"http://localhost:{host.port}/plain.html")  # same server, an origin not in the allow-list
    page.get_by_role("button", name=re.compile("chat", re.I)).click()
    # Said on opening, before any question: the greeting could not be fetched either.
    expect(page.get_by_role("dialog")).to_contain_text("couldn't reach the service right now")
    ask(page.get_by_role("dialog"), "how long should I ice")
    expect(page.get_by_role("dialog").get_by_role("alert")).to_contain_text("couldn't reach the service")


def test_host_page_css_cannot_break_the_widget(site, page):
    _, host = site
    page.goto(host.origin + "/aggressive.html")
    launcher = page.get_by_role("button", name=re.compile("chat", re.I))
    expect(launcher).to_be_visible()
    box = launcher.bounding_box()
    assert box["x"] + box["width"] > 1280 - 60 and box["y"] + box["height"] > 800 - 60  # still bottom right
    launcher.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert dialog.evaluate("d => getComputedStyle(d).width") == "370px"
    assert dialog.get_by_role("textbox").evaluate("e => getComputedStyle(e).color") != "rgb(255, 0, 0)"


HOSTILE = """Hostile <script>alert('title')</script> Handout

What about images?

Images are shown like this: <img src=x onerror=alert(1)> and <b onmouseover=alert(2)>bold</b>.
"""


def test_hostile_document_text_is_inert_in_the_widget_and_the_page(browser, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with running_server({"QA_BOT_CORPUS": str(corpus), "QA_BOT_DB": str(tmp_path / "qa.sqlite3")}) as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        dialog = open_widget(page, base + "/")
        ask(dialog, "how are images shown?")
        answer = dialog.get_by_role("log").locator("li").last
        expect(answer).to_contain_text("<img src=x onerror=alert(1)>")
        answer.locator("summary").click()
        expect(answer.locator("blockquote")).to_contain_text("<b onmouseover=alert(2)>bold</b>")
        with context.expect_page() as info:
            answer.get_by_role("link").click()
        doc = info.value
        expect(doc.locator("mark").first).to_contain_text("<img src=x onerror=alert(1)>")
        expect(doc.locator("h1")).to_contain_text("<script>alert('title')</script>")
        page.wait_for_timeout(300)
        assert dialogs == []
        assert page.evaluate("document.getElementById('qa-bot-widget').shadowRoot.querySelectorAll('img, b').length") == 0
        assert doc.evaluate("document.querySelectorAll('main img, main b, script:not([src])').length") == 0
        context.close()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 375, "height": 667}],
                         ids=["desktop", "phone"])
def test_axe_finds_nothing_with_an_answer_and_its_source_open(site, browser, viewport):
    require_axe()
    base, _ = site
    # The test injects axe as a script; the pages' own CSP would rightly refuse it.
    context = browser.new_context(viewport=viewport, bypass_csp=True, is_mobile=viewport["width"] < 600)
    page = context.new_page()
    dialog = open_widget(page, base + "/")
    expect(dialog.locator(".qa-greeting")).to_contain_text("not medical advice")
    ask(dialog, "how long should I ice")
    answer = dialog.get_by_role("log").locator("li").last
    expect(answer).to_contain_text("20 minutes")
    answer.locator("summary").click()
    expect(answer.locator("blockquote")).to_be_visible()
    expect(dialog.get_by_role("group", name="Suggested questions").get_by_role("button").first).to_be_visible()
    assert axe_violations(page) == []
    context.close()


def test_axe_finds_nothing_on_the_document_page(site, browser):
    require_axe()
    base, _ = site
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(base + "/docs/gluteus-medius-syndrome?hl=9922-9971#follow-these-instructions-at-home")
    expect(page.locator("mark").first).to_be_visible()
    assert axe_violations(page) == []
    context.close()


def test_another_corpus_shows_its_own_greeting_and_starters(browser, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = ROOT / "tests" / "data" / "shoulder" / "shoulder-bursitis.md"
    (corpus / source.name).write_bytes(source.read_bytes())
    with running_server({"QA_BOT_CORPUS": str(corpus), "QA_BOT_DB": str(tmp_path / "qa.sqlite3")}) as base:
        context = browser.new_context()
        page = context.new_page()
        dialog = open_widget(page, base + "/")
        greeting = dialog.locator(".qa-greeting")
        expect(greeting).to_contain_text("Shoulder Bursitis")
        expect(greeting).to_contain_text("not medical advice")
        chips = dialog.get_by_role("group", name="Suggested questions").get_by_role("button")
        expect(chips.first).to_have_text("What is Shoulder Bursitis?")
        widget_text = page.evaluate("document.getElementById('qa-bot-widget').shadowRoot.textContent")
        assert not re.search(r"(?i)\b(gluteus|medius|hip|ice|bridge)\b", widget_text + page.content())
        chips.first.click()
        expect(dialog.get_by_role("log").locator("li").last).to_contain_text("bursa")
        context.close()
