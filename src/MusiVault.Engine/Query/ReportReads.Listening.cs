using MusiVault.Engine.Report;

namespace MusiVault.Engine.Query;

internal static partial class ReportReads
{
    /// <summary>Null until the vault holds imported plays; the section then says how to get them.</summary>
    private static ReportListening? ReadListening(Reads q, DateTimeOffset now)
    {
        _ = q;
        _ = now;
        return null;
    }
}
