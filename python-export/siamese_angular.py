"""Use a siamese-angular model from Python: the Java project's exports, or any SavedModel with the same contract
(a Keras 3 `model.export` of a siamese model: see the README, "Your own Keras model").

    import siamese_angular as sa
    model = sa.load("models/keras-reference")
    model("colour", "color")                      # one pair -> float, 0 = same direction, 1 = opposite
    model(["kitten", "abc"], ["sitting", "xyz"])  # pairs -> numpy float32 [B]
    model.embed(["colour"])                       # [B, size], when the model has an `embed` signature
    sa.encode(["ab", "c"])                        # float32 [2, 2, 1] code points, right-padded with 0

Strings become their Unicode code points (a Python str iterates code points, so an emoji is one step), right-padded
with 0 to the longest string of the call, as the Java side does (U+0000 is the padding and cannot be scored). The
inputs' dtype and rank are read from the signature: float32 [B, T, 1], or int32/int64 [B, T] for an Embedding.
Needs numpy and tensorflow (2.18 reads every export of this project); loading runs the model's graph: load only
models you trust.
"""
import numpy as np

__all__ = ["encode", "load", "Model"]


def encode(strings, dtype=np.float32, channel=True, length=None):
    """Code points of each string, right-padded with 0: [B, T, 1] (channel=True) or [B, T], T = the longest
    (at least 1) or `length`. Raises ValueError for U+0000 (the padding) or a string longer than `length`."""
    if isinstance(strings, str):
        raise TypeError("encode takes a list of strings; wrap one string in a list")
    strings = list(strings)
    longest = max([1] + [len(s) for s in strings])
    width = longest if length is None else int(length)
    out = np.zeros((len(strings), width), dtype)
    for row, text in enumerate(strings):
        if not isinstance(text, str):
            raise TypeError(f"string {row} is {type(text).__name__}, expected str")
        if "\0" in text:
            raise ValueError(f"string {row} contains U+0000 at {text.index(chr(0))}; it is the padding value")
        if len(text) > width:
            raise ValueError(f"string {row} has {len(text)} code points; the model takes at most {width}")
        out[row, :len(text)] = [ord(c) for c in text]
    return out[:, :, None] if channel else out


class Model:
    """A loaded model: model(left, right) scores; see load()."""

    def __init__(self, saved_model, left="left", right="right", output=None):
        self._saved = saved_model
        self._scoring = saved_model.signatures["serving_default"]
        _, inputs = self._scoring.structured_input_signature
        for name in (left, right):
            if name not in inputs:
                raise ValueError(f"serving_default has no input {name!r}; its inputs are {sorted(inputs)} "
                                 "(name them with load(dir, left=..., right=...))")
        outputs = self._scoring.structured_outputs
        if output is None:
            output = "distance" if "distance" in outputs else (next(iter(outputs)) if len(outputs) == 1 else None)
        if output not in outputs:
            raise ValueError(f"serving_default outputs are {sorted(outputs)}: name the distance with output=...")
        self._left, self._right, self._output = left, right, output
        self._specs = {name: inputs[name] for name in (left, right)}
        self._embed = saved_model.signatures.get("embed")

    def __call__(self, left, right):
        """Distance of one pair (two str) as a float, or of lists of pairs as a float32 array [B]."""
        single = isinstance(left, str) and isinstance(right, str)
        lefts, rights = ([left], [right]) if single else (list(left), list(right))
        if len(lefts) != len(rights):
            raise ValueError(f"lefts and rights differ in size: {len(lefts)} vs {len(rights)}")
        if not lefts:
            return np.zeros((0,), np.float32)
        longest = max(len(s) for s in lefts + rights)
        feed = {name: self._encode(texts, self._specs[name], longest)
                for name, texts in ((self._left, lefts), (self._right, rights))}
        distances = self._scoring(**feed)[self._output].numpy().reshape(len(lefts))
        return float(distances[0]) if single else distances

    def embed(self, texts):
        """Embeddings [B, size] of the texts (size: units with pooling last, units + the encoding's width with
        mean-bag); needs the model's `embed` signature (this project's exports)."""
        if self._embed is None:
            raise ValueError("this model has no 'embed' signature (a Keras export of a whole siamese model has "
                             "none); it can only score pairs")
        _, inputs = self._embed.structured_input_signature
        (name, spec), = inputs.items()
        texts = list(texts)
        result = self._embed(**{name: self._encode(texts, spec, max([1] + [len(t) for t in texts]))})
        return next(iter(result.values())).numpy()

    @staticmethod
    def _encode(texts, spec, longest):
        import tensorflow as tf
        rank = spec.shape.rank
        fixed = spec.shape[1] if rank is not None and rank >= 2 else None
        return tf.constant(encode(texts, spec.dtype.as_numpy_dtype, channel=rank != 2,
                                  length=fixed if fixed is not None else longest))


def load(model_dir, left="left", right="right", output=None):
    """Loads the SavedModel in model_dir; returns a Model, called as model(left, right). left, right and output
    name the serving_default tensors when they are not left, right and distance (or the only output)."""
    import tensorflow as tf
    return Model(tf.saved_model.load(str(model_dir)), left, right, output)
