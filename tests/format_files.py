"""Real HTML and Word files written from a document's structure, for tests and the bundled examples.

A block is (kind, text, depth, ordered): kind is "heading", "paragraph" or "item".
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from qa_bot.documents import Document

Block = tuple[str, str, int, bool]


def structure(doc: Document) -> tuple[str, list[Block]]:
    """Title and blocks of a loaded document, as its reader found them."""
    blocks: list[Block] = []
    for i, section in enumerate(doc.sections):
        if i or section.heading != doc.title:
            blocks.append(("heading", section.heading, 0, False))
        for b, block in enumerate(section.blocks):
            text = " ".join(u.text for u in section.units if u.block == b)
            if text:
                blocks.append((block.kind, text, block.depth, block.ordered))
    return doc.title, blocks


def _html_body(blocks: list[Block], heading_tag: str = "h2") -> str:
    out: list[str] = []
    open_lists: list[str] = []
    for kind, text, depth, ordered in blocks:
        if kind != "item":
            while open_lists:
                out.append(f"</li></{open_lists.pop()}>")
        if kind == "heading":
            out.append(f"<{heading_tag} id=\"{escape(text[:20].lower().replace(' ', '-'))}\">{escape(text)}</{heading_tag}>")
        elif kind == "paragraph":
            # Inline markup inside a paragraph, as a content editor leaves it.
            first, _, rest = text.partition(" ")
            out.append(f"<p><strong>{escape(first)}</strong> {escape(rest)}</p>" if rest else f"<p>{escape(text)}</p>")
        else:
            if len(open_lists) == depth + 1:
                out.append("</li>")
            while len(open_lists) > depth + 1:
                out.append(f"</li></{open_lists.pop()}>")
                if len(open_lists) == depth + 1:
                    out.append("</li>")
            while len(open_lists) < depth + 1:
                open_lists.append("ol" if ordered else "ul")
                out.append(f"<{open_lists[-1]}>")
            head, dot, tail = text.partition(". ")
            item = f'<a href="#x">{escape(head)}</a>{dot}{escape(tail)}' if tail and len(head) < 40 else escape(text)
            out.append(f"<li>{item}")
    while open_lists:
        out.append(f"</li></{open_lists.pop()}>")
    return "\n".join(out)


_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif}} .cookie{{position:fixed;bottom:0}}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<script type="application/ld+json">{{"@type": "MedicalWebPage", "name": "{title}"}}</script>
</head>"""

AGENCY = _HEAD + """<body>
<a class="usa-skipnav" href="#main-content">Skip to main content</a>
<section class="usa-banner" aria-label="Official website of the United States government">
<p>An official website of the United States government. Here's how you know.</p></section>
<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">
<p>We use cookies to improve your experience on our website. By continuing you accept our use of cookies.</p>
<button>Accept all cookies</button> <button>Manage preferences</button></div>
<header class="site-header"><a href="/" class="logo">National Institute of Health Information</a>
<nav aria-label="Primary navigation"><ul><li><a href="/topics">Health Topics</a></li><li><a href="/research">Research
Funding and Grants</a></li><li><a href="/news">News and Events</a></li><li><a href="/about">About Us</a></li></ul></nav>
<form role="search"><label>Search this site <input name="q"></label><button>Search</button></form></header>
<nav aria-label="Breadcrumb" class="breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/topics">Health
Topics</a></li><li>{title}</li></ol></nav>
<main id="main-content"><article>
<h1>{title}</h1>
<div class="share-tools"><span>Share this page:</span><ul class="share"><li><a href="#f">Facebook</a></li>
<li><a href="#x">X (formerly Twitter)</a></li><li><a href="#e">Email this page</a></li><li><a href="#p">Print</a></li></ul></div>
<nav class="toc" aria-label="On this page"><p>On this page</p><ul>{toc}</ul></nav>
{body}
<p class="last-reviewed">Last Reviewed: February 2023</p>
</article>
<aside class="related"><h2>Related Health Topics</h2><ul><li><a href="/a">Arthritis and joint health overview</a></li>
<li><a href="/b">Osteoporosis and bone health resources</a></li><li><a href="/c">Physical activity guidelines for
adults</a></li></ul></aside></main>
<footer class="site-footer"><div><h2>Contact Us</h2><p>1 Information Way, Bethesda, MD 20892. Phone: 1-877-226-4267.</p>
<p>Sign up to receive email updates about new health information and research news from our institute.</p>
<form><input name="email"><button>Subscribe</button></form></div>
<ul><li><a href="/privacy">Privacy Policy</a></li><li><a href="/foia">Freedom of Information Act</a></li>
<li><a href="/access">Accessibility</a></li><li><a href="/disclaimer">Disclaimers</a></li></ul>
<p>U.S. Department of Health and Human Services. National Institutes of Health.</p></footer>
<script src="/js/analytics.js"></script><script>gtag('config', 'G-XXXX'); document.write("Tracking pixel text");</script>
</body></html>"""

