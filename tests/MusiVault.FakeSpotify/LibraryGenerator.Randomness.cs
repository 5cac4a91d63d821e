namespace MusiVault.FakeSpotify;

public static partial class LibraryGenerator
{
    /// <summary>Seeded random values: shuffles, image sets, phrases, and Spotify-shaped ids.</summary>
    private sealed partial class Gen
    {
        private List<T> Shuffled<T>(List<T> source)
        {
            var copy = new List<T>(source);
            for (var i = copy.Count - 1; i > 0; i--)
            {
                var j = rng.Next(i + 1);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }

            return copy;
        }

        private void AddImageSet(List<FakeImage> images, int count)
        {
            int[] sizes = [640, 300, 64];
            for (var i = 0; i < count; i++)
            {
                images.Add(Image(sizes[i], sizes[i]));
            }
        }

        private FakeImage Image(int? w, int? h) => new(seed.ToString("x") + "-" + (++imageCounter).ToString("x"), w, h);

        private string Phrase(int min, int max)
        {
            var n = rng.Next(min, max + 1);
            var parts = new string[n];
            for (var i = 0; i < n; i++)
            {
                parts[i] = Words[rng.Next(Words.Length)];
            }

            return string.Join(' ', parts);
        }

        private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

        public string SpotifyId()
        {
            while (true)
            {
                var chars = new char[22];
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = Base62[rng.Next(62)];
                }

                var id = new string(chars);
                if (usedIds.Add(id))
                {
                    return id;
                }
            }
        }

        private string UserId()
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            var chars = new char[25];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[rng.Next(alphabet.Length)];
            }

            return new string(chars);
        }

        private string Digits(int n)
        {
            var chars = new char[n];
            for (var i = 0; i < n; i++)
            {
                chars[i] = (char)('0' + rng.Next(10));
            }

            return new string(chars);
        }

        private string Letters(int n)
        {
            var chars = new char[n];
            for (var i = 0; i < n; i++)
            {
                chars[i] = (char)('A' + rng.Next(26));
            }

            return new string(chars);
        }
    }
}
