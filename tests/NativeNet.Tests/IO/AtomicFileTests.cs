using NativeNet.IO;

namespace NativeNet.Tests.IO;

/// <summary>The one atomic write: whole files or the previous one, errors naming the target, no temporary file left.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nativenet-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Temporaries() => Directory.GetFiles(_dir, "*" + AtomicFile.TemporarySuffix, SearchOption.AllDirectories);

    [Fact]
    public void Writes_and_replaces()
    {
        var path = Path.Combine(_dir, "a.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second é");
        Assert.Equal("second é", File.ReadAllText(path));
        Assert.Equal([0x73, 0x65], File.ReadAllBytes(path)[..2]); // no byte-order mark
        Assert.Empty(Temporaries());
    }

    [Fact]
    public void A_failed_write_names_the_target_keeps_nothing_and_deletes_its_temporary_file()
    {
        var folder = Path.Combine(_dir, "a-folder");
        Directory.CreateDirectory(folder);
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(folder, "text"));
        Assert.StartsWith($"Cannot write '{folder}'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AtomicFile.TemporarySuffix, e.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(folder));
        Assert.Empty(Temporaries());
    }

    [Fact]
    public void A_missing_folder_is_a_DirectoryNotFoundException_naming_the_target()
    {
        var target = Path.Combine(_dir, "missing", "a.txt");
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(target, "text"));
        Assert.Equal($"Cannot write '{target}': Could not find a part of the path '{target}'.", e.Message);
    }

    [Fact]
    public void A_path_below_a_file_fails_naming_the_target()
    {
        var file = Path.Combine(_dir, "file");
        File.WriteAllText(file, "x");
        var target = Path.Combine(file, "below.txt");
        var e = Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(target, "text"));
        Assert.Contains(target, e.Message, StringComparison.Ordinal);
        Assert.Empty(Temporaries());
    }
}
