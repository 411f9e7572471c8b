"""What kind of message this is, by meaning: a crisis, an emergency, small talk, or a question.

The rules of qa_bot.intents answer first where they are sure: a statement about now that matches
one ("my lips are swelling up") is a safety message. Every message is also compared, by sentence embedding,
with the exemplar messages in qa_bot/data/intents/ (plain text files a clinic can read and extend):
each kind scores the mean similarity of its few closest exemplars. Embeddings see the topic more
than the situation, so a small logistic model weighs those scores with a rule's match (a question
that matches one, "what are the warning signs of suicide?", is not sure) and the wording cues of
qa_bot.cues (asked in general, about the past, happening now). The model and its threshold are
fitted when the exemplars are loaded, each exemplar scored against the others' folds, so that a
few ordinary questions in a hundred at most are flagged.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa_bot import cache
from qa_bot.cues import CUES, asks, cues, hedged, present_states, settled
from qa_bot.embedding import Encoder
from qa_bot.exemplars import SAFETY_KINDS, Exemplars
from qa_bot.intents import Intent, detect_safety, detect_smalltalk

__all__ = ["Triage", "Verdict"]

log = logging.getLogger(__name__)
# Share of question exemplars the safety model may flag (out of fold). They are chosen to look alarming,
# so this is the most that keeps the fit sets' real questions within 2% flagged (15 of 906; 20 at 3%). Questions
# only: small talk is rarely near the line, and counting it let each small-talk exemplar added move the line.
MAX_FALSE_ALARMS = 0.027
FOLDS = 5  # an exemplar's scores come from the other folds' exemplars, as a new message's would
_STEPS, _RATE, _L2 = 2000, 0.5, 1e-3  # gradient descent of the logistic model (deterministic, about 0.3 s)
MAX_SMALLTALK_SLIPS = 0.005  # ... and may take for small talk: a question must rarely get "you're welcome"
_ABOUT_THE_BOT = ("help", "who", "how_are_you")  # small talk that, mid-conversation, is a follow-up question
_SEGMENT = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True)
class Verdict:
    """The kind of a message, and for a question, the question without its small talk."""

    kind: str  # "crisis", "emergency", "smalltalk" or "question"
    intent: str = ""  # the small-talk sub-kind ("greeting", "thanks", ...)
    rest: str = ""  # for a question: the text to answer
    nearest: str = ""  # the exemplar closest to the message, for whoever inspects a decision
    similarity: float = 0.0


# What the fitted safety model depends on besides the exemplars: its key covers these files' code too.
_MODEL_CODE = ("triage.py", "exemplars.py", "cues.py", "intents.py", "text.py")
_models: dict[str, SafetyModel] = {}  # fitted models, per set of exemplar files
_lock = threading.Lock()


def _features(scores: dict[str, np.ndarray], rule: np.ndarray, cue: np.ndarray) -> np.ndarray:
    """The safety model's inputs for m messages: kNN scores, the safety lead, a rule's match, the cues."""
    question, safety, small = (np.atleast_1d(scores.get(k, np.full(len(rule), -1.0))) for k in
                               ("question", "safety", "smalltalk"))
    asked, past, general = (cue[:, CUES.index(k)] for k in ("asks", "past", "general"))
    lead = safety - np.maximum(question, small)
    # The same lead over the single closest exemplars.
    nearest = np.atleast_1d(scores.get("safety@1", safety)) - np.maximum(
        np.atleast_1d(scores.get("question@1", question)), np.atleast_1d(scores.get("smalltalk@1", small)))
    # Products let wording count for less where the meaning is plainly one of danger, and a rule's match
    # for less in a question about the past or in general.
    return np.column_stack([question, safety, small, lead, nearest, rule, cue, rule * asked, rule * past,
                            rule * general, lead * asked, lead * general, nearest * asked])


@dataclass(frozen=True)
class SafetyModel:
    """Logistic weights over standardised features, and the score from which a message is flagged."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    smalltalk_margin: float

    def score(self, features: np.ndarray) -> np.ndarray:
        return ((features - self.mean) / self.scale) @ self.weights + self.bias

    def arrays(self) -> dict[str, np.ndarray]:
        """The model as plain arrays, for the cache folder."""
        return {name: np.asarray(getattr(self, name), dtype=np.float64) for name in _MODEL_FIELDS}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> SafetyModel:
        vectors = [arrays[name] for name in ("mean", "scale", "weights")]
        if len({v.shape for v in vectors}) != 1 or vectors[0].ndim != 1:
            raise ValueError("the cached model's arrays do not fit together")
        return cls(*vectors, *(float(arrays[name]) for name in ("bias", "threshold", "smalltalk_margin")))


_MODEL_FIELDS = ("mean", "scale", "weights", "bias", "threshold", "smalltalk_margin")


def _model_key(exemplars_key: str) -> str:
    """The key of a fitted model: the exemplars' key and the code that fits and applies it."""
    digest = hashlib.sha256(exemplars_key.encode())
    for name in _MODEL_CODE:
        digest.update(Path(__file__).with_name(name).read_bytes())
    return digest.hexdigest()


