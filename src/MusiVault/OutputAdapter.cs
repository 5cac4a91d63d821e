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
/// behind it (<c>DurationValue</c> for <c>Duration</c>); every time and duration reaches PowerShell as the real
/// DateTimeOffset/TimeSpan wrapped in a PSObject named MusiVault.Time/MusiVault.Duration, whose ToString (the
/// TypeNames' CodeMethod below) is the CSV text. Anything else is passed through as it is, in declaration order.
/// </summary>
public sealed class OutputAdapter : PSPropertyAdapter
{
    internal const string TimeTypeName = "MusiVault.Time";
    internal const string DurationTypeName = "MusiVault.Duration";

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
        return value switch
        {
            DateTimeOffset time => Named(time, TimeTypeName),
            TimeSpan span => Named(span, DurationTypeName),
            _ => value,
        };
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

    /// <summary>CodeMethod ToString of MusiVault.Time: ISO 8601 with offset, as ConvertTo-Json writes it.</summary>
    public static string TimeText(PSObject instance) =>
        VaultFormat.TimeData((DateTimeOffset)Base(instance));

    /// <summary>CodeMethod ToString of MusiVault.Duration: the text the CLR property carries into JSON.</summary>
    public static string DurationText(PSObject instance) =>
        VaultFormat.DurationData((TimeSpan)Base(instance));

    private static object Base(PSObject instance) =>
        (instance ?? throw new ArgumentNullException(nameof(instance))).BaseObject;

    private static PSObject Named(object value, string typeName)
    {
        var wrapped = new PSObject(value);
        wrapped.TypeNames.Insert(0, typeName);
        return wrapped;
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
