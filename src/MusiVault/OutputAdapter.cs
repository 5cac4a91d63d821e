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
/// behind it (<c>DurationValue</c> for <c>Duration</c>), so scripts sort and add TimeSpans while JSON gets the text.
/// Anything else is passed through as it is, in declaration order. Known limit: Export-Csv writes times in the current
/// culture's format (see GetPropertyValue for why they are not wrapped).
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
        // The value itself, never wrapped: a PSObject with its own TypeNames per value (so that a CodeMethod ToString
        // could write ISO 8601 into CSV) made every Export-Csv cell resolve its members afresh, ~200 times slower
        // (2,000 tracks: 34 s instead of 0.2 s). So CSV writes times as DateTimeOffset.ToString does (the culture's
        // format) and durations in TimeSpan's invariant form; JSON stays ISO 8601 and flat (see about_MusiVault).
        return Member(adaptedProperty).Source.GetValue(adaptedProperty.BaseObject);
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
}
