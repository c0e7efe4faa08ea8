"""Prints the expected values of BookOptimizerTests.cs.

The six classes below follow the book's current common/optimizer.py (oreilly-japan/deep-learning-from-scratch,
after commit 89eadd0 "Fix Nesterov update function", January 2021) statement by statement, with the same
default hyperparameters, so that numpy evaluates every update in the book's order and rounding. Nesterov moves
the weights with the old velocity and then updates the velocity.

Run with: /usr/bin/python3 book_optimizers.py (numpy 1.24.2 was used) and paste the output into
BookOptimizerTests._expected.
"""
import numpy as np


class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class Nesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class RMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key]**2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


# Must match BookOptimizerTests: 9 parameters (a vector body and a scalar tail on every instruction set),
# exact binary fractions for the start and the gradients, 25 steps, recorded after the CHECKPOINTS.
LENGTH = 9
STEPS = 25
CHECKPOINTS = (1, 2, 5, 10, 25)


def start():
    return np.array([(i - 4) * 0.25 for i in range(LENGTH)], dtype=np.float64)


def gradient(step):
    # ((7 step + 3 i) mod 11 - 5) / 8: signs and sizes change from step to step.
    return np.array([((7 * step + 3 * i) % 11 - 5) / 8.0 for i in range(LENGTH)], dtype=np.float64)


def main():
    for name, optimizer in (("sgd", SGD()), ("momentum", Momentum()), ("nesterov", Nesterov()),
                            ("adagrad", AdaGrad()), ("rmsprop", RMSprop()), ("adam", Adam())):
        params = {"W": start()}
        for step in range(1, STEPS + 1):
            optimizer.update(params, {"W": gradient(step)})
            if step in CHECKPOINTS:
                values = ", ".join(repr(float(x)) for x in params["W"])
                print(f'        ("{name}", {step}, new double[] {{ {values} }}),')


if __name__ == "__main__":
    main()
