using System.Text;

namespace MusiVault.Engine.Import;

/// <summary>
/// An RFC 4180 record parser fed in chunks (so sync and async readers share it and nothing needs the whole file):
/// fields in double quotes may hold delimiters, line breaks and doubled quotes; records end at CRLF, LF or CR.
/// Lenient where files in the wild are: a quote inside an unquoted field is kept as text, text after a closing quote
/// is appended. The delimiter is guessed from the first line (the most frequent of , ; tab outside quotes).
/// </summary>
internal sealed class CsvRecordParser
{
    private readonly Queue<(int Line, string[] Fields)> records = new();
    private readonly List<string> fields = [];
    private readonly StringBuilder field = new();
    private readonly StringBuilder firstLine = new();
    private char? delimiter;
    private bool inQuotes;
    private bool quoteSeen;       // a quote inside a quoted field: the end, or the first of a doubled pair
    private bool fieldStarted;
    private bool lastWasCr;
    private bool atStart = true;
    private int line = 1;
    private int recordLine = 1;

    public void Feed(ReadOnlySpan<char> chunk)
    {
        if (delimiter is null)
        {
            // Hold text back until the first line is complete, so the delimiter is guessed from all of it.
            firstLine.Append(chunk);
            var text = firstLine.ToString();
            var end = text.AsSpan().IndexOfAny('\r', '\n');
            if (end < 0)
            {
                return;
            }
            delimiter = GuessDelimiter(text.AsSpan(0, end));
            firstLine.Clear();
            Consume(text);
            return;
        }
        Consume(chunk);
    }

    public void Complete()
    {
        if (delimiter is null)
        {
            var text = firstLine.ToString();
            delimiter = GuessDelimiter(text);
            firstLine.Clear();
            Consume(text);
        }
        if (fieldStarted || fields.Count > 0 || field.Length > 0)
        {
            EndRecord();
        }
    }

    public bool TryDequeue(out int recordLine, out string[] recordFields)
    {
        if (records.TryDequeue(out var record))
        {
            recordLine = record.Line;
            recordFields = record.Fields;
            return true;
        }
        recordLine = 0;
        recordFields = [];
        return false;
    }

    private static char GuessDelimiter(ReadOnlySpan<char> text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': quoted = !quoted; break;
                case ',' when !quoted: commas++; break;
                case ';' when !quoted: semicolons++; break;
                case '\t' when !quoted: tabs++; break;
            }
        }
        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    private void Consume(ReadOnlySpan<char> chunk)
    {
        var separator = delimiter!.Value;
        foreach (var c in chunk)
        {
            if (atStart)
            {
                atStart = false;
                if (c == '\uFEFF')
                {
                    continue;
                }
            }
            if (lastWasCr)
            {
                lastWasCr = false;
                if (c == '\n')
                {
                    if (inQuotes && !quoteSeen)
                    {
                        field.Append(c); // a CRLF inside quotes stays in the field
                    }
                    continue; // the LF of a CRLF: its line is already counted
                }
            }
            if (inQuotes)
            {
                if (quoteSeen)
                {
                    quoteSeen = false;
                    if (c == '"')
                    {
                        field.Append('"');
                        continue;
                    }
                    inQuotes = false; // that quote closed the field; c is handled below as unquoted text
                }
                else if (c == '"')
                {
                    quoteSeen = true;
                    continue;
                }
                else
                {
                    if (c is '\n' or '\r')
                    {
                        line++;
                        lastWasCr = c == '\r';
                    }
                    field.Append(c);
                    continue;
                }
            }
            if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = true;
            }
            else if (c is '\n' or '\r')
            {
                EndRecord();
                line++;
                recordLine = line;
                lastWasCr = c == '\r';
            }
            else if (c == '"' && field.Length == 0 && !inQuotes)
            {
                inQuotes = true;
                fieldStarted = true;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }
    }

    private void EndRecord()
    {
        if (inQuotes)
        {
            inQuotes = false; // unterminated quote at end of input: keep what was read
        }
        quoteSeen = false;
        fields.Add(field.ToString());
        field.Clear();
        records.Enqueue((recordLine, fields.ToArray()));
        fields.Clear();
        fieldStarted = false;
    }
}
