#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The seed report's two models in PyTorch, trained on eegpipe split streams (bench/parity).

Usage: parity_torch.py lstm|gru TRAIN VAL TEST EPOCHS SEED [THREADS]

TRAIN, VAL and TEST are eeg-tensor(5) streams of 1500 values per frame, scaled as eeg-train
gets them; they are read with tests/ref/eegstream.py, an implementation of the format that
shares no code with eegpipe. The networks and their training follow the seed report's Keras
code, written here from its description and not from eegpipe's C:

  lstm  1 step x 1500 features -> LSTM(50), last state -> Dropout(0.2) -> Dense(3) softmax;
        Adam lr 1e-3; the model after the last epoch.
  gru   1500 steps x 1 feature -> GRU(256), whole sequence -> Flatten -> Dense(3) softmax;
        Adam lr 1e-3 exp(-epoch/10); the epoch of the best validation accuracy (the first of
        equals), as Keras' ModelCheckpoint(save_best_only=True).

Keras' defaults, not PyTorch's: Glorot-uniform input and dense kernels over the whole
(in, gates*units) matrix, orthogonal recurrent kernels, zero biases but the LSTM forget gate
(1, unit_forget_bias), a single bias per LSTM gate (torch's bias_hh held at 0), GRU with the
reset gate after the recurrent product (Keras reset_after=True is torch's GRU), Adam with
beta 0.9/0.999 and epsilon 1e-7. Mini-batches of 32, reshuffled every epoch, the last one
smaller. Float32 on the CPU.

Prints one line per epoch on standard error (loss, accuracy, validation accuracy, seconds)
and on standard output:
  accuracy X        on TEST, the argmax of the softmax against the true label
  epoch_s Y         mean seconds of a training epoch (the validation pass excluded)
  best_epoch N      the epoch whose model was scored
"""
import math
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "ref"))
from eegstream import read_stream  # noqa: E402

BATCH, LR = 32, 1e-3


def load(path, classes=None):
    s = read_stream(path)
    if len(s.labels) == 0 or (s.labels < 0).any():
        sys.exit("parity_torch.py: %s: every frame needs a label" % path)
    names = list(s.classes)
    if classes is None:
        classes = names
    y = np.array([classes.index(names[i]) for i in s.labels], dtype=np.int64)
    return torch.from_numpy(np.ascontiguousarray(s.X, dtype=np.float32)), torch.from_numpy(y), classes


def glorot_(w):
    """Keras glorot_uniform of a kernel whose torch weight is w (out, in)."""
    fan_out, fan_in = w.shape
    lim = math.sqrt(6.0 / (fan_in + fan_out))
    torch.nn.init.uniform_(w, -lim, lim)


class Net(torch.nn.Module):
    def __init__(self, cell, C):
        super().__init__()
        self.cell = cell
        if cell == "lstm":
            self.T, self.F, H = 1, 1500, 50
            self.rnn = torch.nn.LSTM(self.F, H, batch_first=True)
            K = H
        else:
            self.T, self.F, H = 1500, 1, 256
            self.rnn = torch.nn.GRU(self.F, H, batch_first=True)
            K = self.T * H
        self.drop = torch.nn.Dropout(0.2 if cell == "lstm" else 0.0)
        self.dense = torch.nn.Linear(K, C)
        with torch.no_grad():
            glorot_(self.rnn.weight_ih_l0)
            torch.nn.init.orthogonal_(self.rnn.weight_hh_l0)
            self.rnn.bias_ih_l0.zero_()
            self.rnn.bias_hh_l0.zero_()
            if cell == "lstm":
                self.rnn.bias_ih_l0[H:2 * H] = 1.0     # gate order i, f, g, o
                self.rnn.bias_hh_l0.requires_grad_(False)
            glorot_(self.dense.weight)
            self.dense.bias.zero_()

    def forward(self, x):
        out, _ = self.rnn(x.view(x.shape[0], self.T, self.F))
        z = out[:, -1, :] if self.cell == "lstm" else out.reshape(x.shape[0], -1)
        return self.dense(self.drop(z))


def accuracy(net, x, y):
    net.eval()
    right = 0
    with torch.no_grad():
        for i in range(0, len(x), 256):
            right += (net(x[i:i + 256]).argmax(1) == y[i:i + 256]).sum().item()
    net.train()
    return right / len(x)


def main():
    if len(sys.argv) not in (7, 8) or sys.argv[1] not in ("lstm", "gru"):
        sys.exit("usage: parity_torch.py lstm|gru TRAIN VAL TEST EPOCHS SEED [THREADS]")
    cell, epochs, seed = sys.argv[1], int(sys.argv[5]), int(sys.argv[6])
    torch.set_num_threads(int(sys.argv[7]) if len(sys.argv) > 7 else 2)
    torch.manual_seed(seed)
    xtr, ytr, classes = load(sys.argv[2])
    xva, yva, _ = load(sys.argv[3], classes)
    xte, yte, _ = load(sys.argv[4], classes)
    net = Net(cell, len(classes))
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=LR,
                           betas=(0.9, 0.999), eps=1e-7)
    lossf = torch.nn.CrossEntropyLoss()
    best, best_state, best_epoch, secs = -1.0, None, 0, []
    for ep in range(epochs):
        lr = LR * math.exp(-ep / 10) if cell == "gru" else LR
        for g in opt.param_groups:
            g["lr"] = lr
        t0 = time.perf_counter()
        order = torch.randperm(len(xtr))
        total, right = 0.0, 0
        for i in range(0, len(xtr), BATCH):
            idx = order[i:i + BATCH]
            opt.zero_grad()
            out = net(xtr[idx])
            loss = lossf(out, ytr[idx])
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
            right += (out.argmax(1) == ytr[idx]).sum().item()
        secs.append(time.perf_counter() - t0)
        vacc = accuracy(net, xva, yva)
        print("epoch %d/%d loss %.4f acc %.4f val_acc %.4f lr %.3g %.1fs" % (
            ep + 1, epochs, total / len(xtr), right / len(xtr), vacc, lr, secs[-1]),
            file=sys.stderr, flush=True)
        if cell == "lstm" or vacc > best:
            best, best_epoch = vacc, ep + 1
            best_state = {k: v.clone() for k, v in net.state_dict().items()}
    net.load_state_dict(best_state)
    print("accuracy %.4f" % accuracy(net, xte, yte))
    print("epoch_s %.3f" % (sum(secs) / len(secs)))
    print("best_epoch %d" % best_epoch)


if __name__ == "__main__":
    main()
