using System.Text.RegularExpressions;

namespace NativeNet.Tests.Docs;

/// <summary>
/// One fenced C# block of a Markdown file. The line before the fence may hold a directive for the test, invisible
/// when the Markdown is rendered: <c>&lt;!-- doc-test: compile-only (why) --&gt;</c> for a block that would run too
/// long, or <c>&lt;!-- doc-test: expect "text" --&gt;</c> for output the run must print.
/// </summary>
public sealed partial record MarkdownCodeBlock(string File, int Line, string Code, bool CompileOnly, string? ExpectedOutput)
{
    /// <summary>Every <c>```csharp</c> block of the Markdown text, in order.</summary>
    public static IReadOnlyList<MarkdownCodeBlock> Parse(string file, string markdown)
    {
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<MarkdownCodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            string fence = lines[i].Trim();
            if (fence is not ("```csharp" or "```cs" or "```c#"))
            {
                continue;
            }

            int start = i + 1;
            int end = start;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new InvalidDataException($"{file}:{i + 1}: the C# block is never closed.");
            }

            (bool compileOnly, string? expected) = ReadDirective(file, lines, i);
            blocks.Add(new MarkdownCodeBlock(file, i + 1, string.Join('\n', lines[start..end]), compileOnly, expected));
            i = end;
        }

        return blocks;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}";

    private static (bool CompileOnly, string? Expected) ReadDirective(string file, string[] lines, int fenceIndex)
    {
        int j = fenceIndex - 1;
        while (j >= 0 && lines[j].Trim().Length == 0)
        {
            j--;
        }

        if (j < 0 || !lines[j].TrimStart().StartsWith("<!-- doc-test:", StringComparison.Ordinal))
        {
            return (false, null);
        }

        Match match = Directive().Match(lines[j].Trim());
        if (!match.Success)
        {
            throw new InvalidDataException($"{file}:{j + 1}: unreadable doc-test directive '{lines[j].Trim()}'.");
        }

        return match.Groups["expect"].Success ? (false, match.Groups["expect"].Value) : (true, null);
    }

    [GeneratedRegex("""^<!-- doc-test: (?:compile-only \(.+\)|expect "(?<expect>[^"]+)") -->$""")]
    private static partial Regex Directive();
}
