using NativeNet.Layers;
using NativeNet.Networks;
using NativeNet.Tensors;

namespace NativeNet.Tests.Onnx;

/// <summary>Class probabilities of a session's outputs: the softmax of the scores, or the outputs of a model that ends in Softmax.</summary>
internal static class Probabilities
{
    public static float[] Of(InferenceSession<float> session, float[] inputs)
    {
        int rows = inputs.Length / session.InputSize;
        var outputs = new float[rows * session.OutputSize];
        session.Predict(new ReadOnlyTensorView<float>(inputs, new Shape(rows, session.InputSize)), new TensorView<float>(outputs, new Shape(rows, session.OutputSize)));
        return session.Layers[^1] is SoftmaxLayer<float> ? outputs : Softmax(outputs, session.OutputSize);
    }

    public static float[] Softmax(float[] scores, int classes)
    {
        var probabilities = new float[scores.Length];
        for (int start = 0; start < scores.Length; start += classes)
        {
            double max = scores.AsSpan(start, classes).ToArray().Max();
            double sum = 0;
            for (int k = 0; k < classes; k++)
            {
                sum += Math.Exp(scores[start + k] - max);
            }

            for (int k = 0; k < classes; k++)
            {
                probabilities[start + k] = (float)(Math.Exp(scores[start + k] - max) / sum);
            }
        }

        return probabilities;
    }

    public static void AssertClose(float[] expected, float[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }

        Assert.True(worst <= tolerance, $"{what}: largest probability difference {worst:E2} > {tolerance:E0}");
    }
}
