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
"""
import json
import struct
import sys

import numpy as np
import torch

DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32, "I64": np.int64, "U8": np.uint8}
CODES = {np.dtype(v): k for k, v in DTYPES.items()}


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
        array = tensor.detach().cpu().contiguous().numpy()
        raw = array.astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": CODES[array.dtype], "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
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


def export_torch(weights, inputs, output):
    torch.manual_seed(20240611)
    net = model()
    net.train()
    with torch.no_grad():
        for _ in range(3):
            net(torch.randn(16, 1, 8, 8) * 2 + 0.5)
    net.eval()
    x = torch.randn(5, 1, 8, 8)
    with torch.no_grad():
        y = net(x)
    write_safetensors(weights, net.state_dict(), {"format": "pt"})
    write_safetensors(inputs, {"x": x})
    write_safetensors(output, {"y": y})


if __name__ == "__main__":
    torch.set_num_threads(1)
    commands = {"load-callosum": load_callosum, "export-torch": export_torch}
    if len(sys.argv) != 5 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
