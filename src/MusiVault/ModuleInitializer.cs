using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace MusiVault;

/// <summary>
/// Runs on Import-Module. The cmdlet assembly lives in the default load context and references MusiVault.Engine,
/// which is deliberately not next to it: the first time the runtime looks for the engine, we hand it over from
/// <see cref="EngineLoadContext"/>. This is the dependency-isolation pattern from the PowerShell docs.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static readonly string ModuleDirectory =
        Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "Dependencies");

    private static readonly Lazy<EngineLoadContext> EngineContext =
        new(() => new EngineLoadContext(Path.Combine(DependencyDirectory, "MusiVault.Engine.dll")));

    private static int _registered;

    public void OnImport()
    {
        // Remove-Module then Import-Module runs this again in the same process: register once.
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += ResolveIntoDefault;
        }
    }

    private static Assembly? ResolveIntoDefault(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        switch (name.Name)
        {
            case "MusiVault.Engine":
                return EngineContext.Value.LoadFromAssemblyName(name);
            case "MusiVault.Models":
                var modelsPath = Path.Combine(ModuleDirectory, "MusiVault.Models.dll");
                return File.Exists(modelsPath) ? defaultContext.LoadFromAssemblyPath(modelsPath) : null;
            default:
                return null;
        }
    }
}