CMS = _HEAD + """<body class="post-template">
<div id="wrapper"><div class="topbar">Call us: (555) 010-2000 | Mon–Fri 8am–5pm | <a href="/portal">Patient portal login</a></div>
<div id="header"><div class="site-title"><a href="/">Riverside Family Clinic</a></div>
<div id="menu" class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/services">Our Services and
Specialties</a></li><li><a href="/doctors">Find a Doctor Near You</a></li><li><a href="/library">Patient Library</a>
</li><li><a href="/contact">Contact and Directions</a></li></ul></div></div>
<div class="cookie-notice" id="cookie-notice"><span>This website uses cookies to ensure you get the best experience.
<a href="/privacy">Learn more</a></span> <a class="button">Got it!</a></div>
<div id="container"><div id="content" class="site-content">
<div class="breadcrumbs">You are here: <a href="/">Home</a> » <a href="/library">Patient Library</a> » {title}</div>
<div class="post">
<h1 class="entry-title">{title}</h1>
<div class="entry-meta">Posted on March 3, 2024 by Clinic Staff Writer in Patient Education</div>
<div class="entry-content">
{body}
</div>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#t">Twitter</a></li>
<li><a href="#f">Facebook</a></li><li><a href="#l">LinkedIn</a></li></ul></div>
<div class="related-posts"><h3>Related Posts</h3><ul><li><a href="/p1">Five stretches you can do at your desk every
day</a></li><li><a href="/p2">What to expect at your first physical therapy visit</a></li></ul></div>
<div id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked.</p>
<form><textarea name="comment"></textarea><button>Post Comment</button></form></div>
</div></div>
<div id="sidebar" class="widget-area"><div class="widget"><h3 class="widget-title">Popular Articles</h3><ul>
<li><a href="/x">Managing high blood pressure at home with diet and exercise</a></li>
<li><a href="/y">When should you see a doctor about a headache that will not go away</a></li></ul></div>
<div class="widget"><h3 class="widget-title">Newsletter</h3><p>Sign up for our monthly newsletter with health tips
from our clinicians.</p></div></div></div>
<div id="footer" class="site-footer"><p>© 2024 Riverside Family Clinic. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms of Use</a> · <a href="/sitemap">Sitemap</a></p>
<p>The information on this website is for general education only and is not a substitute for professional advice.</p>
</div></div>
<script>jQuery(function($){{ $('.cookie-notice').show(); }});</script>
</body></html>"""

