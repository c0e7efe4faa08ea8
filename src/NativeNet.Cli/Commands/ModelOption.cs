using System.CommandLine;
using NativeNet.Networks;
using NativeNet.Serialization;

namespace NativeNet.Cli.Commands;

/// <summary>The <c>--model FILE</c> option and loading the file it names.</summary>
internal static class ModelOption
{
    public static Option<string> Create() => new("--model", "-m")
    {
        Description = "Model file written by 'nativenet train'.",
        Required = true,
    };

    /// <summary>Loads a float model; a missing file or a corrupt one ends in a one-line error naming it.</summary>
    public static Network<float> Load(string path, int batchCapacity = 100)
    {
        if (Directory.Exists(path))
            throw new CliUsageException($"--model '{path}' is a folder; give the model file in it that 'nativenet train --out' wrote (model.nnet by default).");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return ModelFile.Load<float>(path, batchCapacity).Network;
    }
}
