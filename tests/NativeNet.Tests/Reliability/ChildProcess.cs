using System.Diagnostics;
using NativeNet.Networks;
using NativeNet.Optimizers;
using NativeNet.Serialization;
using NativeNet.Tests.Networks;
using NativeNet.Training;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// Runs parts of the reliability tests in a separate process: <c>dotnet exec NativeNet.Tests.dll</c> with this
/// assembly as a startup hook (see <see cref="StartupHook"/>) and the mode in an environment variable.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Trains <see cref="DeterminismTests.Wide"/> and prints the SHA-256 of the resulting bits.</summary>
    public const string TrainMode = "train";

    /// <summary>Saves <see cref="SaveLoopNetwork"/> 0 and 1 alternately to one path until killed; prints "ready" after the first save.</summary>
    public const string SaveLoopMode = "save-loop";

    /// <summary>Runs <c>nativenet serve --model PATH --urls http://127.0.0.1:0</c> until stopped; exits with its exit code.</summary>
    public const string ServeMode = "serve";

    /// <summary>Runs the <c>nativenet</c> command line (<see cref="NativeNet.Cli.Program.Main"/>) with the arguments given to <see cref="StartCli"/>.</summary>
    public const string CliMode = "cli";

    /// <summary>Saves the checkpoints of <see cref="CheckpointLoopTrainer"/> 0 and 1 alternately to one path until killed; prints "ready" after the first save.</summary>
    public const string CheckpointLoopMode = "checkpoint-loop";

    private const string ArgumentsVariable = "NATIVENET_TEST_CHILD_ARGS";
    private const string ModeVariable = "NATIVENET_TEST_CHILD_MODE";
    private const string PathVariable = "NATIVENET_TEST_CHILD_PATH";

    /// <summary>The two models the save loop alternates between; big enough (about 800 KB) that a save takes a while.</summary>
    public static Network<float> SaveLoopNetwork(int which) =>
        new(new NetworkOptions { InputSize = 784, HiddenSizes = [256], OutputSize = 10, Seed = 1000 + (ulong)which }, batchCapacity: 1);

    /// <summary>
    /// The two trainers the checkpoint loop alternates between: 784-256-10 with Adam's two state buffers, about
    /// 2.4 MB per checkpoint, so a save takes a while.
    /// </summary>
    public static Trainer<float> CheckpointLoopTrainer(int which)
    {
        var network = new Network<float>(new NetworkOptions { InputSize = 784, HiddenSizes = [256], OutputSize = 10, Seed = 2000 + (ulong)which }, batchCapacity: 4);
        var optimizer = OptimizerFactory.Create<float>("adam", network.Parameters.Values.Length);
        var data = TestData.Blobs<float>(40, 784, 10, 3);
        return new Trainer<float>(network, optimizer, data, new TrainerOptions { Epochs = 1, BatchSize = 4, Seed = which });
    }

    /// <summary>Starts <c>nativenet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; stdout and stderr are redirected.</summary>
    public static Process StartCli(string workingDirectory, params string[] arguments) =>
        Start(CliMode, workingDirectory: workingDirectory, arguments: arguments);

    /// <summary>Starts a child in <paramref name="mode"/>; stdout is redirected.</summary>
    public static Process Start(string mode, string? path = null, string? workingDirectory = null, string[]? arguments = null)
    {
        string assembly = typeof(ChildProcess).Assembly.Location;
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(assembly);
        info.Environment["DOTNET_STARTUP_HOOKS"] = assembly;
        info.Environment[ModeVariable] = mode;
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        if (arguments is not null)
        {
            info.Environment[ArgumentsVariable] = string.Join('\n', arguments);
        }

        if (path is not null)
        {
            info.Environment[PathVariable] = path;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the child process.");
    }

    /// <summary>Runs a child to completion and returns its output; fails on a non-zero exit or a timeout.</summary>
    public static string Run(string mode, TimeSpan timeout)
    {
        using var process = Start(mode);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The child process ({mode}) did not finish within {timeout}.");
        }

        Assert.True(process.ExitCode == 0, $"child exited with {process.ExitCode}: {error.Result}");
        return output.Result;
    }

    /// <summary>Called by the startup hook in the child: runs the requested mode and exits the process.</summary>
    public static void RunRequestedMode()
    {
        string? mode = Environment.GetEnvironmentVariable(ModeVariable);
        switch (mode)
        {
            case TrainMode:
                Console.WriteLine(DeterminismTests.Hash(DeterminismTests.TrainAndDump(DeterminismTests.Wide, DeterminismTests.BatchSize, iterations: 3)));
                Environment.Exit(0);
                break;
            case CliMode:
                string[] arguments = (Environment.GetEnvironmentVariable(ArgumentsVariable) ?? string.Empty).Split('\n');
                Environment.Exit(NativeNet.Cli.Program.Main(arguments));
                break;
            case CheckpointLoopMode:
                CheckpointLoop(Environment.GetEnvironmentVariable(PathVariable) ?? throw new InvalidOperationException($"{PathVariable} is not set."));
                break;
            case SaveLoopMode:
                SaveLoop(Environment.GetEnvironmentVariable(PathVariable) ?? throw new InvalidOperationException($"{PathVariable} is not set."));
                break;
            case ServeMode:
                Environment.Exit(NativeNet.Cli.Program.Main(["serve", "--model", Environment.GetEnvironmentVariable(PathVariable) ?? throw new InvalidOperationException($"{PathVariable} is not set."), "--urls", "http://127.0.0.1:0"]));
                break;
            default:
                Console.Error.WriteLine($"Unknown child mode '{mode}'.");
                Environment.Exit(2);
                break;
        }
    }

    private static void SaveLoop(string path)
    {
        Network<float>[] networks = [SaveLoopNetwork(0), SaveLoopNetwork(1)];
        ModelFile.Save(path, networks[0]);
        Console.WriteLine("ready");
        Console.Out.Flush();
        for (long i = 1; ; i++)
        {
            ModelFile.Save(path, networks[i % 2]);
        }
    }

    private static void CheckpointLoop(string path)
    {
        Trainer<float>[] trainers = [CheckpointLoopTrainer(0), CheckpointLoopTrainer(1)];
        trainers[0].SaveCheckpoint(path);
        Console.WriteLine("ready");
        Console.Out.Flush();
        for (long i = 1; ; i++)
        {
            trainers[i % 2].SaveCheckpoint(path);
        }
    }

    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }
}
