"""PyTorch reference for one training iteration of Hardy's 3D U-Net, for scripts/bench-train.sh.

The network is hardy.training.unet.UNet3d written in PyTorch: per level two (conv 3x3x3 without bias -> instance
norm with affine -> leaky ReLU 0.01), the first of levels >= 1 with stride 2; upsampling is nearest doubling then
conv-norm-act; the decoder concatenates (upsampled, skip) and runs two conv-norm-act; a 1x1x1 head with bias.
The loss is hardy.training.SegmentationLoss's batch objective (mean cross-entropy + 1 - batch Dice over the
foreground classes) plus the per-case losses read back for the sampler, and Adam steps, as Hardy's Trainer does.

Run with Debian's python: /usr/bin/python3 -Es scripts/torch_train_step.py OUT.json
Environment: BENCH_BASE (8), BENCH_DEPTH (3), BENCH_CLASSES (8), BENCH_PATCH (32), BENCH_BATCH (2),
BENCH_THREADS (1), BENCH_ITERATIONS (20), BENCH_WARMUP (3).
"""
import json
import os
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F


def conv_norm_act(cin, cout, stride):
    return nn.Sequential(nn.Conv3d(cin, cout, 3, stride=stride, padding=1, bias=False),
                         nn.InstanceNorm3d(cout, affine=True), nn.LeakyReLU(0.01))


class HardyUNet(nn.Module):
    def __init__(self, in_channels, classes, base, depth):
        super().__init__()
        width = [base << level for level in range(depth + 1)]
        self.encoders = nn.ModuleList(
            [nn.Sequential(conv_norm_act(in_channels if level == 0 else width[level - 1], width[level],
                                         1 if level == 0 else 2),
                           conv_norm_act(width[level], width[level], 1)) for level in range(depth + 1)])
        self.ups = nn.ModuleList([conv_norm_act(width[level + 1], width[level], 1)
                                  for level in range(depth - 1, -1, -1)])
        self.decoders = nn.ModuleList(
            [nn.Sequential(conv_norm_act(2 * width[level], width[level], 1),
                           conv_norm_act(width[level], width[level], 1)) for level in range(depth - 1, -1, -1)])
        self.head = nn.Conv3d(width[0], classes, 1)

    def forward(self, x):
        skips = []
        for encoder in self.encoders:
            x = encoder(x)
            skips.append(x)
        skips.pop()
        for up, decoder in zip(self.ups, self.decoders):
            x = up(F.interpolate(x, scale_factor=2, mode="nearest"))
            x = decoder(torch.cat([x, skips.pop()], dim=1))
        return self.head(x)


def loss_terms(logits, one_hot, smooth=1e-5):
    n, k = logits.shape[:2]
    z = logits.reshape(n, k, -1)
    y = one_hot.reshape(n, k, -1)
    log_p = torch.log_softmax(z, dim=1)
    ce = -(y * log_p).sum(dim=(1, 2)) / z.shape[2]
    p = log_p.exp()
    inter = (p * y).sum(2)
    pred = p.sum(2)
    lab = y.sum(2)
    present = (lab[:, 1:] > 0).to(logits.dtype)
    case_dice = (2 * inter + smooth) / (pred + lab + smooth)
    hardness = ce + ((1 - case_dice[:, 1:]) * present).sum(1) / present.sum(1).clamp(min=1)
    batch_dice = ((2 * inter.sum(0)[1:] + smooth) / (pred.sum(0)[1:] + lab.sum(0)[1:] + smooth)).mean()
    return ce.mean() + 1 - batch_dice, hardness


def main(out_path):
    base = int(os.environ.get("BENCH_BASE", 8))
    depth = int(os.environ.get("BENCH_DEPTH", 3))
    classes = int(os.environ.get("BENCH_CLASSES", 8))
    patch = int(os.environ.get("BENCH_PATCH", 32))
    batch = int(os.environ.get("BENCH_BATCH", 2))
    threads = int(os.environ.get("BENCH_THREADS", 1))
    iterations = int(os.environ.get("BENCH_ITERATIONS", 20))
    warmup = int(os.environ.get("BENCH_WARMUP", 3))
    torch.set_num_threads(threads)
    torch.manual_seed(1234)
    net = HardyUNet(1, classes, base, depth)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    times = []
    for it in range(warmup + iterations):
        x = torch.randn(batch, 1, patch, patch, patch)
        labels = torch.randint(0, classes, (batch, patch, patch, patch))
        start = time.perf_counter()
        one_hot = F.one_hot(labels, classes).permute(0, 4, 1, 2, 3).float()
        objective, hardness = loss_terms(net(x), one_hot)
        hardness.detach().tolist()  # the sampler reads the per-case losses, as Hardy does
        optimizer.zero_grad(set_to_none=True)
        objective.backward()
        optimizer.step()
        if it >= warmup:
            times.append(time.perf_counter() - start)
    times.sort()
    result = {"torch": torch.__version__, "threads": threads, "base": base, "depth": depth, "patch": patch,
              "batch": batch, "iterations_s": times, "median_s": times[len(times) // 2],
              "params": sum(p.numel() for p in net.parameters())}
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1)
    print(f"PyTorch {torch.__version__}: median {result['median_s'] * 1000:.1f} ms per iteration "
          f"(base {base}, depth {depth}, {patch}^3, batch {batch}, {threads} threads)")


if __name__ == "__main__":
    main(sys.argv[1])
