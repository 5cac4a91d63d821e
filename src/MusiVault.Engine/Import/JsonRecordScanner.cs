using System.Text;
using System.Text.Json;

namespace MusiVault.Engine.Import;

/// <summary>
/// Reads one record (a JSON object) from <paramref name="record"/>, positioned on its StartObject. Returns false when
/// the buffer ends inside the record (the scanner then refills and calls again from the same StartObject), so a
/// handler must not publish anything before it returns true. Malformed data: throw <see cref="ExportRecordException"/>.
/// </summary>
internal delegate bool JsonRecordHandler(string? section, ref Utf8JsonReader record);

/// <summary>A record that is valid JSON but not a record the importer can use (say, a play without a time).</summary>
internal sealed class ExportRecordException(string message) : Exception(message);

/// <summary>
/// Streams the records of an export file with <see cref="Utf8JsonReader"/> over a refilled buffer, never holding more
/// than one record plus one read's worth of bytes. Records are the objects of a root array (the streaming histories)
/// or of the arrays under a root object's properties (YourLibrary.json's "tracks", Playlist1.json's "playlists"; the
/// property name is passed as the section). Everything else is skipped, whatever it holds. The first error stops the
/// file: <see cref="Error"/> says where, counted in lines of the (UTF-8) text and bytes from its start.
/// </summary>
internal sealed class JsonRecordScanner : IDisposable
{
    private const int ReadSize = 64 * 1024;

    private readonly Stream stream;
    private readonly string fileName;
    private readonly int maxRecordBytes;
    private byte[] buffer = new byte[2 * ReadSize];
    private int start;
    private int end;
    private long bufferOffset;      // offset in the text of buffer[0]
    private long linesBeforeBuffer; // line breaks in the text before buffer[0]
    private bool endOfStream;
    private bool started;
    private bool starved;
    private bool finished;
    private bool sectionIsArray;
    private string? section;
    private JsonReaderState state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });

    public JsonRecordScanner(Stream utf8, string fileName, int maxRecordBytes)
    {
        stream = utf8;
        this.fileName = fileName;
        this.maxRecordBytes = maxRecordBytes;
    }

    /// <summary>The file ended well; set once <see cref="Read"/> has returned 0 without an error.</summary>
    public bool Completed { get; private set; }

    public ExportFileError? Error { get; private set; }

    /// <summary>Whether the root is an array (histories) rather than an object (library, playlists).</summary>
    public bool RootIsArray { get; private set; }

    /// <summary>Passes up to <paramref name="maxRecords"/> records to <paramref name="handler"/>; 0 when the file is done.</summary>
    public int Read(JsonRecordHandler handler, int maxRecords, CancellationToken cancellationToken)
    {
        var records = 0;
        while (!finished && records < maxRecords)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!endOfStream && (starved || end - start < ReadSize))
            {
                try
                {
                    Refill();
                }
                catch (Exception e) when (e is IOException or InvalidDataException or ExportRecordException or DecoderFallbackException)
                {
                    Fail(e, 0);
                    break;
                }
                starved = false;
            }
            var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), endOfStream, state);
            try
            {
                if (endOfStream && !started && buffer.AsSpan(start, end - start).Trim(" \t\r\n"u8).IsEmpty)
                {
                    throw new ExportRecordException("The file is empty.");
                }
                while (records < maxRecords)
                {
                    var before = reader;
                    if (!reader.Read())
                    {
                        if (!endOfStream)
                        {
                            starved = true;
                        }
                        else if (!started)
                        {
                            throw new ExportRecordException("The file is empty.");
                        }
                        else
                        {
                            finished = Completed = true;
                        }
                        break;
                    }
                    started = true;
                    if (!Visit(ref reader, handler, out var isRecord))
                    {
                        if (endOfStream)
                        {
                            throw new ExportRecordException("The file ends inside a record.");
                        }
                        reader = before; // the value is cut by the end of the buffer: refill and go again
                        starved = true;
                        break;
                    }
                    records += isRecord ? 1 : 0;
                }
            }
            catch (Exception e) when (e is JsonException or ExportRecordException or InvalidOperationException or FormatException)
            {
                Fail(e, reader.BytesConsumed);
                break;
            }
            start += (int)reader.BytesConsumed;
            state = reader.CurrentState;
        }
        return records;
    }

    public void Dispose() => stream.Dispose();

    /// <summary>Handles the token just read; false when it starts a value that is not all in the buffer.</summary>
    private bool Visit(ref Utf8JsonReader reader, JsonRecordHandler handler, out bool isRecord)
    {
        isRecord = false;
        var depth = reader.CurrentDepth;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray when depth == 0:
                RootIsArray = true;
                return true;
            case JsonTokenType.StartObject when depth == 0:
                return true;
            case JsonTokenType.PropertyName when depth == 1:
                section = reader.GetString();
                return true;
            case JsonTokenType.StartArray when depth == 1 && !RootIsArray:
                sectionIsArray = true;
                return true;
            case JsonTokenType.EndArray when depth == 1:
                sectionIsArray = false;
                return true;
            case JsonTokenType.StartObject when (depth == 1 && RootIsArray) || (depth == 2 && sectionIsArray):
                isRecord = true;
                return handler(RootIsArray ? null : section, ref reader);
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                return reader.TrySkip();
            case JsonTokenType.EndArray or JsonTokenType.EndObject or JsonTokenType.PropertyName:
                return true;
            default:
                if (depth == 0)
                {
                    throw new ExportRecordException("The file is neither a JSON array nor a JSON object.");
                }
                return true; // a scalar where records are expected: nothing to read
        }
    }

    private void Refill()
    {
        if (start > 0)
        {
            linesBeforeBuffer += buffer.AsSpan(0, start).Count((byte)'\n');
            bufferOffset += start;
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        if (buffer.Length - end < ReadSize)
        {
            if (buffer.Length >= maxRecordBytes)
            {
                throw new ExportRecordException($"A record is larger than {maxRecordBytes} bytes.");
            }
            Array.Resize(ref buffer, Math.Min(maxRecordBytes, buffer.Length * 2));
        }
        while (end < buffer.Length)
        {
            var n = stream.Read(buffer.AsSpan(end));
            if (n == 0)
            {
                endOfStream = true;
                break;
            }
            end += n;
            if (end - start >= ReadSize)
            {
                break;
            }
        }
        if (bufferOffset == 0 && end >= 3 && buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
        {
            start = 3; // a byte order mark before the JSON
        }
    }

    private void Fail(Exception e, long consumedInBuffer)
    {
        finished = true;
        var offset = start + (int)Math.Min(consumedInBuffer, end - start);
        var lineStart = buffer.AsSpan(0, offset).LastIndexOf((byte)'\n');
        var line = linesBeforeBuffer + buffer.AsSpan(0, offset).Count((byte)'\n') + 1;
        var column = (long)(offset - lineStart);
        if (e is JsonException { LineNumber: { } jsonLine, BytePositionInLine: { } jsonColumn })
        {
            // The reader counts across buffers (its state carries the line) and points at the offending byte.
            line = jsonLine + 1;
            column = jsonColumn + 1;
        }
        var message = e is JsonException ? e.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0] : e.Message;
        Error = new ExportFileError(fileName, line, column, bufferOffset + offset, message);
    }
}
