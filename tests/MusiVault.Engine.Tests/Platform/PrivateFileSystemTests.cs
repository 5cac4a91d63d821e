using System.Runtime.InteropServices;
using MusiVault.Engine.Security;

namespace MusiVault.Engine.Tests.Platform;

/// <summary>Tests that change process-wide state (umask, environment variables) run alone, after the others.</summary>
[CollectionDefinition(nameof(ProcessStateCollection), DisableParallelization = true)]
public sealed class ProcessStateCollection;

[Collection(nameof(ProcessStateCollection))]
public sealed class PrivateFileSystemTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mv-private-" + Guid.NewGuid().ToString("N"));

    public PrivateFileSystemTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Every_folder_it_creates_is_0700_even_under_umask_000()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix modes; the user profile's ACLs apply
        }
        var leaf = Path.Combine(_root, "home", "profiles", "default");
        WithUmask(0, () => PrivateFileSystem.CreateDirectory(leaf));

        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_root, "home")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_root, "home", "profiles")));
        Assert.Equal(Private, File.GetUnixFileMode(leaf));
    }

    [Fact]
    public void A_folder_that_exists_keeps_its_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var shared = Path.Combine(_root, "shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_101_101);
        PrivateFileSystem.CreateDirectory(Path.Combine(shared, "profiles"));

        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(shared));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(shared, "profiles")));
    }

    [Fact]
    public void A_new_file_is_0600_even_under_umask_000_and_must_not_exist()
    {
        var path = Path.Combine(_root, "secret");
        WithUmask(0, () =>
        {
            using var stream = PrivateFileSystem.CreateNewFile(path);
            stream.WriteByte(1);
        });

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Throws<IOException>(() => PrivateFileSystem.CreateNewFile(path).Dispose());
    }

    [Fact]
    public void Secret_files_are_written_0600_in_0700_folders_and_read_back()
    {
        var path = Path.Combine(_root, "profiles", "p", "spotify.token");
        WithUmask(0, () => SecretFile.Write(path, "refresh-me"));

        Assert.Equal("refresh-me", SecretFile.Read(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp", SearchOption.AllDirectories));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_root, "profiles")));
        }
    }

    private static void WithUmask(int mask, Action action)
    {
        if (OperatingSystem.IsWindows())
        {
            action();
            return;
        }
        var saved = Umask(mask);
        try
        {
            action();
        }
        finally
        {
            _ = Umask(saved);
        }
    }

    [DllImport("libc", EntryPoint = "umask")]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in the test project for one libc call
    private static extern int Umask(int mask);
#pragma warning restore SYSLIB1054
}