def _model_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"triage-{key[:32]}.npz"


def _restored(cache_dir: Path | None, key: str) -> SafetyModel | None:
    """The model an earlier process fitted on these exemplars, from the cache folder."""
    if cache_dir is None or not key or not _model_path(cache_dir, key).exists():
        return None
    try:
        return SafetyModel.from_arrays(cache.load_arrays(_model_path(cache_dir, key), key))
    except Exception as exc:  # whatever is wrong with the file, fitting again is the answer
        log.warning("ignoring cached triage model %s (%s)", _model_path(cache_dir, key), exc)
        return None


def _keep_model(cache_dir: Path | None, key: str, model: SafetyModel) -> None:
    """Save a fitted model in the cache folder unless it is there already: the next process need not fit it."""
    if cache_dir is None or not key or _model_path(cache_dir, key).exists():
        return
    try:
        cache.save_arrays(_model_path(cache_dir, key), key, model.arrays())
    except OSError as exc:
        log.warning("could not write %s: %s", _model_path(cache_dir, key), exc)


def _logistic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression, by plain gradient descent."""
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(_STEPS):
        grad = 1.0 / (1.0 + np.exp(-(x @ weights + bias))) - y
        weights -= _RATE * (x.T @ grad / len(y) + _L2 * weights)
        bias -= _RATE * float(grad.mean())
    return weights, bias


def _split(scores: dict[str, np.ndarray]) -> tuple[str, float, str, float, float]:
    """For one message: the likelier safety kind and the safety score, the likeliest small-talk kind
    and the small-talk score, and the question score."""
    safety = max(SAFETY_KINDS, key=lambda k: float(scores.get(k, -1.0)))
    small = max((k for k in scores if k.startswith("smalltalk:")), key=lambda k: float(scores[k]), default="")
    return (safety, float(scores["safety"]), small, float(scores["smalltalk"]),
            float(scores.get("question", -1.0)))


def _unsure(rule: Intent, text: str) -> bool:
    """True if a rule's match is left to the model: asked about or long past (unless a clause tells it now), or over."""
    # "I have chest pain, should I wait?" tells it now, in the clause before the question.
    if rule.sure:
        return False
    told_now = any(detect_safety(clause) for clause in present_states(text))
    return (hedged(text) and not told_now) or _over(rule, text)


def _over(rule: Intent, text: str) -> bool:
    """True if an emergency sign is told as over ("fainted last week, been fine since"): no evidence of now."""
    # Never a crisis ("I'm fine now but I want to kill myself"), nor a sure match (many pills swallowed).
    return rule.name == "emergency" and not rule.sure and settled(text)


