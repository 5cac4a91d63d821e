using System.Management.Automation;

namespace MusiVault;

/// <summary>
/// Lets a DateTime filter parameter (-After, -Before) take the DateTimeOffset values our own objects carry
/// (`Get-VaultChange -After $change.ObservedAt`): PowerShell has no conversion from DateTimeOffset to DateTime.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class DateTimeTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is DateTimeOffset offset ? offset.UtcDateTime : inputData;
    }
}
