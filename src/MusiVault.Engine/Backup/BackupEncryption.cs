using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MusiVault.Engine.Backup;

/// <summary>
/// The encrypted backup container, format version 1 (".mvbk"). It wraps the gzip stream of the database.
/// <code>
/// offset size  field
///  0      4    magic "MVBK"
///  4      1    format version (1)
///  5      1    KDF id (1 = PBKDF2-HMAC-SHA256)
///  6      4    KDF iterations, uint32 big-endian (at least 600,000)
/// 10     16    KDF salt (random)
/// 26      1    cipher id (1 = AES-256-GCM)
/// 27      8    nonce prefix (random)
/// 35      4    plaintext chunk size, uint32 big-endian
/// 39     16    passphrase check (HKDF-Expand of the master key, "MusiVault backup v1 check")
/// 55           chunks
/// </code>
/// master = PBKDF2(passphrase UTF-8, salt, iterations, 32 bytes); key = HKDF-Expand(master, "MusiVault backup v1 key", 32).
/// Chunk i (from 0) is AES-256-GCM of up to chunk-size plaintext bytes followed by its 16-byte tag; nonce =
/// prefix || i (uint32 big-endian); associated data = the 55 header bytes || i (uint32 BE) || final flag (1 byte).
/// Every chunk but the last holds exactly chunk-size bytes; the last holds fewer (possibly none) and is the only one
/// flagged final, so truncation, reordering, appended data and any edit of the header all fail authentication.
/// Why chunks: vaults are tens to hundreds of MB; chunking streams them with bounded memory (one chunk) and fails
/// at the first bad chunk. The passphrase check tells a wrong passphrase apart from a corrupt file.
/// </summary>
internal static class BackupEncryption
{
    public const int FormatVersion = 1;
    public const int MinimumIterations = 600_000;
    public const int DefaultIterations = 600_000;
    /// <summary>A header could ask for any cost; refuse absurd ones instead of spinning for hours.</summary>
    public const int MaximumIterations = 20_000_000;
    public const int DefaultChunkSize = 1024 * 1024;
    public const int HeaderSize = 55;
    private const int TagSize = 16;
    private static readonly byte[] Magic = "MVBK"u8.ToArray();

    public static bool HasMagic(ReadOnlySpan<byte> start) => start.Length >= 4 && start[..4].SequenceEqual(Magic);

