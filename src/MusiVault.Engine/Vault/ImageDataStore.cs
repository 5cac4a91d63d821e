using System.Globalization;

namespace MusiVault.Engine.Vault;

/// <summary>The image_data table: the bytes of image URLs named in the images table (Sync -DownloadImages).</summary>
internal sealed class ImageDataStore(VaultWriter writer)
{
    private readonly VaultWriter _writer = writer;

    public List<string> UrlsWithoutData()
    {
        var urls = new List<string>();
        using var reader = _writer.Query("SELECT DISTINCT i.url FROM images i LEFT JOIN image_data d ON d.url = i.url WHERE d.url IS NULL ORDER BY i.url");
        while (reader.Read())
        {
            urls.Add(reader.GetString(0));
        }
        return urls;
    }

    public int CountStored() => Convert.ToInt32(_writer.Scalar("SELECT count(*) FROM image_data"), CultureInfo.InvariantCulture);

    public void Save(string url, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        _writer.Execute("INSERT OR REPLACE INTO image_data (url, content_type, bytes, fetched_at) VALUES ($1, $2, $3, $4)",
            url, SniffContentType(bytes), bytes, _writer.Now);
    }

    private static string? SniffContentType(byte[] bytes) =>
        bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 ? "image/jpeg"
        : bytes.Length >= 4 && bytes[0] == 0x89 && bytes[1] == 0x50 ? "image/png"
        : null;
}
