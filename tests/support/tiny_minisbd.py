"""Build a genuine, tiny MiniSBD sentence-boundary model (ONNX) for the LibreTranslate tests.

argos-translate-lt splits every text with MiniSBD, which otherwise downloads `en.onnx` on
first use; offline every `/translate` would fail. This model is real ONNX that MiniSBD loads
and runs exactly like its published ones: inputs `units` (character ids, int64 [B, S]) and
`features` (float [B, S, 1], the `space_before` feature), output scores for MiniSBD's five
classes per character (0 inside a token, 1 token end, 2 sentence end, 3/4 multi-word token
variants), plus the vocabulary and config that MiniSBD reads from the model's metadata.

Its rule, in a handful of ONNX nodes: a character followed by a space (or the end of the
paragraph) ends a token; a full stop so followed ends a sentence.

The onnx package is not in LibreTranslate's venv (and would upgrade its pinned numpy), so
the protobuf is written here directly: a few message types, field numbers from onnx.proto.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

#: MiniSBD's vocabulary: ids 0 and 1 are fixed (<PAD>, <UNK>); the rest are characters.
UNITS = ["<PAD>", "<UNK>", " ", "."]
PAD_ID, PERIOD_ID = UNITS.index("<PAD>"), UNITS.index(".")
CONFIG = {
    "skip_newline": False,
    "max_seqlen": 1000,
    "no_ssplit": False,
    "batch_size": 32,
    "feat_funcs": ["space_before"],
    "use_dictionary": False,
    "num_dict_feat": 0,
}

# onnx.proto enums.
_FLOAT, _INT64 = 1, 7  # TensorProto.DataType
_ATTR_INT = 2  # AttributeProto.AttributeType
_INT64_MAX = 2**63 - 1


def build_model() -> bytes:
    """The serialized ModelProto (IR 8, opset 13)."""
    nodes = [
        _node("Equal", ["units", "period_id"], ["is_period_b"]),
        _node("Cast", ["is_period_b"], ["is_period"], to=_FLOAT),
        _node("Equal", ["units", "pad_id"], ["is_pad_b"]),
        _node("Cast", ["is_pad_b"], ["is_pad"], to=_FLOAT),
        _node("Squeeze", ["features", "last_axis"], ["is_space"]),
        _node("Max", ["is_space", "is_pad"], ["boundary"]),
        # boundary of the next character; past the end counts as a boundary.
        _node("Slice", ["boundary", "one", "int_max", "seq_axis"], ["boundary_after"]),
        _node("Pad", ["boundary_after", "pad_end", "one_f"], ["token_end"]),
        _node("Mul", ["is_period", "token_end"], ["period_end"]),
        _node("Add", ["period_end", "period_end"], ["sentence_end"]),
        _node("Mul", ["boundary", "zero_f"], ["zeros"]),
        _node("Add", ["zeros", "half_f"], ["inside"]),
    ]
    scores = ["inside", "token_end", "sentence_end", "zeros", "zeros"]
    for index, name in enumerate(scores):
        nodes.append(_node("Unsqueeze", [name, "last_axis"], [f"class_{index}"]))
    nodes.append(_node("Concat", [f"class_{i}" for i in range(5)], ["scores"], axis=2))
    initializers = [
        _tensor("period_id", _INT64, [], [PERIOD_ID]),
        _tensor("pad_id", _INT64, [], [PAD_ID]),
        _tensor("last_axis", _INT64, [1], [2]),
        _tensor("seq_axis", _INT64, [1], [1]),
        _tensor("one", _INT64, [1], [1]),
        _tensor("int_max", _INT64, [1], [_INT64_MAX]),
        _tensor("pad_end", _INT64, [4], [0, 0, 0, 1]),
        _tensor("one_f", _FLOAT, [], [1.0]),
        _tensor("zero_f", _FLOAT, [], [0.0]),
        _tensor("half_f", _FLOAT, [], [0.5]),
    ]
    graph = (
        b"".join(_field(1, node) for node in nodes)
        + _field(2, b"tiny-minisbd")
        + b"".join(_field(5, tensor) for tensor in initializers)
        + _field(11, _value_info("units", _INT64, ["batch", "seq"]))
        + _field(11, _value_info("features", _FLOAT, ["batch", "seq", 1]))
        + _field(12, _value_info("scores", _FLOAT, ["batch", "seq", 5]))
    )
    vocab = {
        "lang": "en",
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_id2unit": UNITS,
        "_unit2id": {unit: i for i, unit in enumerate(UNITS)},
    }
    metadata = {
        "lang_code": "en",
        "config": json.dumps(CONFIG),
        "vocab": json.dumps(vocab),
        "lexicon": "null",
    }
    return (
        _varint_field(1, 8)  # ir_version
        + _field(2, b"newsloc-tests")  # producer_name
        + _field(7, graph)
        + _field(8, _varint_field(2, 13))  # opset_import: default domain, version 13
        + b"".join(
            _field(14, _field(1, key.encode()) + _field(2, value.encode()))
            for key, value in metadata.items()
        )
    )


def write_model(path: Path) -> Path:
    """Write the model to path (e.g. `<data dir>/argos-translate/minisbd/en.onnx`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_model())
    return path


def _node(op: str, inputs: list[str], outputs: list[str], **ints: int) -> bytes:
    attributes = b"".join(
        _field(5, _field(1, name.encode()) + _varint_field(3, value) + _varint_field(20, _ATTR_INT))
        for name, value in ints.items()
    )
    return (
        b"".join(_field(1, name.encode()) for name in inputs)
        + b"".join(_field(2, name.encode()) for name in outputs)
        + _field(3, f"{op}_{outputs[0]}".encode())
        + _field(4, op.encode())
        + attributes
    )


def _tensor(name: str, data_type: int, dims: list[int], values: list[float]) -> bytes:
    fmt = f"<{len(values)}{'q' if data_type == _INT64 else 'f'}"
    return (
        b"".join(_varint_field(1, dim) for dim in dims)
        + _varint_field(2, data_type)
        + _field(8, name.encode())
        + _field(9, struct.pack(fmt, *values))  # raw_data
    )


def _value_info(name: str, elem_type: int, dims: list[str | int]) -> bytes:
    shape = b"".join(
        _field(1, _field(2, dim.encode()) if isinstance(dim, str) else _varint_field(1, dim))
        for dim in dims
    )
    tensor_type = _varint_field(1, elem_type) + _field(2, shape)
    return _field(1, name.encode()) + _field(2, _field(1, tensor_type))


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _varint_field(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def _field(number: int, payload: bytes) -> bytes:
    """A length-delimited field: a string, bytes or an embedded message."""
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


if __name__ == "__main__":  # used by hand: python -m tests.support.tiny_minisbd OUT.onnx
    import sys

    print(write_model(Path(sys.argv[1])))
