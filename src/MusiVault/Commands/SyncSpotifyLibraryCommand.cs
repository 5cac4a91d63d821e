using System.Globalization;
using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Spotify.Auth;
using MusiVault.Engine.Sync;

namespace MusiVault.Commands;

[Cmdlet(VerbsData.Sync, "SpotifyLibrary", SupportsShouldProcess = true)]
[OutputType(typeof(SyncResult))]
public sealed class SyncSpotifyLibraryCommand : VaultCmdlet
{
    private const int ProgressActivityId = 4711;

    /// <summary>The stored Spotify connection to use (Connect-Spotify -Profile).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string? Profile { get; set; }

    /// <summary>Only these collections.</summary>
    [Parameter]
    public SyncCollection[]? Include { get; set; }

    /// <summary>All collections but these.</summary>
    [Parameter]
    public SyncCollection[]? Exclude { get; set; }

    /// <summary>Read everything, ignoring snapshot ids and incremental shortcuts.</summary>
    [Parameter]
    public SwitchParameter Full { get; set; }

    /// <summary>Also download the bytes of every image into the vault.</summary>
    [Parameter]
    public SwitchParameter DownloadImages { get; set; }

    /// <summary>Wait for another sync of the same vault to finish instead of failing with VaultLocked.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>A full pass runs by itself when the last one is older than this many days.</summary>
    [Parameter]
    [ValidateRange(1, 3650)]
    public int FullSyncIntervalDays { get; set; } = 7;

    protected override void EndProcessing()
    {
        var vault = VaultPath;
        var collections = SelectCollections();
        var description = $"{(Full ? "full" : "incremental")} sync of {string.Join(", ", collections)}";
        if (!ShouldProcess(vault, description))
        {
            return;
        }

        using var pump = new EnginePump();
        var observer = new Observer(this, pump);
        if (!TryRun(() => pump.Execute(async cancellationToken =>
        {
            // The engine renews the login first: a revoked one fails before the vault is touched.
            using var session = await SpotifySession.OpenAsync(Profile, null, cancellationToken);
            try
            {
                var engine = new SyncEngine(session, new SyncOptions
                {
                    VaultPath = vault,
                    Collections = collections,
                    Full = Full,
                    DownloadImages = DownloadImages,
                    WaitForLock = Wait,
                    FullSyncInterval = TimeSpan.FromDays(FullSyncIntervalDays),
                }, observer);
                return await engine.RunAsync(cancellationToken);
            }
            finally
            {
                var stats = session.GetRequestStats();
                pump.Post(() =>
                {
                    WriteVerbose($"Spotify requests: {stats.TotalRequests} ({stats.RateLimited} rate-limited, {stats.Retries} retried, peak {stats.PeakInFlight} in flight).");
                    foreach (var route in stats.ByRoute.OrderByDescending(r => r.Value))
                    {
                        WriteVerbose($"  {route.Value,6}  {route.Key}");
                    }
                });
            }
        }, CancellationToken), out var result))
        {
            return;
        }
        WriteProgress(new ProgressRecord(ProgressActivityId, "Syncing Spotify library", "Done") { RecordType = ProgressRecordType.Completed });
        WriteObject(result);
    }

    private List<SyncCollection> SelectCollections()
    {
        IEnumerable<SyncCollection> selected = Include is { Length: > 0 } ? Include : SyncOptions.DefaultCollections;
        if (DownloadImages && Include is not { Length: > 0 })
        {
            selected = selected.Append(SyncCollection.Images);
        }
        if (Exclude is { Length: > 0 })
        {
            selected = selected.Except(Exclude);
        }
        return selected.Distinct().Order().ToList();
    }

    /// <summary>
    /// One progress bar for the whole run: the percentage counts finished collections plus the share of the current
    /// one, and the status carries the count (pwsh 7's minimal view shows the status, not CurrentOperation).
    /// </summary>
    private sealed class Observer(SyncSpotifyLibraryCommand cmdlet, EnginePump pump) : ISyncObserver
    {
        private const string Activity = "Syncing Spotify library";
        private int _index;
        private int _count = 1;
        private string _collection = "";
        private string _lastStatus = "";
        private int _lastPercent;

        public void CollectionStarted(int index, int count, string collection) => pump.Post(() =>
        {
            _index = index;
            _count = Math.Max(1, count);
            _collection = collection;
        });

        public void Progress(string collection, string status, int done, int? total) => pump.Post(() =>
        {
            var share = total is > 0 ? Math.Min(1.0, (double)done / total.Value) : 0.0;
            var overall = (int)(100 * (_index + share) / _count);
            var count = total is > 0
                ? string.Create(CultureInfo.CurrentCulture, $"{done:N0} of {total.Value:N0}")
                : string.Create(CultureInfo.CurrentCulture, $"{done:N0}");
            Write($"{collection}: {status} {count} (collection {_index + 1} of {_count})", Math.Clamp(overall, 0, 100), -1);
        });

        public void RateLimited(TimeSpan wait) => pump.Post(() =>
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            var where = _collection.Length > 0 ? $"{_collection}: " : "";
            Write(string.Create(CultureInfo.CurrentCulture, $"{where}waiting {seconds} s (Spotify rate limit)"), _lastPercent, seconds);
        });

        public void Warning(string message) => pump.Post(() => cmdlet.WriteWarning(message));

        public void Verbose(string message) => pump.Post(() => cmdlet.WriteVerbose(message));

        private void Write(string status, int percent, int secondsRemaining)
        {
            _lastStatus = status;
            _lastPercent = percent;
            cmdlet.WriteProgress(new ProgressRecord(ProgressActivityId, Activity, _lastStatus)
            {
                PercentComplete = percent,
                SecondsRemaining = secondsRemaining,
            });
        }
    }
}
