using NativeNet.Onnx.Protos;

namespace NativeNet.Onnx.Import;

/// <summary>
/// Orders a graph's nodes (returns their indices) so every node runs after the nodes it reads from (Kahn's algorithm), and checks that
/// every input exists: a node cycle or a value nobody provides is an error naming the node, not a hang or a crash.
/// </summary>
internal static class GraphOrder
{
    public static int[] Sort(GraphProto graph, IReadOnlySet<string> provided)
    {
        var nodes = graph.Node;
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string output in nodes[i].Output)
            {
                if (output.Length == 0)
                {
                    continue;
                }

                if (provided.Contains(output) || !producer.TryAdd(output, i))
                {
                    throw OnnxErrors.Invalid($"ONNX graph: {Describe(nodes[i], i)} writes '{output}', which another node, an initializer or the graph input already provides.");
                }
            }
        }

        var readers = new List<int>[nodes.Count];
        var pending = new int[nodes.Count];
        for (int i = 0; i < nodes.Count; i++)
        {
            foreach (string input in nodes[i].Input)
            {
                if (input.Length == 0 || provided.Contains(input))
                {
                    continue;
                }

                if (!producer.TryGetValue(input, out int from))
                {
                    throw OnnxErrors.Invalid($"ONNX graph: {Describe(nodes[i], i)} reads '{input}', which no node, initializer or graph input provides (a missing initializer?).");
                }

                (readers[from] ??= []).Add(i);
                pending[i]++;
            }
        }

        var ready = new Queue<int>();
        for (int i = 0; i < nodes.Count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i);
            }
        }

        var order = new List<int>(nodes.Count);
        while (ready.Count > 0)
        {
            int i = ready.Dequeue();
            order.Add(i);
            foreach (int reader in readers[i] ?? [])
            {
                if (--pending[reader] == 0)
                {
                    ready.Enqueue(reader);
                }
            }
        }

        if (order.Count < nodes.Count)
        {
            int stuck = Array.FindIndex(pending, p => p > 0);
            throw OnnxErrors.Invalid($"ONNX graph: the nodes form a cycle through {Describe(nodes[stuck], stuck)}.");
        }

        return [.. order];
    }

    /// <summary><c>node 3 'name' (Gemm)</c>, for messages.</summary>
    public static string Describe(NodeProto node, int index) =>
        $"node {index} '{Truncate(node.Name)}' ({Truncate(node.OpType)})";

    public static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
