using System.Reflection;
using System.Runtime.Loader;

namespace MusiVault;

/// <summary>
/// The load context for MusiVault.Engine and everything it depends on (Microsoft.Data.Sqlite, SQLitePCLRaw and its
/// native e_sqlite3, Google.Apis, Newtonsoft.Json). Resolution follows MusiVault.Engine.deps.json in
/// Dependencies/, so the right runtimes/&lt;rid&gt;/native library is found on every platform, and another module's
/// copy of the same assemblies in the default context never meets ours.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private const string SharedModelsAssembly = "MusiVault.Models";

    private readonly AssemblyDependencyResolver _resolver;

    public EngineLoadContext(string engineAssemblyPath)
        : base("MusiVault.Engine", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(engineAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Output types cross from the engine to PowerShell: they must be the default context's copy.
        if (string.Equals(assemblyName.Name, SharedModelsAssembly, StringComparison.Ordinal))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
