"""A deterministic generator of realistic synthetic patient-education corpora, for scale benchmarks.

Documents have a title, question-style and topic headings, paragraphs and bullet lists. Words come
from a Zipfian vocabulary (a few very common words, a long tail) mixed with real medical words, so
common terms exist as they do in real libraries.

Run: python benchmarks/corpus_gen.py OUT_DIR --passages 10000 [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

MEDICAL = ("pain hip knee shoulder ankle back neck muscle tendon ligament bone joint injection ice heat rest "
           "exercise stretch strength swelling bruising numbness weakness fever infection doctor provider "
           "therapy physical therapist medicine ibuprofen surgery brace crutches splint walking running "
           "sleep posture symptoms diagnosis treatment prevention recovery weeks days minutes times daily "
           "inflammation arthritis sprain strain fracture tear cartilage spine nerve sciatica bursitis "
           "tendinitis x-ray mri ultrasound steroid cortisone massage balance core glute hamstring calf "
           "plantar fascia heel arch shoes orthotics weight activity sports lift bend kneel stand sit").split()
HEADINGS = ["What are the causes?", "What increases the risk?", "What are the signs or symptoms?",
            "How is this diagnosed?", "How is this treated?", "Follow these instructions at home:",
            "How is this prevented?", "Contact a health care provider if:", "Get help right away if:",
            "Managing pain", "Activity", "Medicines", "Exercises", "General instructions", "Recovery"]
SYLLABLES = "ka lo mi ne ru sa te vo pi da fe go hu ji ma no pe qui ro su ta ve wa xi yo ze".split()


def vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    """Made-up words, most frequent first, with the medical words spread through the head."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    for i, word in enumerate(MEDICAL):
        ordered.insert(min(len(ordered), 5 + i * 7), word)
    return ordered


class Writer:
    """Zipf-distributed sentences over a vocabulary."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng)
        weights = [1.0 / (rank + 1) ** 1.07 for rank in range(len(self.words))]
        total = sum(weights)
        self.cumulative = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cumulative.append(acc)

    def word(self) -> str:
        import bisect

        return self.words[min(len(self.words) - 1, bisect.bisect(self.cumulative, self.rng.random()))]

    def sentence(self, low: int = 6, high: int = 16) -> str:
        words = [self.word() for _ in range(self.rng.randint(low, high))]
        return " ".join(words).capitalize() + "."

    def document(self, index: int, sections: int) -> str:
        rng = self.rng
        lines = [f"{self.word().capitalize()} {self.word().capitalize()} {index}", ""]
        lines += [" ".join(self.sentence() for _ in range(2)), ""]
        for s in range(sections):
            heading = HEADINGS[s % len(HEADINGS)] if s < len(HEADINGS) else f"{self.word().capitalize()} {self.word()}"
            lines += [heading, ""]
            if heading.endswith(":") or rng.random() < 0.3:
                lines += [f"  • {self.sentence(3, 9)}" for _ in range(rng.randint(3, 5))] + [""]
            else:
                lines += [" ".join(self.sentence() for _ in range(rng.randint(2, 4))), ""]
        return "\n".join(lines)


def generate(out: Path, passages: int, seed: int = 7, sections_per_doc: int = 20) -> Path:
    """Write about `passages` passages' worth of documents into out/ (one passage a section)."""
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer(seed)
    documents = max(1, passages // (sections_per_doc + 1))
    for i in range(documents):
        (out / f"doc-{i:06d}.txt").write_text(writer.document(i, sections_per_doc), encoding="utf-8")
    return out


def questions(count: int = 200, seed: int = 11) -> list[str]:
    """Questions of 3–6 words drawn like the documents' text, so common words occur."""
    writer = Writer(7)
    writer.rng = random.Random(seed)
    templates = ["how long should I {}", "what helps {} {}", "is {} a sign of {}", "{} {} {} treatment",
                 "can I {} with {}", "when should I see a doctor about {} {}"]
    out = []
    for _ in range(count):
        template = writer.rng.choice(templates)
        out.append(template.format(*(writer.word() for _ in range(template.count("{}")))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.passages, args.seed)
    print(f"wrote {len(list(args.out.glob('*.txt')))} documents to {args.out}")


if __name__ == "__main__":
    main()
