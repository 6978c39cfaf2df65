#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The eeg-train network in PyTorch, for bench/train: time training batches and prediction.

Usage: train_torch.py lstm|gru UNITS T F SEQ FRAMES BATCHES [THREADS]
Builds the same model as eeg-train (Keras-style: recurrent layer, Flatten when SEQ=1,
Dropout 0.2 for lstm, Dense softmax, Adam lr 1e-3 eps 1e-7) on random data of FRAMES
frames, trains BATCHES mini-batches of 32 after one warm-up batch and prints
"train_s_per_batch X", then times inference over all frames in batches of 256 and prints
"predict_frames_per_s Y".
"""
import sys
import time

import torch

cell, H, T, F, seq, frames, batches = sys.argv[1], *map(int, sys.argv[2:8])
threads = int(sys.argv[8]) if len(sys.argv) > 8 else 2
torch.set_num_threads(threads)
torch.manual_seed(1)
C, B = 3, 32


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        rnn = torch.nn.LSTM if cell == "lstm" else torch.nn.GRU
        self.rnn = rnn(F, H, batch_first=True)
        self.drop = torch.nn.Dropout(0.2 if cell == "lstm" else 0.0)
        self.dense = torch.nn.Linear(T * H if seq else H, C)

    def forward(self, x):
        out, _ = self.rnn(x)
        z = out.reshape(x.shape[0], -1) if seq else out[:, -1, :]
        return self.dense(self.drop(z))


net = Net()
opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
x = torch.randn(frames, T, F)
y = torch.randint(0, C, (frames,))
lossf = torch.nn.CrossEntropyLoss()


def step(i):
    xb, yb = x[i * B % frames:][:B], y[i * B % frames:][:B]
    opt.zero_grad()
    loss = lossf(net(xb), yb)
    loss.backward()
    opt.step()


step(0)
t0 = time.perf_counter()
for i in range(1, batches + 1):
    step(i)
print("train_s_per_batch %.6f" % ((time.perf_counter() - t0) / batches))
net.eval()
with torch.no_grad():
    net(x[:256])
    t0 = time.perf_counter()
    for i in range(0, frames, 256):
        net(x[i:i + 256])
    print("predict_frames_per_s %.3f" % (frames / (time.perf_counter() - t0)))
