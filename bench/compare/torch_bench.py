"""PyTorch (CPU, one thread, float32) versions of the comparison workloads; prints RESULT lines like the other runners."""
import sys

import common

try:
    import numpy as np
    import torch
    from torch import nn
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"# PyTorch comparison skipped: {error} (apt-get install -y python3-torch python3-numpy)")
    sys.exit(0)

torch.set_num_threads(1)
torch.manual_seed(0)


def mlp(hidden, width=100, batch_norm=False, dropout=0.0):
    layers, fan_in = [], 784
    for _ in range(hidden):
        layers.append(nn.Linear(fan_in, width))
        if batch_norm:
            layers.append(nn.BatchNorm1d(width, eps=1e-6))
        layers.append(nn.ReLU())
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        fan_in = width
    layers.append(nn.Linear(fan_in, 10))
    model = nn.Sequential(*layers)
    for m in model:
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.zeros_(m.bias)
    return model


CONFIGS = {
    "mlp4-sgd": ("784-100x4-10 b128 SGD", lambda: mlp(4), "sgd", 128),
    "mlp4-adam": ("784-100x4-10 b128 Adam", lambda: mlp(4), "adam", 128),
    "mlp1-sgd": ("784-50-10 b100 SGD", lambda: mlp(1, width=50), "sgd", 100),
    "mlp5-bn-sgd": ("784-100x5-10 +BN b100 SGD", lambda: mlp(5, batch_norm=True), "sgd", 100),
    "mlp6-dropout-sgd": ("784-100x6-10 +dropout0.2 b100 SGD", lambda: mlp(6, dropout=0.2), "sgd", 100),
}


def optimizer(name, model):
    return torch.optim.SGD(model.parameters(), lr=0.01) if name == "sgd" else torch.optim.Adam(model.parameters(), lr=0.001)


def trainer(model, opt, x, t, batch):
    loss_fn = nn.CrossEntropyLoss()
    count = x.shape[0]

    def step(index=None):
        if index is None:
            index = torch.randint(0, count, (batch,))
        xb, tb = x[index], t[index]  # gather the batch, as Trainer.Step does
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), tb)
        loss.backward()
        opt.step()
        return loss

    return step


def main():
    print(f"# PyTorch {torch.__version__}, threads {torch.get_num_threads()}, float32")
    xs, ts = common.synthetic(np)
    x, t = torch.from_numpy(xs), torch.from_numpy(ts)
    for key in common.STEP_KEYS:
        if common.selected(key):
            name, build, opt_name, batch = CONFIGS[key]
            model = build().train()
            common.measure(key, name, trainer(model, optimizer(opt_name, model), x, t, batch))

    model = mlp(4).eval()
    for rows in (1, 10_000):
        key = f"predict-{rows}"
        if common.selected(key):
            xb = torch.from_numpy(np.random.default_rng(3).random((rows, 784), dtype=np.float32))

            def predict():
                with torch.no_grad():
                    return model(xb)

            common.measure(key, f"predict 784-100x4-10 batch {rows}", predict)

    if common.selected("epoch"):
        xe, te, source = common.epoch_data(np)
        print(f"# epoch data: {source}")
        xe, te = torch.from_numpy(xe), torch.from_numpy(te)
        model = mlp(4).train()
        step = trainer(model, optimizer("adam", model), xe, te, 128)

        def epoch():
            order = torch.randperm(xe.shape[0])
            for start in range(0, xe.shape[0], 128):
                step(order[start:start + 128])

        common.measure("epoch", "epoch 784-100x4-10 adam b128 (60 000 images)", epoch, round_seconds=0.5 if common.quick() else 2, rounds=3 if common.quick() else 5)

    if common.selected("adam-109810"):
        w = torch.nn.Parameter(torch.rand(109_810))
        w.grad = torch.rand(109_810)
        opt = torch.optim.Adam([w], lr=0.001)
        common.measure("adam-109810", "Adam update 109 810 params", opt.step)


if __name__ == "__main__":
    main()
