using System.Diagnostics;
using NativeNet.Networks;
using NativeNet.Serialization;

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

    private const string ModeVariable = "NATIVENET_TEST_CHILD_MODE";
    private const string PathVariable = "NATIVENET_TEST_CHILD_PATH";

    /// <summary>The two models the save loop alternates between; big enough (about 800 KB) that a save takes a while.</summary>
    public static Network<float> SaveLoopNetwork(int which) =>
        new(new NetworkOptions { InputSize = 784, HiddenSizes = [256], OutputSize = 10, Seed = 1000 + (ulong)which }, batchCapacity: 1);

    /// <summary>Starts a child in <paramref name="mode"/>; stdout is redirected.</summary>
    public static Process Start(string mode, string? path = null)
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