class Triage:
    """Decides a message's kind before any retrieval.

    ``topics`` are vectors of what the documents are about (their headings): a message close to one
    of them is a question about the documents, however short, never small talk.
    """

    def __init__(self, encoder: Encoder, exemplars: Exemplars, topics: np.ndarray | None = None,
                 cache_dir: Path | None = None) -> None:
        self.encoder, self.exemplars = encoder, exemplars
        self.topics = topics if topics is not None and len(topics) else np.zeros((0, exemplars.vectors.shape[1]))
        key = _model_key(exemplars.key) if exemplars.key else ""
        with _lock:
            if not key or key not in _models:
                _models[key] = _restored(cache_dir, key) or self._fit()
            _keep_model(cache_dir, key, _models[key])
            self.model = _models[key]

    def _fit(self) -> SafetyModel:
        """The safety model and the small-talk margin, from the exemplars scored out of fold."""
        ex = self.exemplars
        n = len(ex.labels)
        fold = np.arange(n) % FOLDS
        scores: dict[str, np.ndarray] = {}  # each exemplar scored against the other folds
        for f in range(FOLDS):
            rows = np.flatnonzero(fold == f)
            sims = ex.vectors[rows] @ ex.vectors.T
            sims[:, rows] = -1.0  # the exemplar's own fold is unseen, as a new message's neighbours are
            for kind, values in ex.scores(sims).items():
                scores.setdefault(kind, np.zeros(n))[rows] = values
        labels = np.asarray(ex.labels)
        is_safety, is_question = np.isin(labels, SAFETY_KINDS), labels == "question"
        # A sure match never reaches the model (it decides first), so the model learns from the others only.
        matches = [detect_safety(t) for t in ex.texts]
        # Nor does a match told as over ("fainted last week, been fine since"): it is no evidence of now.
        rule = np.array([m is not None and not m.sure and not _over(m, t) for m, t in zip(matches, ex.texts, strict=True)],
                        dtype=np.float64)
        features = _features(scores, rule, np.array([cues(t) for t in ex.texts]).reshape(n, len(CUES)))
        mean, scale = features.mean(axis=0), features.std(axis=0) + 1e-9
        standard = (features - mean) / scale
        weights, bias = _logistic(standard, is_safety.astype(np.float64))
        scored = standard @ weights + bias
        # The highest score a question may reach while at most MAX_FALSE_ALARMS of them are flagged.
        ordinary = np.sort(scored[is_question])[::-1]
        allowed = int(MAX_FALSE_ALARMS * len(ordinary))
        threshold = float(ordinary[allowed]) if len(ordinary) > allowed else 0.0
        small_lead = scores["smalltalk"] - scores.get("question", np.full(n, -1.0))
        ordinary = np.sort(small_lead[is_question])[::-1]
        allowed = int(MAX_SMALLTALK_SLIPS * len(ordinary))
        smalltalk_margin = float(ordinary[allowed]) if len(ordinary) > allowed else 0.0
        recall = float(np.mean(scored[is_safety] > threshold)) if is_safety.any() else 0.0
        log.debug("triage: safety threshold %.3f (out-of-fold recall %.3f), small-talk margin %.3f",
                  threshold, recall, smalltalk_margin)
        return SafetyModel(mean, scale, weights, bias, threshold, smalltalk_margin)

    def _judge(self, text: str) -> tuple[str, str, str, float]:
        """(kind, small-talk intent, nearest exemplar, its similarity) of one piece of text.

        A statement that matches a rule is safety at once (nearest "(rule)"); a question, or a statement
        about long ago, that matches one is left to the model, where the match is one piece of evidence.
        """
        rule = detect_safety(text)
        if rule and not _unsure(rule, text):
            return rule.name, "", "(rule)", 1.0
        vector = self.encoder.question(text)
        sims = self.exemplars.vectors @ vector
        scores = self.exemplars.scores(sims)
        safety, _, small, t, q = _split(scores)
        topical = float((self.topics @ vector).max()) if len(self.topics) else -1.0
        best = int(np.argmax(sims))
        nearest, similarity = self.exemplars.texts[best], float(sims[best])
        features = _features(scores, np.array([float(rule is not None and not _over(rule, text))]), cues(text)[None, :])
        if float(self.model.score(features)[0]) > self.model.threshold:
            return (rule.name if rule else safety), "", nearest, similarity
        if t - max(q, topical) > self.model.smalltalk_margin:
            return "smalltalk", small.split(":", 1)[1], nearest, similarity
        return "question", "", nearest, similarity

    def classify(self, message: str, followup: bool = False) -> Verdict:
        """The kind of a message; safety wins over everything, then a question over small talk.

        In a conversation (``followup``) a short message that reads like "what can you do?" is a
        question about what was just discussed ("what does it do?"); thanks and goodbyes stay small talk.
        """
        rule = detect_safety(message)
        if rule and not _unsure(rule, message):
            return Verdict(rule.name, rest=message, nearest="(rule)", similarity=1.0)
        small = detect_smalltalk(message)
        # "are you a real person? im suicidal" is not small talk: its sentences are judged one by one.
        if small and small.name != "greeting" and not rule:
            # "thanks for everything" can be a goodbye: the model hears it out before it is taken as thanks.
            kind, _, nearest, similarity = self._judge(message)
            if kind in SAFETY_KINDS:
                return Verdict(kind, rest=message, nearest=nearest, similarity=similarity)
            return Verdict("smalltalk", small.name, nearest="(rule)", similarity=1.0)
        rest = small.rest if small and small.name == "greeting" else message
        if not any(c.isalnum() for c in rest):
            rest = ""  # "hey there 👋": nothing after the greeting but emoji and punctuation
        pieces = [p.strip() for p in _SEGMENT.split(rest) if p.strip()] if rest else []
        texts = list(dict.fromkeys([rest, *pieces] if len(pieces) > 1 else [rest]))
        judged = {text: self._judge(text) for text in texts if text}
        # Beside a question, a sentence is its context ("my son was just prescribed one"), and the question
        # leans on it ("what do I tell her?"): each is judged with the other, in the whole message.
        asked = [p for p in pieces if asks(p)]
        context = set(pieces) if len(pieces) > 1 and 0 < len(asked) < len(pieces) else set()
        # Safety first: what follows a greeting, or any one of its sentences.
        for text, (kind, _, nearest, similarity) in judged.items():
            if kind in SAFETY_KINDS and (text not in context or nearest == "(rule)"):
                return Verdict(kind, rest=message, nearest=nearest, similarity=similarity)
        if not rest:
            return Verdict("smalltalk", "greeting", nearest="(rule)", similarity=1.0)
        parts = pieces if len(pieces) > 1 else [rest]
        # A sentence that is a question's context stays with it whatever it resembles alone ("My kid had E. coli
        # and now the doctor is talking about his kidneys. What's that about?"): never dropped as small talk.
        questions = [p for p in parts if judged[p][0] == "question" or (p in context and judged[p][0] in SAFETY_KINDS)
                     or (followup and judged[p][1] in _ABOUT_THE_BOT)]
        if not questions:
            kind, intent, nearest, similarity = judged[rest]
            intent = intent if kind == "smalltalk" else judged[parts[0]][1]
            return Verdict("smalltalk", intent or "greeting", nearest=nearest, similarity=similarity)
        return Verdict("question", rest=" ".join(questions))

