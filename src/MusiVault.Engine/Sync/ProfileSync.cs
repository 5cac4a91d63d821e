namespace MusiVault.Engine.Sync;

/// <summary>The user's profile; also where a vault refuses another user's library.</summary>
internal static class ProfileSync
{
    public static async Task RunAsync(SyncContext context, CollectionPass pass, CancellationToken cancellationToken)
    {
        var me = await context.Client.GetCurrentUserAsync(cancellationToken);
        var counts = pass.Counts;
        await context.WriteAsync(() =>
        {
            var state = context.Vault.State;
            var owner = state.OwningUser;
            if (owner is not null && owner != me.Id)
            {
                throw new MusiVaultException("VaultBelongsToAnotherUser", ErrorKind.InvalidOperation,
                    $"This vault holds the library of Spotify user '{owner}', but the connection is for '{me.Id}'. Use another -Vault or -Profile.",
                    context.Options.VaultPath);
            }
            state.OwningUser = me.Id;
            var write = context.Vault.Profile.Upsert(me);
            if (!write.Existed)
            {
                counts.Added = 1;
            }
            else if (write.OldName != me.DisplayName)
            {
                context.History.ProfileRenamed(me.Id, write.OldName, me.DisplayName);
                counts.Changed = 1;
            }
            else
            {
                counts.Unchanged = 1;
            }
        }, cancellationToken);
    }
}
