"""A 3D U-Net in the nnU-Net style, exported to ONNX with PyTorch, and a PyTorch reference of Hardy's sliding window.

Used by scripts/fetch-inference-data.sh (a small network + expected probabilities for the Java parity test) and by
scripts/bench-segment.sh (a network of the default model's size, timed against Hardy on the same patches).
Run with Debian's python: /usr/bin/python3 -Es scripts/torch_unet.py fixture|bench OUT_DIR
"""
import hashlib
import json
import math
import os
import sys
import time

import torch
from torch import nn


class Stage(nn.Sequential):
    """Two (conv 3x3x3 -> instance norm -> leaky ReLU) blocks; the first may stride to downsample."""

    def __init__(self, cin, cout, stride):
        super().__init__(
            nn.Conv3d(cin, cout, 3, stride=stride, padding=1), nn.InstanceNorm3d(cout, affine=True),
            nn.LeakyReLU(0.01, inplace=True),
            nn.Conv3d(cout, cout, 3, padding=1), nn.InstanceNorm3d(cout, affine=True),
            nn.LeakyReLU(0.01, inplace=True))


class UNet3d(nn.Module):
    def __init__(self, in_channels, classes, base, levels):
        super().__init__()
        widths = [base * 2 ** i for i in range(levels)]
        self.down = nn.ModuleList(
            [Stage(in_channels, widths[0], 1)] + [Stage(widths[i - 1], widths[i], 2) for i in range(1, levels)])
        self.up = nn.ModuleList(
            [nn.ConvTranspose3d(widths[i], widths[i - 1], 2, stride=2) for i in range(levels - 1, 0, -1)])
        self.merge = nn.ModuleList([Stage(2 * widths[i - 1], widths[i - 1], 1) for i in range(levels - 1, 0, -1)])
        self.head = nn.Conv3d(widths[0], classes, 1)

    def forward(self, x):
        skips = []
        for stage in self.down:
            x = stage(x)
            skips.append(x)
        skips.pop()
        for up, merge in zip(self.up, self.merge):
            x = merge(torch.cat([up(x), skips.pop()], dim=1))
        return self.head(x)


def starts(size, patch, step):
    """Patch starts along one axis, exactly as hardy.inference.SlidingWindow.starts (round half up)."""
    if size <= patch:
        return [0]
    n = math.ceil((size - patch) / (patch * step)) + 1
    stride = (size - patch) / (n - 1)
    return [int(math.floor(i * stride + 0.5)) for i in range(n)]


def gaussian(patch):
    """Importance map as SlidingWindow.gaussian, shape (pz, py, px): sigma = patch / 8, maximum 1."""
    axes = []
    for p in patch:
        c = (p - 1) / 2.0
        s = p / 8.0
        x = torch.arange(p, dtype=torch.float64)
        axes.append(torch.exp(-(x - c) ** 2 / (2 * s * s)))
    g = axes[2][:, None, None] * axes[1][None, :, None] * axes[0][None, None, :]
    return (g / g.max()).float()


