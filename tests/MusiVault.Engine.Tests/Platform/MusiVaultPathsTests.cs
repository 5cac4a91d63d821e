using MusiVault.Engine.Configuration;

namespace MusiVault.Engine.Tests.Platform;

[Collection(nameof(ProcessStateCollection))] // one test sets MUSIVAULT_VAULT
public sealed class MusiVaultPathsTests
{
    private static readonly string UserHome = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "mv-user"));
    private static readonly string WorkDir = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "mv-work"));

    [Theory]
    [InlineData("~", "")]
    [InlineData("~/music", "music")]
    [InlineData("~/a/../b", "b")]
    public void A_leading_tilde_is_the_user_home(string value, string rest)
    {
        Assert.Equal(Path.GetFullPath(Path.Combine(UserHome, rest)), MusiVaultPaths.ExpandPath(value, WorkDir, UserHome));
    }

    [Theory]
    [InlineData("vault.db", "vault.db")]
    [InlineData("./sub/v.db", "sub/v.db")]
    [InlineData("~other/v.db", "~other/v.db")]
    public void A_relative_path_is_relative_to_the_working_directory(string value, string rest)
    {
        Assert.Equal(Path.GetFullPath(Path.Combine(WorkDir, rest)), MusiVaultPaths.ExpandPath(value, WorkDir, UserHome));
    }

    [Fact]
    public void An_absolute_path_stays_as_it_is()
    {
        var absolute = Path.Combine(UserHome, "x", "v.db");
        Assert.Equal(absolute, MusiVaultPaths.ExpandPath(absolute, WorkDir, UserHome));
    }

    [Fact]
    public void Home_and_vault_variables_expand_tilde_and_resolve_relative_paths()
    {
        var home = OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME";
        var variables = new Dictionary<string, string?> { [home] = UserHome, ["MUSIVAULT_HOME"] = "~/x", ["MUSIVAULT_VAULT"] = "rel/v.db" };
        var os = global::MusiVault.Engine.Configuration.Platform.Current;

        Assert.Equal(Path.Combine(UserHome, "x"), MusiVaultPaths.ResolveHome(n => variables.GetValueOrDefault(n), os, WorkDir));
        Assert.Equal(Path.Combine(WorkDir, "rel", "v.db"), MusiVaultPaths.ResolveDefaultVault(n => variables.GetValueOrDefault(n), os, WorkDir));

        variables.Remove("MUSIVAULT_VAULT");
        Assert.Equal(Path.Combine(UserHome, "x", "vault.db"), MusiVaultPaths.ResolveDefaultVault(n => variables.GetValueOrDefault(n), os, WorkDir));
    }

    [Fact]
    public void The_cmdlet_location_is_the_base_for_relative_variables()
    {
        var saved = Environment.GetEnvironmentVariable("MUSIVAULT_VAULT");
        try
        {
            MusiVaultPaths.WorkingDirectory = WorkDir;
            Environment.SetEnvironmentVariable("MUSIVAULT_VAULT", "here.db");
            Assert.Equal(Path.Combine(WorkDir, "here.db"), MusiVaultPaths.DefaultVault);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MUSIVAULT_VAULT", saved);
            MusiVaultPaths.WorkingDirectory = null;
        }
    }
}
