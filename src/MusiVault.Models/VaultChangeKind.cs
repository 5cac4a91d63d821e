namespace MusiVault;

/// <summary>
/// The kinds of change the vault's history records (the <c>kind</c> column of <c>changes</c>). The one list the
/// writer, the -Kind completer and the help all use.
/// </summary>
public static class VaultChangeKind
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Renamed = "renamed";
    public const string Reordered = "reordered";
    public const string Changed = "changed";
    public const string Unavailable = "unavailable";
    public const string Available = "available";
    public const string Liked = "liked";
    public const string Unliked = "unliked";
    public const string Followed = "followed";
    public const string Unfollowed = "unfollowed";
    public const string Saved = "saved";
    public const string Unsaved = "unsaved";

    public static IReadOnlyList<string> All { get; } =
    [
        Added, Removed, Renamed, Reordered, Changed, Unavailable, Available, Liked, Unliked, Followed, Unfollowed, Saved, Unsaved,
    ];
}
