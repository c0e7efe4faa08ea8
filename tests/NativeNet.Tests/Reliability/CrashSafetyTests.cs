using NativeNet.Serialization;

namespace NativeNet.Tests.Reliability;

/// <summary>
/// A process killed while it saves a model never leaves a partial or mixed file at the target path: the
/// target always holds one complete earlier save. A child process saves two models alternately in a loop
/// and is killed at random moments, repeatedly.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nativenet-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Killing_a_saving_process_leaves_a_complete_previous_model() => KillRepeatedly(rounds: 3);

    [Fact]
    [Trait("Category", "Slow")]
    public void Killing_a_saving_process_many_times_never_leaves_a_partial_model()
    {
        // Some kills must land inside a write, or the test would prove little (about a third do here).
        int interrupted = KillRepeatedly(rounds: 25);
        Assert.True(interrupted >= 1, "no kill hit a write in progress");
    }

    /// <summary>Kills a saving child <paramref name="rounds"/> times; returns how many kills left a temporary file (hit a write).</summary>
    private int KillRepeatedly(int rounds)
    {
        string path = Path.Combine(_directory, "model.nnet");
        byte[][] versions = [ModelFile.Serialize(ChildProcess.SaveLoopNetwork(0)), ModelFile.Serialize(ChildProcess.SaveLoopNetwork(1))];
        var random = new Random(20261122);
        for (int round = 0; round < rounds; round++)
        {
            using (var child = ChildProcess.Start(ChildProcess.SaveLoopMode, path))
            {
                var ready = child.StandardOutput.ReadLineAsync();
                Assert.True(ready.Wait(TimeSpan.FromSeconds(60)), "the child never reported its first save");
                Assert.Equal("ready", ready.Result);

                // Saves take a few milliseconds (serialise, write, flush to disk, rename): land anywhere in them.
                Thread.Sleep(random.Next(0, 40));
                child.Kill(entireProcessTree: true);
                Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)), "the child did not die");
            }

            byte[] found = File.ReadAllBytes(path);
            Assert.True(found.AsSpan().SequenceEqual(versions[0]) || found.AsSpan().SequenceEqual(versions[1]), $"round {round}: the model file ({found.Length} bytes) is neither complete save");
            Assert.Equal(784, ModelFile.Load<float>(path, batchCapacity: 1).Network.InputSize);
        }

        // Only the target and temporary files of killed saves may be there, never another name.
        int interrupted = 0;
        foreach (string file in Directory.GetFiles(_directory))
        {
            string name = Path.GetFileName(file);
            bool temporary = name.StartsWith(".model.nnet.", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal);
            Assert.True(name == "model.nnet" || temporary, name);
            interrupted += temporary ? 1 : 0;
        }

        // A temporary file left behind is a kill that landed between creating it and renaming it.
        output.WriteLine($"{interrupted} of {rounds} kills interrupted a write in progress.");
        return interrupted;
    }
}
