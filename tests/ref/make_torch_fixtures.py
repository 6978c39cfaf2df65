#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write the PyTorch parity fixtures of tests/unit/test_model.c into tests/data/torch/.

Usage (from the top of the tree): /usr/bin/python3 tests/ref/make_torch_fixtures.py

An independent implementation of the eeg-train network (torch.nn.LSTM / torch.nn.GRU,
float64) gets the same weights as the C model, in Keras layout, and records the softmax
output, the mean cross-entropy, its gradient with respect to every parameter, and the
parameters after one Adam step. The fixtures are committed; rerunning this script must
reproduce them byte for byte (fixed seeds).

Weight layout mapping (Keras layout is ours, see lib/lstm.h, lib/gru.h):
  LSTM  ours wx (F,4H), wh (H,4H), b (4H), gate order i,f,c,o; torch's order i,f,g,o is
        the same: weight_ih = wx.T, weight_hh = wh.T, bias_ih = b, bias_hh = 0 (frozen:
        Keras has one bias, torch two, and Adam on both would move their sum twice).
  GRU   ours wx (F,3H), wh (H,3H), b (2,3H) = input, recurrent bias, gate order z,r,n;
        torch orders r,z,n: weight_ih = wx[:, P].T, weight_hh = wh[:, P].T,
        bias_ih = b[0][P], bias_hh = b[1][P], with P = [H:2H, 0:H, 2H:3H].
        torch's n = tanh(W_in x + b_in + r * (W_hn h + b_hn)) is Keras' reset_after=True.
  Dense w (K,C) with K = T*H for Flatten (row index t*H + j, frame-major) or H.
  Adam  Keras puts eps outside the bias correction; at step 1 that equals torch's Adam
        with eps = 1e-7 / sqrt(1 - 0.999).
"""
import os
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

CONFIGS = [
    # name,       cell,  T, B, F, H, L, seq, C
    ("lstm_last", "lstm", 4, 3, 5, 6, 2, 0, 3),
    ("lstm_seq", "lstm", 3, 2, 4, 5, 1, 1, 4),
    ("gru_last", "gru", 4, 3, 5, 6, 1, 0, 3),
    ("gru_seq", "gru", 3, 2, 4, 5, 2, 1, 4),
]
LR = 0.01


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def write(fp, name, vals, fmt):
    vals = np.asarray(vals).ravel()
    fp.write("%s %d\n" % (name, vals.size))
    fp.write(" ".join(fmt % v for v in vals) + "\n")


def make(name, cell, T, B, F, H, L, seq, C, seed):
    rng = np.random.RandomState(seed)
    k = 4 if cell == "lstm" else 3
    x = f32(rng.uniform(-1, 1, (B, T, F)))
    y = rng.randint(0, C, B)
    y[0] = C - 1
    layers = []       # Keras-layout arrays per recurrent layer
    flat = []
    for l in range(L):
        fin = F if l == 0 else H
        wx = f32(rng.uniform(-0.5, 0.5, (fin, k * H)))
        wh = f32(rng.uniform(-0.5, 0.5, (H, k * H)))
        b = f32(rng.uniform(-0.5, 0.5, (k * H,) if cell == "lstm" else (2, k * H)))
        layers.append((wx, wh, b))
        flat += [wx.ravel(), wh.ravel(), b.ravel()]
    K = T * H if seq else H
    dw = f32(rng.uniform(-0.5, 0.5, (K, C)))
    db = f32(rng.uniform(-0.5, 0.5, (C,)))
    flat += [dw.ravel(), db.ravel()]
    param0 = np.concatenate(flat)

    P = np.r_[H:2 * H, 0:H, 2 * H:3 * H]
    if cell == "lstm":
        rnn = torch.nn.LSTM(F, H, num_layers=L, batch_first=True)
    else:
        rnn = torch.nn.GRU(F, H, num_layers=L, batch_first=True)
    tp = []           # torch parameters, in our order, with a function back to our layout
    with torch.no_grad():
        for l, (wx, wh, b) in enumerate(layers):
            wih = getattr(rnn, "weight_ih_l%d" % l)
            whh = getattr(rnn, "weight_hh_l%d" % l)
            bih = getattr(rnn, "bias_ih_l%d" % l)
            bhh = getattr(rnn, "bias_hh_l%d" % l)
            if cell == "lstm":
                wih.copy_(torch.tensor(wx.T))
                whh.copy_(torch.tensor(wh.T))
                bih.copy_(torch.tensor(b))
                bhh.zero_()
                bhh.requires_grad_(False)
                tp += [(wih, lambda g: g.T), (whh, lambda g: g.T), (bih, lambda g: g)]
            else:
                wih.copy_(torch.tensor(wx[:, P].T))
                whh.copy_(torch.tensor(wh[:, P].T))
                bih.copy_(torch.tensor(b[0][P]))
                bhh.copy_(torch.tensor(b[1][P]))
                tp += [(wih, lambda g: g.T[:, P]), (whh, lambda g: g.T[:, P]),
                       (None, None)]
                tp[-1] = ((bih, bhh), lambda g: np.stack([g[0][P], g[1][P]]))
    W = torch.nn.Parameter(torch.tensor(dw))
    Bv = torch.nn.Parameter(torch.tensor(db))
    tp += [(W, lambda g: g), (Bv, lambda g: g)]

    xt = torch.tensor(x)
    yt = torch.tensor(y)

    def forward():
        out, _ = rnn(xt)                            # (B,T,H)
        z = out.reshape(B, T * H) if seq else out[:, -1, :]
        logits = z @ W + Bv
        return logits

    logits = forward()
    loss = torch.nn.functional.cross_entropy(logits, yt)
    prob = torch.softmax(logits, 1)
    loss.backward()
    params = []
    grads = []
    for p, back in tp:
        if isinstance(p, tuple):
            params.append(p)
            grads.append(back([q.grad.numpy() for q in p]).ravel())
        else:
            params.append(p)
            grads.append(back(p.grad.numpy()).ravel())
    grad = np.concatenate(grads)
    plist = []
    for p in params:
        plist += list(p) if isinstance(p, tuple) else [p]
    opt = torch.optim.Adam(plist, lr=LR, betas=(0.9, 0.999), eps=1e-7 / np.sqrt(1 - 0.999))
    opt.step()
    after = []
    for p, back in tp:
        if isinstance(p, tuple):
            after.append(back([q.detach().numpy() for q in p]).ravel())
        else:
            after.append(back(p.detach().numpy()).ravel())
    param1 = np.concatenate(after)
    assert param0.size == grad.size == param1.size

    path = os.path.join("tests", "data", "torch", name + ".txt")
    with open(path, "w") as fp:
        fp.write("# made by tests/ref/make_torch_fixtures.py (torch %s, float64)\n"
                 % torch.__version__.split("a")[0])
        fp.write("config %s %d %d %d %d %d %d %d\n" % (cell, T, B, F, H, L, seq, C))
        fp.write("lr %g\n" % LR)
        write(fp, "x", x, "%.9g")
        write(fp, "y", y, "%d")
        write(fp, "param", param0, "%.9g")
        write(fp, "prob", prob.detach().numpy(), "%.12g")
        write(fp, "loss", [loss.item()], "%.12g")
        write(fp, "grad", grad, "%.12g")
        write(fp, "param1", param1, "%.12g")
    print("wrote", path)


def main():
    if not os.path.isdir(os.path.join("tests", "data", "torch")):
        sys.exit("run from the top of the eegpipe tree")
    torch.manual_seed(0)
    for i, c in enumerate(CONFIGS):
        make(*c, seed=100 + i)


main()
