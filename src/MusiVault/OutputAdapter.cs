using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Reflection;

namespace MusiVault;

/// <summary>
/// How PowerShell sees MusiVault's output objects (registered for each type in Formats/MusiVault.Types.ps1xml).
/// Two rules of the issue pull against PowerShell's own behaviour: scripts want a TimeSpan Duration and a
/// DateTimeOffset AddedAt (sorting, comparing, arithmetic), while CSV and JSON must be flat and culture-free.
/// ConvertTo-Json reads the CLR properties by reflection (a public TimeSpan becomes a 15-field object) and Export-Csv
/// calls ToString() on what PowerShell's property returns (a DateTimeOffset in the current culture's format). So:
/// a duration's CLR property is its text (what JSON writes) and this adapter gives PowerShell the internal TimeSpan
/// behind it (<c>DurationValue</c> for <c>Duration</c>); times and durations reach PowerShell as a <see cref="DataValue"/>,
/// the DateTimeOffset or TimeSpan itself for scripts, whose ToString (all Export-Csv calls) is the culture-free text
/// JSON carries. Anything else is passed through as it is, in declaration order.
/// </summary>
public sealed class OutputAdapter : PSPropertyAdapter
{
    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    public override Collection<PSAdaptedProperty> GetProperties(object baseObject) =>
        new(ShapeOf(baseObject).Properties.Select(p => new PSAdaptedProperty(p.Name, p)).ToList());

    public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName) =>
        ShapeOf(baseObject).ByName.TryGetValue(propertyName, out var p) ? new PSAdaptedProperty(p.Name, p) : null;

    public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

    public override bool IsSettable(PSAdaptedProperty adaptedProperty) => Member(adaptedProperty).Settable;

    public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty)
    {
        ArgumentNullException.ThrowIfNull(adaptedProperty);
        var value = Member(adaptedProperty).Source.GetValue(adaptedProperty.BaseObject);
        return value is DateTimeOffset or TimeSpan ? new DataValue(value) : value;
    }

    public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value)
    {
        ArgumentNullException.ThrowIfNull(adaptedProperty);
        var source = Member(adaptedProperty).Source;
        source.SetValue(adaptedProperty.BaseObject,
            LanguagePrimitives.ConvertTo(value, source.PropertyType, CultureInfo.InvariantCulture));
    }

    public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty)
    {
        var type = Member(adaptedProperty).Source.PropertyType;
        return Nullable.GetUnderlyingType(type) is { } inner ? $"System.Nullable[{inner.FullName}]" : type.FullName!;
    }

    private static Property Member(PSAdaptedProperty adaptedProperty) =>
        (Property)(adaptedProperty ?? throw new ArgumentNullException(nameof(adaptedProperty))).Tag;

    private static Shape ShapeOf(object baseObject) =>
        Shapes.GetOrAdd((baseObject ?? throw new ArgumentNullException(nameof(baseObject))).GetType(), Shape.Of);

    /// <summary>A property as PowerShell sees it: its public name, read from <paramref name="Source"/>.</summary>
    private sealed record Property(string Name, PropertyInfo Source, bool Settable);

    private sealed class Shape
    {
        public required IReadOnlyList<Property> Properties { get; init; }
        public required Dictionary<string, Property> ByName { get; init; }

        public static Shape Of(Type type)
        {
            var properties = new List<Property>();
            foreach (var clr in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (clr.GetIndexParameters().Length > 0)
                {
                    continue;
                }
                // "Duration" (text) is backed by internal "DurationValue" (TimeSpan): PowerShell gets the TimeSpan.
                var backing = type.GetProperty(clr.Name + "Value", BindingFlags.NonPublic | BindingFlags.Instance);
                var isDuration = backing is not null
                    && (backing.PropertyType == typeof(TimeSpan) || backing.PropertyType == typeof(TimeSpan?));
                properties.Add(isDuration
                    ? new Property(clr.Name, backing!, backing!.SetMethod is not null)
                    : new Property(clr.Name, clr, clr.GetSetMethod() is not null));
            }
            return new Shape
            {
                Properties = properties,
                ByName = properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase),
            };
        }
    }

    /// <summary>
    /// A time or duration as PowerShell gets it: the DateTimeOffset or TimeSpan itself (so <c>-is</c>, <c>.Year</c>,
    /// <c>-gt</c>, <c>Sort-Object</c> and arithmetic work on it, and Get-Member names its type), whose ToString, which
    /// is all Export-Csv and ConvertTo-Csv call, is the culture-free text JSON carries: ISO 8601 with its offset, or
    /// [d.]hh:mm:ss[.fff]. A subclass rather than a PSObject with its own type name: a type-table ToString made every
    /// CSV cell resolve its members afresh, ~200 times slower; this override costs nothing measurable.
    /// </summary>
    private sealed class DataValue(object value) : PSObject(value)
    {
        public override string ToString() => BaseObject switch
        {
            DateTimeOffset time => VaultFormat.TimeData(time),
            TimeSpan duration => VaultFormat.DurationData(duration),
            var other => other.ToString() ?? "",
        };
    }
}
