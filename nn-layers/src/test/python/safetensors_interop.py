#!/usr/bin/env python3
"""Safetensors interchange between callosum and PyTorch, driven by SafeTensorsInteropTest.

Reads and writes safetensors with struct/json/numpy only (no safetensors package), so it also checks that
callosum's files follow the published format rather than one library's reading of it.

The model is the same in both libraries:
    Conv2d(1, 8, 3, padding=1) - BatchNorm2d(8) - ReLU - MaxPool2d(2) - Flatten - Linear(8*4*4, 10)   on 1x8x8 input

usage:
  safetensors_interop.py load-callosum WEIGHTS INPUT OUTPUT
      load callosum's weight file into the torch model (strict), run tensor "x" of INPUT in eval mode,
      write the result as tensor "y" of OUTPUT
  safetensors_interop.py export-torch WEIGHTS INPUT OUTPUT
      initialise the torch model its own way (seeded), run a few training batches so BatchNorm's running
      statistics move, then write its state_dict to WEIGHTS, a fixed input "x" to INPUT and the eval-mode output
      "y" to OUTPUT
  safetensors_interop.py export-torch-half F16_WEIGHTS BF16_WEIGHTS INPUT OUTPUT
      as export-torch, then write the state_dict converted to float16 to F16_WEIGHTS and to bfloat16 to
      BF16_WEIGHTS (integer buffers stay I64, as model.half() leaves them), a fixed input "x" to INPUT, and to OUTPUT
      the float32 eval-mode outputs: "y" of the float32 weights, "y_f16" and "y_bf16" of the weights rounded to each
      half format and widened back to float32
"""
import json
import struct
import sys

import numpy as np
import torch

DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64, "U8": np.uint8}
CODES = {np.dtype(v): k for k, v in DTYPES.items()}
# numpy has no bfloat16: half tensors are written as their raw 16-bit patterns
HALF_CODES = {torch.float16: "F16", torch.bfloat16: "BF16"}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    start = 8 + n
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dtype = np.dtype(DTYPES[info["dtype"]]).newbyteorder("<")
        array = np.frombuffer(data[start + begin:start + end], dtype=dtype).reshape(info["shape"])
        tensors[name] = torch.from_numpy(array.astype(array.dtype.newbyteorder("="), copy=True))
    return tensors, metadata


def write_safetensors(path, tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, tensor in tensors.items():
        tensor = tensor.detach().cpu().contiguous()
        if tensor.dtype in HALF_CODES:
            code, array = HALF_CODES[tensor.dtype], tensor.view(torch.int16).numpy()
        else:
            array = tensor.numpy()
            code = CODES[array.dtype]
        raw = array.astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": code, "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    encoded = json.dumps(header).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)


def model():
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, padding=1),
        torch.nn.BatchNorm2d(8),
        torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Flatten(),
        torch.nn.Linear(8 * 4 * 4, 10),
    )


def load_callosum(weights, inputs, output):
    net = model()
    state, _ = read_safetensors(weights)
    net.load_state_dict(state, strict=True)
    net.eval()
    x = read_safetensors(inputs)[0]["x"]
    with torch.no_grad():
        y = net(x)
    write_safetensors(output, {"y": y})


def trained_model():
    """The seeded torch model after 3 training batches (BatchNorm's running statistics moved), in eval mode."""
    torch.manual_seed(20240611)
    net = model()
    net.train()
    with torch.no_grad():
        for _ in range(3):
            net(torch.randn(16, 1, 8, 8) * 2 + 0.5)
    net.eval()
    return net


def export_torch(weights, inputs, output):
    net = trained_model()
    x = torch.randn(5, 1, 8, 8)
    with torch.no_grad():
        y = net(x)
    write_safetensors(weights, net.state_dict(), {"format": "pt"})
    write_safetensors(inputs, {"x": x})
    write_safetensors(output, {"y": y})


def export_torch_half(f16_weights, bf16_weights, inputs, output):
    net = trained_model()
    x = torch.randn(5, 1, 8, 8)
    outputs = {}
    with torch.no_grad():
        outputs["y"] = net(x)
        state = net.state_dict()
        for dtype, path, key in ((torch.float16, f16_weights, "y_f16"), (torch.bfloat16, bf16_weights, "y_bf16")):
            half = {k: v.to(dtype) if v.is_floating_point() else v for k, v in state.items()}
            write_safetensors(path, half, {"format": "pt"})
            rounded = model()
            rounded.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in half.items()}, strict=True)
            rounded.eval()
            outputs[key] = rounded(x)
    write_safetensors(inputs, {"x": x})
    write_safetensors(output, outputs)


if __name__ == "__main__":
    torch.set_num_threads(1)
    commands = {"load-callosum": (load_callosum, 3), "export-torch": (export_torch, 3), "export-torch-half": (export_torch_half, 4)}
    if len(sys.argv) < 2 or sys.argv[1] not in commands or len(sys.argv) != 2 + commands[sys.argv[1]][1]:
        sys.exit(__doc__)
    commands[sys.argv[1]][0](*sys.argv[2:])
