using System.Text;
using System.Text.Unicode;

namespace MusiVault.Engine.Import;

/// <summary>
/// Turns whatever bytes an export file holds into UTF-8 for the JSON reader. Spotify writes UTF-8 without a BOM, but
/// files pass through editors and Windows tools: a UTF-8 BOM is left for the reader to skip, UTF-16 (with a BOM, or
/// recognised by its zero bytes) is transcoded, and bytes that are not valid UTF-8 are read as Windows-1252, the
/// usual "ANSI" of a re-saved file, instead of failing the whole file.
/// </summary>
internal static class ExportText
{
    public static Stream OpenUtf8(Stream raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var head = new byte[4];
        var count = raw.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var span = head.AsSpan(0, count);
        if (span.StartsWith(new byte[] { 0xFF, 0xFE }) || (count >= 2 && span[0] != 0 && span[1] == 0))
        {
            return Transcode(span.StartsWith(new byte[] { 0xFF, 0xFE }) ? 2 : 0, Encoding.Unicode);
        }
        if (span.StartsWith(new byte[] { 0xFE, 0xFF }) || (count >= 2 && span[0] == 0 && span[1] != 0))
        {
            return Transcode(span.StartsWith(new byte[] { 0xFE, 0xFF }) ? 2 : 0, Encoding.BigEndianUnicode);
        }
#pragma warning disable CA2000 // the repairing stream owns (and disposes) the prefixed stream, which owns raw
        return new Utf8RepairingStream(new PrefixedStream(head[..count], raw));
#pragma warning restore CA2000

        Stream Transcode(int skip, Encoding encoding) =>
            Encoding.CreateTranscodingStream(new PrefixedStream(head[skip..count], raw), encoding, Encoding.UTF8, leaveOpen: false);
    }
}

/// <summary>A read-only stream that returns some already-read bytes before the rest of another stream.</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
{
    private int prefixRead;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (prefixRead < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - prefixRead);
            prefix.AsSpan(prefixRead, n).CopyTo(buffer);
            prefixRead += n;
            return n;
        }
        return rest.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// Passes valid UTF-8 through untouched (one vectorised check per chunk) and rewrites each byte that is not part of a
/// valid sequence as the Windows-1252 character it would be.
/// </summary>
internal sealed class Utf8RepairingStream(Stream inner) : Stream
{
    // Windows-1252 0x80..0x9F; the rest of the upper half is Latin-1.
    private static readonly char[] Cp1252High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    private readonly byte[] input = new byte[64 * 1024];
    private int carry;
    private bool innerDone;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // A repaired byte becomes at most 3 bytes, so read no more than a quarter of what the caller can take.
        var want = Math.Min(input.Length, Math.Max(4, buffer.Length / 4));
        while (true)
        {
            if (!innerDone && carry < want)
            {
                var n = inner.Read(input.AsSpan(carry, want - carry));
                innerDone = n == 0;
                carry += n;
            }
            if (carry == 0)
            {
                return 0;
            }
            var data = input.AsSpan(0, carry);
            var whole = innerDone ? data.Length : CompleteLength(data);
            int written, read;
            if (Utf8.IsValid(data[..whole]))
            {
                data[..whole].CopyTo(buffer);
                written = read = whole;
            }
            else
            {
                (written, read) = Repair(data, buffer);
            }
            data[read..].CopyTo(input);
            carry = data.Length - read;
            if (written > 0 || innerDone && carry == 0)
            {
                return written;
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The length of <paramref name="data"/> without a multi-byte sequence cut off at its end.</summary>
    private static int CompleteLength(ReadOnlySpan<byte> data)
    {
        for (var back = 1; back <= Math.Min(3, data.Length); back++)
        {
            var b = data[^back];
            if (b < 0x80)
            {
                return data.Length;
            }
            if (b >= 0xC0)
            {
                var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return needed > back ? data.Length - back : data.Length;
            }
        }
        return data.Length;
    }

    private (int Written, int Read) Repair(ReadOnlySpan<byte> data, Span<byte> buffer)
    {
        var written = 0;
        var read = 0;
        while (read < data.Length && written + 4 <= buffer.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(data[read..], out _, out var length);
            if (status == System.Buffers.OperationStatus.Done)
            {
                data.Slice(read, length).CopyTo(buffer[written..]);
                written += length;
                read += length;
            }
            else if (status == System.Buffers.OperationStatus.NeedMoreData && !innerDone)
            {
                break;
            }
            else
            {
                var b = data[read];
                var c = b is >= 0x80 and < 0xA0 ? Cp1252High[b - 0x80] : (char)b;
                written += Encoding.UTF8.GetBytes([c], buffer[written..]);
                read++;
            }
        }
        return (written, read);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
