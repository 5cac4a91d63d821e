using System.Text;

namespace MusiVault.Engine.Export;

/// <summary>Base of the line formats (CSV, M3U): UTF-8 without BOM, "\n" line ends, whatever the platform.</summary>
internal abstract class TextExportWriter : ExportFormatWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    protected TextExportWriter(Stream sink)
        : base(sink)
    {
        Text = new StreamWriter(sink, Utf8NoBom, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" };
    }

    protected StreamWriter Text { get; }

    public override void Flush() => Text.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Text.Dispose();
        }
        base.Dispose(disposing);
    }
}
