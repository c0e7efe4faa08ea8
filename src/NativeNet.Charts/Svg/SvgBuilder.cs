using System.Text;

namespace NativeNet.Charts.Svg;

/// <summary>
/// Writes a well-formed SVG document: every element is opened and closed through this class,
/// attribute values and text are XML-escaped, numbers are invariant-culture, and an open tag stack
/// guarantees that <see cref="ToString"/> returns balanced markup.
/// </summary>
/// <remarks>
/// Usage: <c>svg.Start("rect").Attr("x", 1).Attr("fill", "red").End();</c> for an empty element,
/// <c>svg.Start("g").Open(); ... svg.Close();</c> for one with children.
/// </remarks>
internal sealed class SvgBuilder
{
    /// <summary>The SVG namespace URI written on the root element.</summary>
    public const string Namespace = "http://www.w3.org/2000/svg";

    /// <summary>Font stack: DejaVu Sans is what rsvg and most Linux boxes have; the rest cover other systems.</summary>
    public const string FontFamily = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

    private readonly StringBuilder _text = new(16 * 1024);
    private readonly Stack<string> _open = new();
    private bool _inStartTag;
    private int _nextId;

    /// <summary>Starts a document of the given pixel size with a white background.</summary>
    public SvgBuilder(double width, double height)
    {
        _text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        Start("svg").Attr("xmlns", Namespace)
            .Attr("width", width).Attr("height", height)
            .Attr("viewBox", $"0 0 {SvgFormat.Number(width)} {SvgFormat.Number(height)}")
            .Attr("font-family", FontFamily)
            .Open();
        Start("rect").Attr("width", width).Attr("height", height).Attr("fill", "white").End();
    }

    /// <summary>A document-unique id with the given prefix (for clip paths in small multiples).</summary>
    public string NextId(string prefix) => $"{prefix}{_nextId++}";

    /// <summary>Begins an element; follow with attributes, then <see cref="End"/> or <see cref="Open"/>.</summary>
    public SvgBuilder Start(string element)
    {
        FinishStartTag();
        _text.Append('<').Append(element);
        _open.Push(element);
        _inStartTag = true;
        return this;
    }

    /// <summary>Adds an attribute with an escaped string value.</summary>
    public SvgBuilder Attr(string name, string value)
    {
        RequireStartTag();
        _text.Append(' ').Append(name).Append("=\"");
        SvgFormat.AppendEscaped(_text, value);
        _text.Append('"');
        return this;
    }

    /// <summary>Adds a numeric attribute (finite, at most two decimals).</summary>
    public SvgBuilder Attr(string name, double value) => Attr(name, SvgFormat.Number(value));

    /// <summary>Closes the current element as empty (<c>/&gt;</c>).</summary>
    public void End()
    {
        RequireStartTag();
        _text.Append("/>\n");
        _open.Pop();
        _inStartTag = false;
    }

    /// <summary>Ends the start tag so children or text can follow; close with <see cref="Close"/>.</summary>
    public SvgBuilder Open()
    {
        RequireStartTag();
        _text.Append('>');
        if (_open.Peek() != "text" && _open.Peek() != "title" && _open.Peek() != "tspan")
            _text.Append('\n');
        _inStartTag = false;
        return this;
    }

    /// <summary>Appends escaped character data inside the current element.</summary>
    public SvgBuilder Content(string text)
    {
        FinishStartTag();
        SvgFormat.AppendEscaped(_text, text);
        return this;
    }

    /// <summary>Closes the innermost open element.</summary>
    public void Close()
    {
        FinishStartTag();
        var element = _open.Pop();
        _text.Append("</").Append(element).Append(">\n");
    }

    /// <summary>Closes every open element (including the root) and returns the document.</summary>
    public override string ToString()
    {
        while (_open.Count > 0)
            Close();
        return _text.ToString();
    }

    private void FinishStartTag()
    {
        if (_inStartTag)
            Open();
    }

    private void RequireStartTag()
    {
        if (!_inStartTag)
            throw new InvalidOperationException("Attributes can only follow Start(element).");
    }
}
