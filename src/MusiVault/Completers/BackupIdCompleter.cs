using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MusiVault.Engine;
using MusiVault.Engine.Backup;

namespace MusiVault.Completers;

/// <summary>
/// Completes Restore-VaultFromDrive -Id with the backups on Drive, newest first. Listing needs the network, so it is
/// bounded (a few seconds, then whatever arrived) and cached per profile and folder for a minute: Tab must never
/// hang the prompt, and pressing it again must not ask Drive again.
/// </summary>
public sealed class BackupIdCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private static readonly Dictionary<string, (DateTimeOffset At, List<VaultBackup> Backups)> Cache = [];
    private static readonly object CacheLock = new();

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var profile = fakeBoundParameters?["Profile"]?.ToString() ?? Engine.Drive.GoogleProfile.DefaultProfile;
        var folder = fakeBoundParameters?["Folder"]?.ToString();
        var typed = CompletionText.Typed(wordToComplete);
        return Backups(profile, folder)
            .Where(b => b.Id.StartsWith(typed, StringComparison.Ordinal) || b.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Take(CompletionText.MaxResults)
            .Select(b => new CompletionResult(b.Id, $"{b.CreatedAt.ToLocalTime():yyyy-MM-dd HH:mm}  {b.Name}", CompletionResultType.ParameterValue, b.Name))
            .ToList();
    }

    private static List<VaultBackup> Backups(string profile, string? folder)
    {
        var key = profile + "\n" + folder;
        lock (CacheLock)
        {
            if (Cache.TryGetValue(key, out var cached) && DateTimeOffset.UtcNow - cached.At < CacheFor)
            {
                return cached.Backups;
            }
        }
        var found = new List<VaultBackup>();
        try
        {
            using var budget = new CancellationTokenSource(Budget);
            var options = folder is null ? new DriveBackupOptions { Profile = profile } : new DriveBackupOptions { Profile = profile, Folder = folder };
            using var service = DriveBackupService.Open(options);
            // A completer is synchronous; the wait is bounded by the token above.
            Task.Run(async () =>
            {
                await foreach (var backup in service.ListAsync(includeUnverified: false, budget.Token).ConfigureAwait(false))
                {
                    lock (found)
                    {
                        found.Add(backup);
                    }
                }
            }, budget.Token).Wait(Budget + TimeSpan.FromSeconds(1), CancellationToken.None);
        }
        catch (Exception ex) when (ex is MusiVaultException or OperationCanceledException or AggregateException or IOException)
        {
            // Not connected, offline or slow: offer what arrived, never an error while typing.
        }
        List<VaultBackup> result;
        lock (found)
        {
            result = found.OrderByDescending(b => b.CreatedAt).ToList();
        }
        lock (CacheLock)
        {
            Cache[key] = (DateTimeOffset.UtcNow, result);
        }
        return result;
    }
}
