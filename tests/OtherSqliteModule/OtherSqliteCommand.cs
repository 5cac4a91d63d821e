using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.Data.Sqlite;

namespace OtherSqliteModule;

/// <summary>Opens an in-memory database with this module's Microsoft.Data.Sqlite and reports what it loaded.</summary>
[Cmdlet(VerbsDiagnostic.Test, "OtherSqlite")]
[OutputType(typeof(PSObject))]
public sealed class TestOtherSqliteCommand : PSCmdlet
{
    protected override void EndProcessing()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (x); INSERT INTO t VALUES (41); SELECT x + 1 FROM t;";
        var answer = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var result = new PSObject();
        result.Properties.Add(new PSNoteProperty("Answer", answer));
        result.Properties.Add(new PSNoteProperty("SqliteAssemblyVersion", typeof(SqliteConnection).Assembly.GetName().Version?.ToString()));
        result.Properties.Add(new PSNoteProperty("LoadContext", AssemblyLoadContext.GetLoadContext(typeof(SqliteConnection).Assembly)?.Name));
        WriteObject(result);
    }
}

/// <summary>The usual community-module trick for the native library: find e_sqlite3 in runtimes/&lt;rid&gt;/native.</summary>
public sealed class Initializer : IModuleAssemblyInitializer
{
    public void OnImport()
    {
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (assembly, name) =>
        {
            if (!name.Contains("e_sqlite3", StringComparison.Ordinal))
            {
                return IntPtr.Zero;
            }
            var dir = Path.GetDirectoryName(typeof(Initializer).Assembly.Location)!;
            var rid = RuntimeInformation.RuntimeIdentifier;
            foreach (var candidate in Directory.EnumerateFiles(Path.Combine(dir, "runtimes"), "*e_sqlite3*", SearchOption.AllDirectories))
            {
                if (candidate.Contains(Path.DirectorySeparatorChar + rid + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    || candidate.Contains(Path.DirectorySeparatorChar + GenericRid() + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    return NativeLibrary.Load(candidate);
                }
            }
            return IntPtr.Zero;
        };
    }

    private static string GenericRid()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return $"{os}-{arch}";
    }
}
