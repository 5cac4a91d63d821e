using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

internal static partial class ReportReads
{
    /// <summary>The report's queries on one connection and one snapshot, with the window's bounds as parameters.</summary>
    private sealed class Reads(SqliteConnection connection, SqliteTransaction snapshot, ReportWindow window, TimeZoneInfo zone,
        CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, object> _parameters = new(StringComparer.Ordinal);

        public TimeZoneInfo Zone => zone;

        /// <summary>" AND column within the window", or nothing when the window is open on both ends.</summary>
        public string Window(string column)
        {
            var text = "";
            if (window.From is { } from)
            {
                text += $" AND julianday({column}) >= julianday({Parameter(ReportWindow.Text(from))})";
            }
            if (window.To is { } to)
            {
                text += $" AND julianday({column}) < julianday({Parameter(ReportWindow.Text(to))})";
            }
            return text;
        }

        /// <summary>The same for a column of Unix milliseconds (the plays table): plain integer bounds, index-friendly.</summary>
        public string WindowMs(string column)
        {
            var text = "";
            if (window.From is { } from)
            {
                text += $" AND {column} >= {Parameter(from.ToUnixTimeMilliseconds())}";
            }
            if (window.To is { } to)
            {
                text += $" AND {column} < {Parameter(to.ToUnixTimeMilliseconds())}";
            }
            return text;
        }

        public string Parameter(object value)
        {
            var name = "$r" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
            _parameters[name] = value;
            return name;
        }

        public void Each(string sql, Func<SqliteDataReader, Action> bind)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var command = Command(sql);
            using var reader = command.ExecuteReader();
            var row = bind(reader);
            var rows = 0;
            while (reader.Read())
            {
                if (++rows % 4096 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                row();
            }
        }

        public string? Scalar(string sql)
        {
            using var command = Command(sql);
            return command.ExecuteScalar() as string;
        }

        /// <summary>A "yyyy-MM-ddTHH" UTC hour (SQL's group key) as the local time of that hour's start.</summary>
        public DateTimeOffset? LocalHour(string? utcHour)
        {
            if (utcHour is null || !DateTime.TryParseExact(utcHour, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
            {
                return null;
            }
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), zone);
        }

        private SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = snapshot;
            command.CommandText = sql;
            foreach (var (name, value) in _parameters)
            {
                if (sql.Contains(name, StringComparison.Ordinal) && !ContainsLonger(sql, name))
                {
                    command.Parameters.AddWithValue(name, value);
                }
            }
            return command;
        }

        // "$r1" must not bind for a statement that only names "$r12".
        private static bool ContainsLonger(string sql, string name)
        {
            var at = 0;
            while ((at = sql.IndexOf(name, at, StringComparison.Ordinal)) >= 0)
            {
                var end = at + name.Length;
                if (end >= sql.Length || !char.IsAsciiDigit(sql[end]))
                {
                    return false;
                }
                at = end;
            }
            return true;
        }
    }
}
