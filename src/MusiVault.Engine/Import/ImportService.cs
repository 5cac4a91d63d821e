using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Import;

/// <summary>How Import-SpotifyDataExport runs.</summary>
public sealed record ImportOptions
{
    /// <summary>Store ip_addr, user_agent_decrypted and username (personal; off by default).</summary>
    public bool IncludeNetworkFields { get; init; }

    /// <summary>Read and check every file, store nothing (no vault is opened or created).</summary>
    public bool DryRun { get; init; }

    /// <summary>Stamps the rows written (tests pin it); default: now.</summary>
    public DateTimeOffset? Now { get; init; }
}

/// <summary>What the importer tells the cmdlet while it works.</summary>
public interface IImportObserver
{
    /// <summary>Before file <paramref name="index"/> (0-based) of <paramref name="count"/>.</summary>
    void FileStarting(string fileName, int index, int count);

    /// <summary>A file was rejected whole (malformed or truncated); nothing of it was stored. The import continues.</summary>
    void FileFailed(MusiVaultException error);
}

/// <summary>
/// Imports Spotify's privacy export ("Download your data") into a vault: each file all or nothing (a bad file
/// stores nothing and the rest continues), idempotent (a play is stored once however often it is imported), merged
/// with the plays Sync-SpotifyLibrary recorded (the export's fields fill those rows).
/// </summary>
public static class ImportService
{
    /// <summary>
    /// Files are committed together until about this many plays are in the transaction, each file in a savepoint of its
    /// own (a bad file still stores nothing and the rest goes on). Fewer, larger commits write each page of the plays'
    /// indexes to the WAL once per group instead of once per file (the by-item index takes its rows all over). A crash
    /// loses at most the current group, which the next import adds again.
    /// </summary>
    internal const long PlaysPerCommit = 250_000;

