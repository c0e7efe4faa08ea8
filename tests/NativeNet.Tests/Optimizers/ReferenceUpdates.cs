namespace NativeNet.Tests.Optimizers;

/// <summary>
/// The book's update formulas written plainly in double, statement by statement as in
/// <c>common/optimizer.py</c> (no FMA), the yardstick for the fused vector kernels.
/// </summary>
internal sealed class ReferenceUpdates
{
    private readonly string _name;
    private readonly double _lr;
    private readonly double _momentum;
    private readonly double _decayRate;
    private readonly double _beta1;
    private readonly double _beta2;
    private int _iter;

    public ReferenceUpdates(string name, int length, double lr, double momentum = 0.9, double decayRate = 0.99, double beta1 = 0.9, double beta2 = 0.999)
    {
        _name = name;
        _lr = lr;
        _momentum = momentum;
        _decayRate = decayRate;
        _beta1 = beta1;
        _beta2 = beta2;
        State0 = new double[length];
        State1 = new double[length];
    }

    public double[] State0 { get; }

    public double[] State1 { get; }

    public void Update(double[] w, double[] g)
    {
        _iter++;
        double lrT = _lr * Math.Sqrt(1.0 - Math.Pow(_beta2, _iter)) / (1.0 - Math.Pow(_beta1, _iter));
        for (int i = 0; i < w.Length; i++)
        {
            switch (_name)
            {
                case "sgd":
                    w[i] -= _lr * g[i];
                    break;
                case "momentum":
                    State0[i] = (_momentum * State0[i]) - (_lr * g[i]);
                    w[i] += State0[i];
                    break;
                case "nesterov":
                    w[i] += _momentum * _momentum * State0[i];
                    w[i] -= (1 + _momentum) * _lr * g[i];
                    State0[i] *= _momentum;
                    State0[i] -= _lr * g[i];
                    break;
                case "adagrad":
                    State0[i] += g[i] * g[i];
                    w[i] -= _lr * g[i] / (Math.Sqrt(State0[i]) + 1e-7);
                    break;
                case "rmsprop":
                    State0[i] *= _decayRate;
                    State0[i] += (1 - _decayRate) * g[i] * g[i];
                    w[i] -= _lr * g[i] / (Math.Sqrt(State0[i]) + 1e-7);
                    break;
                case "adam":
                    State0[i] += (1 - _beta1) * (g[i] - State0[i]);
                    State1[i] += (1 - _beta2) * ((g[i] * g[i]) - State1[i]);
                    w[i] -= lrT * State0[i] / (Math.Sqrt(State1[i]) + 1e-7);
                    break;
                default:
                    throw new ArgumentException(_name);
            }
        }
    }
}
