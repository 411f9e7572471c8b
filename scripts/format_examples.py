"""Write tests/data/formats/sports-injuries/ as HTML, PDF and Word from its plain-text version.

The text is a public-domain NIAMS page (see tests/data/formats/README.md). Run after changing
tests/format_files.py or tests/pdf_writer.py:  python scripts/format_examples.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa_bot.loader import load_document  # noqa: E402
from tests.format_files import nest_like_the_source, structure, to_docx, to_html  # noqa: E402
from tests.pdf_writer import to_pdf  # noqa: E402

FOLDER = ROOT / "tests" / "data" / "formats" / "sports-injuries"


def main() -> None:
    title, blocks = structure(load_document(FOLDER / "sports-injuries.txt"))
    blocks = nest_like_the_source(blocks)
    (FOLDER / "sports-injuries.html").write_text(to_html(title, blocks, "agency"), encoding="utf-8")
    to_pdf(title, blocks, FOLDER / "sports-injuries.pdf", columns=2)
    to_docx(title, blocks, FOLDER / "sports-injuries.docx")


if __name__ == "__main__":
    main()
