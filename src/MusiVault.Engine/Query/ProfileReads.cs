namespace MusiVault.Engine.Query;

/// <summary>The vault's own account: whose library it archives (restore warns when the target differs).</summary>
internal static class ProfileReads
{
    public static string? OwningUser(ReadSession read) =>
        read.Stream<string?>("SELECT user_id FROM profile ORDER BY updated_at DESC LIMIT 1", new SqlFilter(), r => () => r.GetString(0))
            .FirstOrDefault();
}