@torch.no_grad()
def sliding_window(net, image, classes, patch, step):
    """Softmax probabilities of a (nz, ny, nx) image, Gaussian-weighted over patches (patch given along i, j, k)."""
    nz, ny, nx = image.shape
    px, py, pz = patch
    pad = [max(nx, px), max(ny, py), max(nz, pz)]
    off = [(pad[0] - nx) // 2, (pad[1] - ny) // 2, (pad[2] - nz) // 2]
    padded = torch.zeros((1, 1, pad[2], pad[1], pad[0]))
    padded[0, 0, off[2]:off[2] + nz, off[1]:off[1] + ny, off[0]:off[0] + nx] = image
    w = gaussian(patch)
    acc = torch.zeros((classes, pad[2], pad[1], pad[0]))
    wsum = torch.zeros((pad[2], pad[1], pad[0]))
    for sz in starts(pad[2], pz, step):
        for sy in starts(pad[1], py, step):
            for sx in starts(pad[0], px, step):
                x = padded[:, :, sz:sz + pz, sy:sy + py, sx:sx + px]
                p = torch.softmax(net(x)[0], dim=0)
                acc[:, sz:sz + pz, sy:sy + py, sx:sx + px] += w * p
                wsum[sz:sz + pz, sy:sy + py, sx:sx + px] += w
    acc /= wsum
    return acc[:, off[2]:off[2] + nz, off[1]:off[1] + ny, off[0]:off[0] + nx]


def export(net, patch, out_dir, classes, name):
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, "model.onnx")
    dummy = torch.zeros((1, 1, patch[2], patch[1], patch[0]))
    torch.onnx.export(net, dummy, onnx_path, input_names=["image"], output_names=["logits"], opset_version=13,
                      do_constant_folding=True)
    sha = hashlib.sha256(open(onnx_path, "rb").read()).hexdigest()
    card = {
        "schemaVersion": 1, "name": name, "version": "0.0-random",
        "description": "A 3D U-Net with random weights exported by torch.onnx.export (test/benchmark only).",
        "labels": [{"value": c, "name": "class %d" % c, "color": "#%06X" % (0x3355AA * c & 0xFFFFFF)}
                   for c in range(1, classes)],
        "inputChannels": 1, "numClasses": classes, "spacing": [1.0, 1.0, 1.0], "orientation": "image",
        "tensorAxes": "kji", "normalization": {"method": "none"}, "patchSize": list(patch),
        "outputActivation": "softmax",
        "provenance": {"algorithm": "random init", "framework": "torch " + torch.__version__, "seed": 1234},
        "sha256": sha}
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(card, f, indent=2)


def phantom(shape, seed):
    """A smooth random volume (blobs plus noise), (nz, ny, nx) float32."""
    g = torch.Generator().manual_seed(seed)
    img = torch.randn((1, 1) + shape, generator=g)
    img = torch.nn.functional.avg_pool3d(img, 5, stride=1, padding=2)[0, 0]
    return (img * 10 + 0.1 * torch.randn(shape, generator=g)).contiguous()


def fixture(out_dir):
    torch.manual_seed(1234)
    net = UNet3d(1, 3, 4, 3).eval()
    patch = (16, 16, 16)
    export(net, patch, out_dir, 3, "torch-unet-small")
    cases = {}
    for name, shape in {"odd": (13, 27, 21), "small": (9, 12, 10)}.items():
        img = phantom(shape, 7)
        probs = sliding_window(net, img, 3, patch, 0.5)
        img.numpy().astype("<f4").tofile(os.path.join(out_dir, name + ".f32"))
        probs.numpy().astype("<f4").tofile(os.path.join(out_dir, name + "_probs.f32"))
        cases[name] = {"dims": [shape[2], shape[1], shape[0]], "classes": 3}
    with open(os.path.join(out_dir, "cases.json"), "w") as f:
        json.dump(cases, f, indent=2)


def bench(out_dir, size, runs, threads, edge):
    torch.manual_seed(1234)
    torch.set_num_threads(threads)
    patch = (edge, edge, edge)
    net = UNet3d(1, 8, 16, 4).eval()
    export(net, patch, out_dir, 8, "bench-unet")
    img = phantom((size, size, size), 11)
    img.numpy().astype("<f4").tofile(os.path.join(out_dir, "volume.f32"))
    params = sum(p.numel() for p in net.parameters())
    times = []
    for r in range(runs + 1):
        t0 = time.perf_counter()
        labels = sliding_window(net, img, 8, patch, 0.5).argmax(0)
        times.append(time.perf_counter() - t0)
    result = {"engine": "PyTorch " + torch.__version__, "threads": torch.get_num_threads(), "params": params,
              "warmup_s": times[0], "runs_s": times[1:], "patches": len(starts(size, edge, 0.5)) ** 3, "patch": edge,
              "foreground": int((labels > 0).sum())}
    with open(os.path.join(out_dir, "pytorch.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result))


if __name__ == "__main__":
    mode, out = sys.argv[1], sys.argv[2]
    if mode == "fixture":
        fixture(out)
    else:
        bench(out, int(os.environ.get("BENCH_SIZE", "160")), int(os.environ.get("BENCH_RUNS", "3")),
              int(os.environ.get("BENCH_THREADS", str(os.cpu_count()))), int(os.environ.get("BENCH_PATCH", "64")))
