namespace NativeNet.Cli;

/// <summary>Entry point of the <c>nativenet</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static int Main(string[] args)
    {
        Console.WriteLine("nativenet " + string.Join(' ', args));
        return 0;
    }
}