    public static void Encrypt(Stream plain, Stream output, ReadOnlySpan<char> passphrase, int iterations = DefaultIterations,
        int chunkSize = DefaultChunkSize)
    {
        if (iterations < MinimumIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), $"At least {MinimumIterations} PBKDF2 iterations.");
        }
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        header[4] = FormatVersion;
        header[5] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(6), (uint)iterations);
        RandomNumberGenerator.Fill(header.AsSpan(10, 16));
        header[26] = 1;
        RandomNumberGenerator.Fill(header.AsSpan(27, 8));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(35), (uint)chunkSize);
        var (key, check) = DeriveKeys(passphrase, header.AsSpan(10, 16), iterations);
        check.CopyTo(header, 39);
        output.Write(header);

        using var gcm = new AesGcm(key, TagSize);
        var plainBuffer = new byte[chunkSize];
        var cipherBuffer = new byte[chunkSize];
        var tag = new byte[TagSize];
        uint index = 0;
        while (true)
        {
            var read = ReadFull(plain, plainBuffer);
            var final = read < chunkSize;
            gcm.Encrypt(Nonce(header, index), plainBuffer.AsSpan(0, read), cipherBuffer.AsSpan(0, read), tag, Aad(header, index, final));
            output.Write(cipherBuffer, 0, read);
            output.Write(tag);
            if (final)
            {
                break;
            }
            index = checked(index + 1);
        }
        CryptographicOperations.ZeroMemory(key);
    }

    public static void Decrypt(Stream input, Stream plain, ReadOnlySpan<char> passphrase)
    {
        var header = new byte[HeaderSize];
        if (ReadFull(input, header) < HeaderSize || !HasMagic(header))
        {
            throw Corrupt("it does not start with a MusiVault backup header");
        }
        if (header[4] != FormatVersion)
        {
            throw new MusiVaultException("BackupFormatUnsupported", ErrorKind.InvalidData,
                $"The backup uses format version {header[4]}; this MusiVault reads version {FormatVersion}. Update the module.");
        }
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(6));
        var chunkSize = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(35));
        if (header[5] != 1 || header[26] != 1 || iterations < MinimumIterations || iterations > MaximumIterations
            || chunkSize == 0 || chunkSize > 64 * 1024 * 1024)
        {
            throw Corrupt("its header has unknown or unsafe parameters");
        }
        var (key, check) = DeriveKeys(passphrase, header.AsSpan(10, 16), (int)iterations);
        if (!CryptographicOperations.FixedTimeEquals(check, header.AsSpan(39, 16)))
        {
            CryptographicOperations.ZeroMemory(key);
            throw new MusiVaultException("BackupPassphraseWrong", ErrorKind.AuthenticationError,
                "The passphrase does not open this backup.");
        }

        using var gcm = new AesGcm(key, TagSize);
        CryptographicOperations.ZeroMemory(key);
        var cipherBuffer = new byte[chunkSize + TagSize];
        var plainBuffer = new byte[chunkSize];
        uint index = 0;
        while (true)
        {
            var read = ReadFull(input, cipherBuffer);
            if (read < TagSize)
            {
                throw Corrupt("it is truncated");
            }
            var final = read < cipherBuffer.Length;
            var length = read - TagSize;
            try
            {
                gcm.Decrypt(Nonce(header, index), cipherBuffer.AsSpan(0, length), cipherBuffer.AsSpan(length, TagSize),
                    plainBuffer.AsSpan(0, length), Aad(header, index, final));
            }
            catch (CryptographicException ex)
            {
                throw Corrupt($"chunk {index} fails authentication", ex);
            }
            plain.Write(plainBuffer, 0, length);
            if (final)
            {
                break;
            }
            index = checked(index + 1);
        }
    }

    private static (byte[] Key, byte[] Check) DeriveKeys(ReadOnlySpan<char> passphrase, ReadOnlySpan<byte> salt, int iterations)
    {
        var passwordBytes = new byte[Encoding.UTF8.GetMaxByteCount(passphrase.Length)];
        try
        {
            var count = Encoding.UTF8.GetBytes(passphrase, passwordBytes);
            var master = Rfc2898DeriveBytes.Pbkdf2(passwordBytes.AsSpan(0, count), salt, iterations, HashAlgorithmName.SHA256, 32);
            var key = HKDF.Expand(HashAlgorithmName.SHA256, master, 32, "MusiVault backup v1 key"u8.ToArray());
            var check = HKDF.Expand(HashAlgorithmName.SHA256, master, 16, "MusiVault backup v1 check"u8.ToArray());
            CryptographicOperations.ZeroMemory(master);
            return (key, check);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
        }
    }

    private static byte[] Nonce(byte[] header, uint index)
    {
        var nonce = new byte[12];
        header.AsSpan(27, 8).CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), index);
        return nonce;
    }

    private static byte[] Aad(byte[] header, uint index, bool final)
    {
        var aad = new byte[HeaderSize + 5];
        header.CopyTo(aad, 0);
        BinaryPrimitives.WriteUInt32BigEndian(aad.AsSpan(HeaderSize), index);
        aad[HeaderSize + 4] = final ? (byte)1 : (byte)0;
        return aad;
    }

    private static int ReadFull(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    private static MusiVaultException Corrupt(string why, Exception? inner = null) =>
        new("BackupCorrupt", ErrorKind.InvalidData, $"The backup cannot be decrypted: {why}.", null, inner);
}