BARE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>
<h1>{title}</h1>
{body}
</body></html>"""

# A site built with CSS modules: the same furniture, but no class or id says what anything is.
HASHED = _HEAD + """<body><div class="a1x"><div class="k9q">
<div class="p3z"><a href="/">Lakeside Health Partners</a></div>
<div class="m2w"><a href="/">Home</a> <a href="/services">Services and Specialties</a> <a href="/doctors">Find a
Doctor</a> <a href="/library">Health Library</a> <a href="/contact">Contact</a></div></div>
<div class="c7r">We use cookies to personalise content and analyse our traffic. <a href="/privacy">Privacy
policy</a> <span>Accept</span></div>
<div class="b8t"><a href="/">Home</a> / <a href="/library">Health Library</a> / {title}</div>
<div class="w4e"><div class="t0y">
<h1>{title}</h1>
<div class="s5u"><a href="#f">Share on Facebook</a> <a href="#t">Share on X</a> <a href="#m">Email</a></div>
{body}
<div class="r6i"><h3>You might also like</h3><ul><li><a href="/r1">Exercises to strengthen your core and lower
back</a></li><li><a href="/r2">How to choose running shoes that support your feet</a></li><li><a href="/r3">Healthy
sleep habits for adults and children</a></li></ul></div>
</div>
<div class="g2o"><div><h3>Most read</h3><ul><li><a href="/m1">Ten signs you should see a doctor about your
headaches</a></li><li><a href="/m2">Understanding your blood test results</a></li></ul></div>
<div><h3>Stay informed</h3><p>Get our free monthly newsletter with health tips from our doctors and nurses.</p></div>
</div></div>
<div class="f1l"><p>© 2024 Lakeside Health Partners. All rights reserved.</p><p><a href="/privacy">Privacy</a>
<a href="/terms">Terms</a> <a href="/accessibility">Accessibility</a></p></div></div>
</body></html>"""

TEMPLATES = {"agency": AGENCY, "cms": CMS, "hashed": HASHED, "bare": BARE}


def to_html(title: str, blocks: list[Block], template: str = "agency") -> str:
    """A web page of the document inside a site template (navigation, cookie banner, footer, ...)."""
    toc = "".join(f'<li><a href="#s">{escape(text)}</a></li>' for kind, text, *_ in blocks if kind == "heading")
    return TEMPLATES[template].format(title=escape(title), site="Health Information", toc=toc, body=_html_body(blocks))


def _number(paragraph, num_id: str, depth: int) -> None:
    """Give a paragraph Word's list numbering (numId, ilvl), as Word does for a nested list item."""
    numpr = OxmlElement("w:numPr")
    level, number = OxmlElement("w:ilvl"), OxmlElement("w:numId")
    level.set(qn("w:val"), str(depth))
    number.set(qn("w:val"), num_id)
    numpr.append(level)
    numpr.append(number)
    paragraph._p.get_or_add_pPr().append(numpr)


def to_docx(title: str, blocks: list[Block], path: Path, header: str = "Riverside Family Clinic") -> Path:
    """A .docx with Title and Heading styles, numbered and bulleted lists, and a running header and footer."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{header} · Patient education"
    section.footer.paragraphs[0].text = "For general information only. Page 1"
    document.core_properties.title = "Microsoft Word - handout-final-v3.docx"
    document.add_paragraph(title, style="Title")
    bullet = document.styles["List Bullet"].element.pPr.numPr.numId.val
    numbered = document.styles["List Number"].element.pPr.numPr.numId.val
    for kind, text, depth, ordered in blocks:
        if kind == "heading":
            document.add_heading(text, level=2 if text.endswith("Injuries") and "Common" not in text else 1)
        elif kind == "paragraph":
            document.add_paragraph(text)
        else:
            paragraph = document.add_paragraph(text, style="List Number" if ordered else "List Bullet")
            if depth:
                _number(paragraph, str(numbered if ordered else bullet), depth)
    document.save(path)
    return path


def nest_like_the_source(blocks: list[Block]) -> list[Block]:
    """Nest the items the text copies flattened: after an item ending in a colon, and fracture kinds."""
    out: list[Block] = []
    nested = False
    for kind, text, depth, ordered in blocks:
        if kind != "item":
            nested = False
        elif text.startswith(("Acute fractures.", "Stress fractures.", "Growth plate fractures.")) or nested:
            depth = depth + 1
        out.append((kind, text, depth, ordered))
        if kind == "item" and text.endswith(":"):
            nested = True
    return out
