"""The book's numpy implementation ("Deep Learning from Scratch" ch. 5-6 layers, MultiLayerNetExtend, SGD and
Adam as in common/optimizer.py), float32 or float64 (--f64), one BLAS thread; prints RESULT lines."""
import sys
from collections import OrderedDict

import common

try:
    import numpy as np
except ImportError as error:  # pragma: no cover - depends on the machine
    print(f"# numpy comparison skipped: {error} (apt-get install -y python3-numpy)")
    sys.exit(0)

DTYPE = np.float64 if "--f64" in sys.argv else np.float32


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x, train_flg=True):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return np.dot(dout, self.W.T)


class Relu:
    def forward(self, x, train_flg=True):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class Dropout:
    def __init__(self, ratio):
        self.ratio = ratio

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.ratio
            return x * self.mask
        return x * (1.0 - self.ratio)

    def backward(self, dout):
        return dout * self.mask


class BatchNormalization:
    def __init__(self, gamma, beta, momentum=0.9):
        self.gamma, self.beta, self.momentum = gamma, beta, momentum
        self.running_mean = None
        self.running_var = None

    def forward(self, x, train_flg=True):
        if self.running_mean is None:
            self.running_mean = np.zeros(x.shape[1], dtype=DTYPE)
            self.running_var = np.zeros(x.shape[1], dtype=DTYPE)
        if train_flg:
            mu = x.mean(axis=0)
            xc = x - mu
            var = np.mean(xc ** 2, axis=0)
            std = np.sqrt(var + 10e-7)
            xn = xc / std
            self.batch_size, self.xc, self.xn, self.std = x.shape[0], xc, xn, std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            xn = (x - self.running_mean) / np.sqrt(self.running_var + 10e-7)
        return self.gamma * xn + self.beta

    def backward(self, dout):
        dbeta = dout.sum(axis=0)
        dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / self.batch_size) * self.xc * dvar
        dmu = np.sum(dxc, axis=0)
        self.dgamma, self.dbeta = dgamma, dbeta
        return dxc - dmu / self.batch_size


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        x = x - x.max(axis=1, keepdims=True)
        e = np.exp(x)
        self.y = e / e.sum(axis=1, keepdims=True)
        n = x.shape[0]
        return -np.sum(np.log(self.y[np.arange(n), t] + 1e-7)) / n

    def backward(self, dout=1):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx / n


class MultiLayerNetExtend:
    def __init__(self, hidden, batch_norm=False, dropout=0.0):
        sizes = [784] + hidden + [10]
        self.params, self.layers = {}, OrderedDict()
        for i in range(1, len(sizes)):
            scale = np.sqrt(2.0 / sizes[i - 1])
            self.params[f"W{i}"] = (scale * np.random.randn(sizes[i - 1], sizes[i])).astype(DTYPE)
            self.params[f"b{i}"] = np.zeros(sizes[i], dtype=DTYPE)
        for i in range(1, len(hidden) + 1):
            self.layers[f"Affine{i}"] = Affine(self.params[f"W{i}"], self.params[f"b{i}"])
            if batch_norm:
                self.params[f"gamma{i}"] = np.ones(hidden[i - 1], dtype=DTYPE)
                self.params[f"beta{i}"] = np.zeros(hidden[i - 1], dtype=DTYPE)
                self.layers[f"BatchNorm{i}"] = BatchNormalization(self.params[f"gamma{i}"], self.params[f"beta{i}"])
            self.layers[f"Relu{i}"] = Relu()
            if dropout > 0:
                self.layers[f"Dropout{i}"] = Dropout(dropout)
        last = len(hidden) + 1
        self.layers[f"Affine{last}"] = Affine(self.params[f"W{last}"], self.params[f"b{last}"])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x, train_flg=False):
        for layer in self.layers.values():
            x = layer.forward(x, train_flg)
        return x

    def gradient(self, x, t):
        self.last_layer.forward(self.predict(x, True), t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        for name, layer in self.layers.items():
            if name.startswith("Affine"):
                i = name[6:]
                grads[f"W{i}"], grads[f"b{i}"] = layer.dW, layer.db
            elif name.startswith("BatchNorm"):
                i = name[9:]
                grads[f"gamma{i}"], grads[f"beta{i}"] = layer.dgamma, layer.dbeta
        return grads


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = {k: np.zeros_like(v) for k, v in params.items()}
            self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


CONFIGS = {
    "mlp4-sgd": ("784-100x4-10 b128 SGD", dict(hidden=[100] * 4), SGD, 128),
    "mlp4-adam": ("784-100x4-10 b128 Adam", dict(hidden=[100] * 4), Adam, 128),
    "mlp1-sgd": ("784-50-10 b100 SGD", dict(hidden=[50]), SGD, 100),
    "mlp5-bn-sgd": ("784-100x5-10 +BN b100 SGD", dict(hidden=[100] * 5, batch_norm=True), SGD, 100),
    "mlp6-dropout-sgd": ("784-100x6-10 +dropout0.2 b100 SGD", dict(hidden=[100] * 6, dropout=0.2), SGD, 100),
}


def step_fn(net, opt, x, t, batch):
    def step(index=None):
        if index is None:
            index = np.random.choice(x.shape[0], batch)  # the book's train_neuralnet batch draw
        grads = net.gradient(x[index], t[index])
        opt.update(net.params, grads)

    return step


def main():
    np.random.seed(0)
    print(f"# numpy {np.__version__} book style, {np.dtype(DTYPE).name}")
    xs, ts = common.synthetic(np)
    xs = xs.astype(DTYPE)
    for key in common.STEP_KEYS:
        if common.selected(key):
            name, kwargs, opt, batch = CONFIGS[key]
            common.measure(key, name, step_fn(MultiLayerNetExtend(**kwargs), opt(), xs, ts, batch))

    net = MultiLayerNetExtend(hidden=[100] * 4)
    for rows in (1, 10_000):
        key = f"predict-{rows}"
        if common.selected(key):
            xb = np.random.default_rng(3).random((rows, 784)).astype(DTYPE)
            common.measure(key, f"predict 784-100x4-10 batch {rows}", lambda xb=xb: net.predict(xb))

    if common.selected("epoch"):
        xe, te, source = common.epoch_data(np)
        print(f"# epoch data: {source}")
        xe = xe.astype(DTYPE)
        step = step_fn(MultiLayerNetExtend(hidden=[100] * 4), Adam(), xe, te, 128)

        def epoch():
            order = np.random.permutation(xe.shape[0])
            for start in range(0, xe.shape[0], 128):
                step(order[start:start + 128])

        common.measure("epoch", "epoch 784-100x4-10 adam b128 (60 000 images)", epoch, round_seconds=0.5 if common.quick() else 2, rounds=3 if common.quick() else 5)

    if common.selected("adam-109810"):
        params = {"w": np.random.rand(109_810).astype(DTYPE)}
        grads = {"w": np.random.rand(109_810).astype(DTYPE)}
        opt = Adam()
        common.measure("adam-109810", "Adam update 109 810 params", lambda: opt.update(params, grads))


if __name__ == "__main__":
    main()
