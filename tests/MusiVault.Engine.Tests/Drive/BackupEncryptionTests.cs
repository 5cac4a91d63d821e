using System.Security.Cryptography;
using MusiVault.Engine.Backup;

namespace MusiVault.Engine.Tests.Drive;

public sealed class BackupEncryptionTests
{
    private const int Chunk = 4096;

    private static byte[] Seal(byte[] plain, string passphrase)
    {
        using var output = new MemoryStream();
        BackupEncryption.Encrypt(new MemoryStream(plain), output, passphrase, BackupEncryption.MinimumIterations, Chunk);
        return output.ToArray();
    }

    private static byte[] Open(byte[] sealedBytes, string passphrase)
    {
        using var output = new MemoryStream();
        BackupEncryption.Decrypt(new MemoryStream(sealedBytes), output, passphrase);
        return output.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(3 * Chunk)]
    [InlineData(3 * Chunk + 17)]
    public void Round_trips_any_length_including_exact_chunk_multiples(int length)
    {
        var plain = RandomNumberGenerator.GetBytes(length);
        var sealedBytes = Seal(plain, "pass");
        Assert.Equal(plain, Open(sealedBytes, "pass"));
        // Header, then one tag per chunk: full chunks plus the always-present short final chunk.
        Assert.Equal(BackupEncryption.HeaderSize + length + 16 * (length / Chunk + 1), sealedBytes.Length);
    }

    [Fact]
    public void Two_encryptions_of_the_same_data_differ_and_carry_the_parameters_in_the_header()
    {
        var plain = RandomNumberGenerator.GetBytes(100);
        var a = Seal(plain, "pass");
        var b = Seal(plain, "pass");
        Assert.NotEqual(a, b);
        Assert.Equal("MVBK"u8.ToArray(), a[..4]);
        Assert.Equal(BackupEncryption.FormatVersion, a[4]);
        Assert.Equal((uint)BackupEncryption.MinimumIterations, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(a.AsSpan(6)));
    }

    [Fact]
    public void Fewer_than_600000_iterations_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BackupEncryption.Encrypt(new MemoryStream([1]), new MemoryStream(), "p", 100_000));
    }

    [Fact]
    public void A_wrong_passphrase_is_told_apart_from_corruption()
    {
        var sealedBytes = Seal(RandomNumberGenerator.GetBytes(10_000), "right");
        Assert.Equal("BackupPassphraseWrong", Assert.Throws<MusiVaultException>(() => Open(sealedBytes, "wrong")).ErrorId);
    }

    [Theory]
    [InlineData("flip-ciphertext")]
    [InlineData("flip-chunk-size")]
    [InlineData("truncate-final")]
    [InlineData("truncate-at-boundary")]
    [InlineData("append")]
    public void Any_tampering_fails_authentication(string how)
    {
        var sealedBytes = Seal(RandomNumberGenerator.GetBytes(2 * Chunk + 100), "pass");
        var fullChunk = Chunk + 16;
        byte[] tampered = how switch
        {
            "flip-ciphertext" => Flip(sealedBytes, BackupEncryption.HeaderSize + Chunk + 5),
            "flip-chunk-size" => Flip(sealedBytes, 37),
            "truncate-final" => sealedBytes[..^1],
            "truncate-at-boundary" => sealedBytes[..(BackupEncryption.HeaderSize + 2 * fullChunk)],
            _ => [.. sealedBytes, 0],
        };
        var ex = Assert.Throws<MusiVaultException>(() => Open(tampered, "pass"));
        Assert.Equal("BackupCorrupt", ex.ErrorId);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