    public static ImportResult Import(string vaultPath, IReadOnlyList<string> paths, ImportOptions options, IImportObserver? observer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vaultPath);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var result = new ImportResult { Vault = Path.GetFullPath(vaultPath), WhatIf = options.DryRun };
        using var source = ExportSource.Open(paths);
        var readOptions = new ExportReadOptions { IncludeNetworkFields = options.IncludeNetworkFields };
        using var session = options.DryRun ? null : OpenVault(vaultPath, options.Now ?? DateTimeOffset.UtcNow);
        var extendedCommitted = false;
        using var pipeline = new ExportPipeline(source.Files, readOptions, cancellationToken);
        var writer = session is null ? null : new PlayWriter(session.Plays);
        var library = new LibraryImport();
        var files = source.Files;
        var next = 0;
        long ImportNext()
        {
            var i = next++;
            var file = files[i];
            observer?.FileStarting(file.Name, i, files.Count);
            var counts = new FileCounts();
            var error = ImportFile(session, writer, pipeline, counts, library);
            result.FilesRead++;
            if (error is not null)
            {
                session?.Plays.ForgetUncommitted();
                result.FilesFailed++;
                observer?.FileFailed(new MusiVaultException("ExportFileInvalid", ErrorKind.InvalidData,
                    $"{error}. Nothing from this file was imported.", file.Name));
                return 0;
            }
            extendedCommitted |= file.Kind is ExportFileKind.ExtendedAudio or ExportFileKind.ExtendedVideo or ExportFileKind.ExtendedEndsong;
            counts.AddTo(result);
            return counts.Plays;
        }
        void ImportGroup()
        {
            long plays = 0;
            do
            {
                plays += ImportNext();
            }
            while (next < files.Count && plays < PlaysPerCommit);
        }
        while (next < files.Count)
        {
            Guarded(result.Vault, () =>
            {
                if (session is null)
                {
                    ImportGroup();
                }
                else
                {
                    session.InTransaction(ImportGroup);
                }
                return null;
            });
        }
        if (session is not null && !library.IsEmpty)
        {
            Guarded(result.Vault, () =>
            {
                session.InTransaction(() => library.Store(session, options.Now ?? DateTimeOffset.UtcNow));
                return null;
            });
        }
        if (session is not null && extendedCommitted)
        {
            // Account-only plays an extended history imported now (or earlier) covers are the same plays: drop them.
            var reconciled = 0;
            Guarded(result.Vault, () =>
            {
                reconciled = session.InTransaction(session.Plays.ReconcileAccountOnly);
                return null;
            });
            result.AccountPlaysMatched += reconciled;
        }
        result.DurationValue = clock.Elapsed;
        return result;
    }

    private static VaultSession OpenVault(string vaultPath, DateTimeOffset now)
    {
        try
        {
            return VaultSession.Open(vaultPath, now);
        }
        catch (SqliteException ex)
        {
            throw VaultErrors.Translate(ex, vaultPath)
                ?? new MusiVaultException("VaultOpenFailed", ErrorKind.OpenError, $"Cannot open the vault '{vaultPath}': {ex.Message}", vaultPath, ex);
        }
    }

    // SQLite's exceptions never leave the engine; a failed write ends the import (what was committed stays).
    private static ExportFileError? Guarded(string vaultPath, Func<ExportFileError?> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException ex)
        {
            // Only SQLite's errors are the vault's: an unreadable export file is that file's error, not VaultReadOnly.
            throw VaultErrors.Translate(ex, vaultPath)
                ?? new MusiVaultException("VaultWriteFailed", ErrorKind.WriteError, $"Cannot write to the vault '{vaultPath}': {ex.Message}", vaultPath, ex);
        }
    }

    /// <summary>Stores the pipeline's current file in one savepoint; returns the file's error (then nothing was stored).</summary>
    private static ExportFileError? ImportFile(VaultSession? session, PlayWriter? writer, ExportPipeline pipeline, FileCounts counts,
        LibraryImport library)
    {
        var error = ImportFileBody(session, writer, pipeline, counts, library);
        if (error is null)
        {
            library.Accept();
        }
        else
        {
            library.Reject();
        }
        return error;
    }

    private static ExportFileError? ImportFileBody(VaultSession? session, PlayWriter? writer, ExportPipeline pipeline, FileCounts counts,
        LibraryImport library)
    {
        ExportFileError? error = null;
        if (session is null || writer is null)
        {
            while (pipeline.Next(out error) is { } batch)
            {
                counts.Read(batch);
                pipeline.Return(batch);
            }
            return error;
        }
        try
        {
            session.InSavepoint(() =>
            {
                while (pipeline.Next(out error) is { } batch)
                {
                    counts.Read(batch);
                    library.Read(batch);
                    writer.Prepare(batch.Plays);
                    foreach (var play in batch.Plays)
                    {
                        counts.Stored(writer.Write(play));
                    }
                    pipeline.Return(batch);
                }
                if (error is not null)
                {
                    throw new FileRejected();
                }
            });
        }
        catch (FileRejected)
        {
            return error;
        }
        return null;
    }

    /// <summary>Rolls the file's transaction back (the reader holds the error).</summary>
    private sealed class FileRejected : Exception;

    private sealed class FileCounts
    {
        private long _plays, _added, _present, _merged, _matched, _libraryItems, _playlists, _playlistItems;

        public long Plays => _plays;

        public void Read(ExportBatch batch)
        {
            _plays += batch.Plays.Count;
            _libraryItems += batch.LibraryItems.Count;
            _playlists += batch.Playlists.Count;
            foreach (var playlist in batch.Playlists)
            {
                _playlistItems += playlist.Items.Count;
            }
        }

        public void Stored(PlayWriteResult result)
        {
            switch (result)
            {
                case PlayWriteResult.Added: _added++; break;
                case PlayWriteResult.AlreadyPresent: _present++; break;
                case PlayWriteResult.MergedWithApi: _merged++; break;
                default: _matched++; break;
            }
        }

        public void AddTo(ImportResult result)
        {
            result.PlaysRead += _plays;
            result.PlaysAdded += _added;
            result.PlaysAlreadyPresent += _present;
            result.PlaysMergedWithApi += _merged;
            result.AccountPlaysMatched += _matched;
            result.LibraryItems += _libraryItems;
            result.Playlists += _playlists;
            result.PlaylistItems += _playlistItems;
        }
    }
}
