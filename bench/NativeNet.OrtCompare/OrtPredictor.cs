using Microsoft.ML.OnnxRuntime;

namespace NativeNet.OrtCompare;

/// <summary>
/// An ONNX Runtime session over one model with its input and output bound once to pinned arrays (IOBinding), so
/// <see cref="Predict"/> is one <c>RunWithBinding</c> call that allocates no tensors.
/// </summary>
public sealed class OrtPredictor : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    /// <summary>Loads <paramref name="model"/> for a fixed batch of <paramref name="rows"/> with <paramref name="threads"/> intra-op threads.</summary>
    public OrtPredictor(byte[] model, int rows, int inputSize, int outputSize, int threads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        // Idle intra-op workers sleep instead of spinning, so they do not take the second core from the other side.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(model, options);
        Input = new float[rows * inputSize];
        Scores = new float[rows * outputSize];
        _input = OrtValue.CreateTensorValueFromMemory(Input, [rows, inputSize]);
        _output = OrtValue.CreateTensorValueFromMemory(Scores, [rows, outputSize]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(OnnxMlpModel.InputName, _input);
        _binding.BindOutput(OnnxMlpModel.OutputName, _output);
    }

    /// <summary>The bound input, <c>(rows, inputSize)</c>; write the batch here.</summary>
    public float[] Input { get; }

    /// <summary>The bound output, <c>(rows, outputSize)</c>, written by <see cref="Predict"/>.</summary>
    public float[] Scores { get; }

    /// <summary>One inference of the bound batch; returns the first score.</summary>
    public float Predict()
    {
        _session.RunWithBinding(_runOptions, _binding);
        return Scores[0];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _binding.Dispose();
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
