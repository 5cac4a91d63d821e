namespace MusiVault.Engine.Backup;

/// <summary>Progress of a backup or restore: the stage, and for transfers the bytes moved so far.</summary>
public sealed record TransferProgress(string Stage, long BytesDone, long BytesTotal, bool IsTransfer);
