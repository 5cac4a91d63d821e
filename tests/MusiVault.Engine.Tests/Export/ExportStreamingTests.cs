using System.Runtime.CompilerServices;
using MusiVault.Engine.Export;

namespace MusiVault.Engine.Tests.Export;

/// <summary>
/// A 10,000-entry playlist is written without holding it: the entries are produced lazily by a single-pass
/// enumerable, and (checked by the garbage collector, not by a clock) entries already written are no longer
/// reachable while later ones are written, the file reaches the output stream long before the last entry is
/// produced, and the writer's own allocations per entry stay small.
/// </summary>
public sealed class ExportStreamingTests
{
    private const int Count = 10_000;

    public static TheoryData<string> Formats => new() { nameof(ExportFormat.ExportifyCsv), nameof(ExportFormat.M3u), nameof(ExportFormat.Xspf), nameof(ExportFormat.Json) };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Written_entries_are_released_and_output_flows_while_entries_are_still_produced(string formatName)
    {
        var format = Enum.Parse<ExportFormat>(formatName);
        var output = new CountingStream();
        var source = new TrackedEntries(Count, output);

        var written = PlaylistExporter.Write(format, ExportSamples.Playlist, source, output);

        Assert.Equal(Count, written);
        Assert.Equal(1, source.Enumerations);
        // Nearly all earlier entries were collectable when the last one was produced (the current one and the one
        // the writer just finished may still be referenced).
        Assert.True(source.AliveAtEnd <= 2, $"{source.AliveAtEnd} of {source.Tracked} written entries still reachable");
        Assert.True(source.BytesOutBeforeLast > output.Length / 2,
            $"only {source.BytesOutBeforeLast} of {output.Length} bytes reached the stream before the last entry was produced");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Writer_allocations_per_entry_are_bounded(string formatName)
    {
        var format = Enum.Parse<ExportFormat>(formatName);
        // Warm up (JIT, static caches), then measure the writer alone: total minus what producing the entries costs.
        PlaylistExporter.Write(format, ExportSamples.Playlist, Produce(100), Stream.Null);
        var producing = Allocated(() =>
        {
            foreach (var entry in Produce(Count))
            {
                GC.KeepAlive(entry);
            }
        });
        var writing = Allocated(() => PlaylistExporter.Write(format, ExportSamples.Playlist, Produce(Count), Stream.Null));
        var perEntry = (writing - producing) / Count;

        // An entry is ~1.3 KB of text; the JSON writer copies the stored item once as UTF-8 before validating it.
        Assert.True(perEntry < 4 * 1024, $"{format}: {perEntry} bytes allocated per entry");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Async_entries_are_written_the_same_as_sync_ones(string formatName)
    {
        var format = Enum.Parse<ExportFormat>(formatName);
        using var syncOutput = new MemoryStream();
        PlaylistExporter.Write(format, ExportSamples.Playlist, Produce(500), syncOutput);
        using var asyncOutput = new MemoryStream();
        var written = await PlaylistExporter.WriteAsync(format, ExportSamples.Playlist, ProduceAsync(500), asyncOutput, CancellationToken.None);

        Assert.Equal(500, written);
        Assert.Equal(syncOutput.ToArray(), asyncOutput.ToArray());
    }

    [Fact]
    public async Task Cancellation_stops_the_async_export()
    {
        using var cancel = new CancellationTokenSource();
        using var output = new MemoryStream();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            PlaylistExporter.WriteAsync(ExportFormat.Json, ExportSamples.Playlist, CancelAfter(cancel, 10), output, cancel.Token));
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static IEnumerable<ExportEntry> Produce(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return ExportSamples.Generated(i);
        }
    }

    private static async IAsyncEnumerable<ExportEntry> ProduceAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return ExportSamples.Generated(i);
        }
    }

    private static async IAsyncEnumerable<ExportEntry> CancelAfter(CancellationTokenSource cancel, int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; ; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i == count)
            {
                await cancel.CancelAsync();
            }
            await Task.Yield();
            yield return ExportSamples.Generated(i);
        }
    }

    /// <summary>Entries made on demand; a weak reference to every 100th one tells whether the writer kept it.</summary>
    private sealed class TrackedEntries(int count, CountingStream output) : IEnumerable<ExportEntry>
    {
        private readonly List<WeakReference<ExportEntry>> tracked = [];

        public int Enumerations { get; private set; }

        public int Tracked => tracked.Count;

        public int AliveAtEnd { get; private set; } = -1;

        public long BytesOutBeforeLast { get; private set; }

        public IEnumerator<ExportEntry> GetEnumerator()
        {
            if (++Enumerations > 1)
            {
                throw new InvalidOperationException("the entries were enumerated twice");
            }
            for (var i = 0; i < count; i++)
            {
                if (i == count - 1)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    AliveAtEnd = tracked.Count(reference => reference.TryGetTarget(out _));
                    BytesOutBeforeLast = output.Length;
                }
                yield return Make(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private ExportEntry Make(int i)
        {
            var entry = ExportSamples.Generated(i);
            if (i % 100 == 0)
            {
                tracked.Add(new WeakReference<ExportEntry>(entry));
            }
            return entry;
        }
    }

    /// <summary>Counts what reaches it and keeps nothing.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => length += count;
    }
}
