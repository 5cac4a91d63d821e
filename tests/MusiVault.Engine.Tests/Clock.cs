namespace MusiVault.Engine.Tests;

internal static class Clock
{
    // Vault times have millisecond precision: a bounded spin until the clock has moved past one on either side.
    public static DateTimeOffset Instant()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() <= start + 1 && DateTimeOffset.UtcNow < deadline)
        {
            Thread.Yield();
        }
        var now = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() <= now.ToUnixTimeMilliseconds() + 1 && DateTimeOffset.UtcNow < deadline)
        {
            Thread.Yield();
        }
        return now;
    }
}
