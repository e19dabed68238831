"""Reference for bench/fineTune.ts: PyTorch (Debian, OpenBLAS) training the same layers the
studio fine-tunes on a portable backend -- MobileNetV2's block 16 (1x1 expand 160->960,
depthwise 3x3, 1x1 project 960->320, batch norm in inference mode with trainable scale and
shift, ReLU6) and Conv_1 (1x1 320->1280) with global pooling and a 10-class linear head --
on random 7x7x160 activations, Adam, batch 32. Prints seconds per training sample."""
import sys
import time

import torch
from torch import nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
torch.set_num_threads(threads)
torch.manual_seed(1)


def conv_bn(cin, cout, k=1, groups=1, relu=True):
    layers = [nn.Conv2d(cin, cout, k, padding=k // 2, groups=groups, bias=False), nn.BatchNorm2d(cout, eps=1e-3)]
    if relu:
        layers.append(nn.ReLU6())
    return layers


model = nn.Sequential(
    *conv_bn(160, 960), *conv_bn(960, 960, 3, groups=960), *conv_bn(960, 320, relu=False),
    *conv_bn(320, 1280), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1280, 10),
)
model.eval()  # batch norm uses its running statistics, as in the studio
optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
x = torch.rand(32, 160, 7, 7) * 2
y = torch.arange(32) % 10
loss_fn = nn.CrossEntropyLoss()


def step():
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()


step()
started = time.perf_counter()
for _ in range(steps):
    step()
print((time.perf_counter() - started) / steps / 32)
