using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Benchmarks.Workloads;

/// <summary>Inference of the 784-100x4-10 network on a seeded batch: <see cref="Network{T}.Predict"/> into a preallocated score matrix.</summary>
public sealed class PredictWorkload
{
    private readonly float[] _x;
    private readonly float[] _scores;
    private readonly int _rows;

    /// <summary>A batch of <paramref name="rows"/> samples; the network's capacity holds the whole batch (one forward pass).</summary>
    public PredictWorkload(int rows)
    {
        _rows = rows;
        Network = new Network<float>(TrainingWorkload.Hidden(4), batchCapacity: rows);
        _x = SyntheticData.Matrix(rows, 784, seed: 3);
        _scores = new float[rows * 10];
    }

    /// <summary>The network.</summary>
    public Network<float> Network { get; }

    /// <summary>The seeded input batch, <c>(rows, 784)</c> row-major.</summary>
    public ReadOnlyMemory<float> Input => _x;

    /// <summary>The scores of the last <see cref="Predict"/>, <c>(rows, 10)</c> row-major.</summary>
    public ReadOnlyMemory<float> Scores => _scores;

    /// <summary>The row label used in every table.</summary>
    public string Name => $"predict 784-100x4-10 batch {_rows}";

    /// <summary>One forward pass over the batch.</summary>
    public float Predict()
    {
        Network.Predict(new ReadOnlyTensorView<float>(_x, new Shape(_rows, 784)), new TensorView<float>(_scores, new Shape(_rows, 10)));
        return _scores[0];
    }
}
