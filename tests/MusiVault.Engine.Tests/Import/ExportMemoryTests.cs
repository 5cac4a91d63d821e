using MusiVault.Engine.Import;
using MusiVault.FakeSpotify.DataExport;

namespace MusiVault.Engine.Tests.Import;

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>
/// A 12 MB history file must stream: the live heap while reading stays at about one batch, far below the file's
/// size (an object graph of the whole file would be several times the file). Measured in bytes, never in time.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class ExportMemoryTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void A_12_MB_file_is_read_with_a_flat_heap()
    {
        var manifest = DataExportGenerator.Write(temp.Path, new DataExportSpec { Plays = 16_500, Years = 4, Seed = 3, PlaysPerFile = 20_000 });
        var entry = manifest.Files.Single(f => f.Kind == "audio");
        Assert.True(entry.Bytes > 12_000_000, $"the file has {entry.Bytes} bytes");
        using var source = ExportSource.Open([Path.Combine(temp.Path, entry.Path)]);
        var file = Assert.Single(source.Files);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var peak = 0L;
        var plays = 0;
        using (var reader = ExportFileReader.Open(file, new ExportReadOptions { BatchSize = 1_000 }))
        {
            var batch = new ExportBatch();
            while (reader.ReadBatch(batch, CancellationToken.None))
            {
                plays += batch.Plays.Count;
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
            Assert.True(reader.Completed, reader.Error?.ToString());
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(entry.Records, plays);
        // One batch of 1,000 plays with their strings is well under 2 MB; the buffer is 128 KB.
        Assert.True(peak < 4_000_000, $"peak live heap grew by {peak:N0} bytes while reading {entry.Bytes:N0}");
        // Strings and play objects only: no copy of the file's text, no DOM.
        Assert.True(allocated < entry.Bytes * 2, $"allocated {allocated:N0} bytes for a {entry.Bytes:N0}-byte file");
    }

    public void Dispose() => temp.Dispose();
}
