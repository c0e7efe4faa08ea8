using NativeNet.Data;

namespace NativeNet.Benchmarks.Workloads;

/// <summary>
/// The baseline of the training-step and predict benchmarks: the book's MLP (Affine → ReLU … Affine → softmax
/// cross-entropy, SGD) written as plain scalar loops over float arrays, the way one would first port the numpy
/// code without a BLAS. Same shapes, same per-step work (gather, forward, backward, update).
/// </summary>
public sealed class ScalarMlp
{
    private readonly int[] _sizes;
    private readonly float[][] _w;
    private readonly float[][] _b;
    private readonly float[][] _dw;
    private readonly float[][] _db;
    private readonly float[][] _act; // _act[0] = input batch, _act[l + 1] = output of layer l
    private readonly float[][] _grad;
    private readonly LabeledDataset<float> _data;
    private readonly int[] _labels;
    private readonly Random _random = new(1);
    private readonly int _batch;

    public ScalarMlp(int[] sizes, int batch, LabeledDataset<float> data)
    {
        _sizes = sizes;
        _batch = batch;
        _data = data;
        int layers = sizes.Length - 1;
        _w = new float[layers][];
        _b = new float[layers][];
        _dw = new float[layers][];
        _db = new float[layers][];
        _act = new float[layers + 1][];
        _grad = new float[layers + 1][];
        _act[0] = new float[batch * sizes[0]];
        _grad[0] = new float[batch * sizes[0]];
        for (int l = 0; l < layers; l++)
        {
            _w[l] = SyntheticData.Matrix(sizes[l], sizes[l + 1], seed: 100 + l);
            for (int i = 0; i < _w[l].Length; i++)
            {
                _w[l][i] = (_w[l][i] - 0.5f) * MathF.Sqrt(2f / sizes[l]);
            }

            _b[l] = new float[sizes[l + 1]];
            _dw[l] = new float[_w[l].Length];
            _db[l] = new float[sizes[l + 1]];
            _act[l + 1] = new float[batch * sizes[l + 1]];
            _grad[l + 1] = new float[batch * sizes[l + 1]];
        }

        _labels = new int[batch];
    }

    /// <summary>One SGD step (lr 0.01) on a random batch; returns the loss.</summary>
    public float Step()
    {
        int d = _sizes[0];
        for (int i = 0; i < _batch; i++)
        {
            int s = _random.Next(_data.Count);
            Array.Copy(_data.Features, s * d, _act[0], i * d, d);
            _labels[i] = _data.Labels[s];
        }

        float loss = Forward(_batch);
        int layers = _w.Length;
        int c = _sizes[^1];
        float[] top = _grad[layers];
        for (int i = 0; i < _batch; i++)
        {
            for (int j = 0; j < c; j++)
            {
                top[(i * c) + j] = (_act[layers][(i * c) + j] - (j == _labels[i] ? 1 : 0)) / _batch;
            }
        }

        for (int l = layers - 1; l >= 0; l--)
        {
            int inputs = _sizes[l], outputs = _sizes[l + 1];
            float[] x = _act[l], dy = _grad[l + 1], dx = _grad[l], w = _w[l];
            Array.Clear(_dw[l]);
            Array.Clear(_db[l]);
            for (int i = 0; i < _batch; i++)
            {
                for (int p = 0; p < inputs; p++)
                {
                    float a = x[(i * inputs) + p];
                    float sum = 0;
                    for (int j = 0; j < outputs; j++)
                    {
                        _dw[l][(p * outputs) + j] += a * dy[(i * outputs) + j];
                        sum += dy[(i * outputs) + j] * w[(p * outputs) + j];
                    }

                    // ReLU backward of the layer below (its output is x); the input layer needs no dx.
                    dx[(i * inputs) + p] = l > 0 && a > 0 ? sum : 0;
                }

                for (int j = 0; j < outputs; j++)
                {
                    _db[l][j] += dy[(i * outputs) + j];
                }
            }

            for (int i = 0; i < w.Length; i++)
            {
                w[i] -= 0.01f * _dw[l][i];
            }

            for (int j = 0; j < outputs; j++)
            {
                _b[l][j] -= 0.01f * _db[l][j];
            }
        }

        return loss;
    }

    /// <summary>Forward pass of the first <paramref name="rows"/> rows of <see cref="Input"/>; softmax probabilities land in the last activation.</summary>
    public float Forward(int rows)
    {
        int layers = _w.Length;
        for (int l = 0; l < layers; l++)
        {
            int inputs = _sizes[l], outputs = _sizes[l + 1];
            float[] x = _act[l], y = _act[l + 1], w = _w[l];
            for (int i = 0; i < rows; i++)
            {
                Array.Copy(_b[l], 0, y, i * outputs, outputs);
                for (int p = 0; p < inputs; p++)
                {
                    float a = x[(i * inputs) + p];
                    for (int j = 0; j < outputs; j++)
                    {
                        y[(i * outputs) + j] += a * w[(p * outputs) + j];
                    }
                }

                if (l < layers - 1)
                {
                    for (int j = 0; j < outputs; j++)
                    {
                        y[(i * outputs) + j] = MathF.Max(y[(i * outputs) + j], 0);
                    }
                }
            }
        }

        int c = _sizes[^1];
        float[] scores = _act[layers];
        float loss = 0;
        for (int i = 0; i < rows; i++)
        {
            float max = float.NegativeInfinity, sum = 0;
            for (int j = 0; j < c; j++)
            {
                max = MathF.Max(max, scores[(i * c) + j]);
            }

            for (int j = 0; j < c; j++)
            {
                scores[(i * c) + j] = MathF.Exp(scores[(i * c) + j] - max);
                sum += scores[(i * c) + j];
            }

            for (int j = 0; j < c; j++)
            {
                scores[(i * c) + j] /= sum;
            }

            loss -= MathF.Log(scores[(i * c) + _labels[i]] + 1e-7f);
        }

        return loss / rows;
    }

    /// <summary>The input batch buffer (rows x input size).</summary>
    public float[] Input => _act[0];
}
