#!/usr/bin/python3
"""Writes the ONNX fixtures of NativeNet's importer tests, made by PyTorch (Debian python3-torch 1.13).

For each model NAME it writes, next to this script:
  NAME.onnx          the model, exported in eval mode with a dynamic batch dimension
  NAME.input.f32     the inputs, float32 little-endian, row-major (N x features)
  NAME.probs.f32     PyTorch's class probabilities for them (N x classes): the model's output when it ends
                     in Softmax, else the softmax of its output
and one line per model in manifest.txt: NAME N FEATURES CLASSES OPSET.

Run from anywhere: /usr/bin/python3 tests/NativeNet.Tests/Onnx/Fixtures/make_fixtures.py
The weights come from a fixed seed; the outputs are committed, so the tests need no Python.
"""
import os
import struct
import zlib

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(20261206)


class ReshapeMatMul(nn.Module):
    """forward: x.reshape(x.shape[0], -1) @ W + b, so the export holds MatMul + Add behind a Shape/Gather/Unsqueeze/Concat/Reshape subgraph."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(784, 10) * 0.05)
        self.b = nn.Parameter(torch.randn(10) * 0.1)

    def forward(self, x):
        return x.reshape(x.shape[0], -1) @ self.w + self.b


def image_batch(n):
    return torch.rand(n, 1, 28, 28)


def models():
    yield "flatten_linear_relu", nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10)), image_batch(5), 13
    yield "sigmoid_softmax", nn.Sequential(nn.Linear(20, 16), nn.Sigmoid(), nn.Linear(16, 5), nn.Softmax(dim=1)), torch.randn(7, 20), 11

    bn = nn.Sequential(nn.Linear(30, 24), nn.BatchNorm1d(24), nn.Tanh(), nn.Dropout(0.3), nn.Linear(24, 6))
    with torch.no_grad():  # running statistics and affine parameters away from their defaults
        bn[1].running_mean.copy_(torch.randn(24) * 0.5)
        bn[1].running_var.copy_(torch.rand(24) * 2 + 0.5)
        bn[1].weight.copy_(torch.randn(24) * 0.3 + 1)
        bn[1].bias.copy_(torch.randn(24) * 0.2)
    yield "batchnorm_dropout_tanh", bn, torch.randn(6, 30), 15

    yield "reshape_matmul", ReshapeMatMul(), image_batch(4), 9
    yield "leaky_logsoftmax", nn.Sequential(nn.Linear(12, 9), nn.LeakyReLU(0.2), nn.Linear(9, 4), nn.LogSoftmax(dim=-1)), torch.randn(8, 12), 17


def write_png(path, pixels, width, height):
    """An 8-bit grayscale PNG, written by hand (no imaging library needed)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(pixels[y * width:(y + 1) * width]) for y in range(height))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def main():
    # A dark "1" on a light 56x56 background, for `nativenet predict --invert` (scaled to 28x28 by the CLI).
    digit = [255] * (56 * 56)
    for y in range(10, 46):
        for x in range(26, 31):
            digit[y * 56 + x] = 20
    write_png(os.path.join(HERE, "digit_one_56px.png"), digit, 56, 56)

    lines = []
    for name, model, x, opset in models():
        model.eval()
        path = os.path.join(HERE, name + ".onnx")
        torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
        with torch.no_grad():
            out = model(x)
            ends_in_softmax = isinstance(model, nn.Sequential) and isinstance(model[-1], nn.Softmax)
            probs = out if ends_in_softmax else torch.softmax(out.double(), dim=1).float()
        x.reshape(x.shape[0], -1).numpy().astype("<f4").tofile(os.path.join(HERE, name + ".input.f32"))
        probs.numpy().astype("<f4").tofile(os.path.join(HERE, name + ".probs.f32"))
        features = x[0].numel()
        lines.append(f"{name} {x.shape[0]} {features} {probs.shape[1]} {opset}")
        print(name, "opset", opset, "->", path)
    with open(os.path.join(HERE, "manifest.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
