namespace NativeNet.Charts;

/// <summary>Placeholder so the project builds; the SVG writer lands with the charts work.</summary>
public static class ChartsInfo
{
    /// <summary>The SVG namespace every chart writes.</summary>
    public const string SvgNamespace = "http://www.w3.org/2000/svg";
}
