using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using TransitPairs.Time;

namespace TransitPairs.Tests.Conventions;

/// <summary>
/// Every public type of the domain assembly is immutable (as NodaTime checks by reflection): no
/// public setter other than <c>init</c>, no public field that is not read-only, and no exposed
/// collection that can be changed (arrays, lists, dictionaries, sets).
/// </summary>
public sealed class ImmutabilityTests
{
    private static readonly Type[] MutableCollections =
    [
        typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>), typeof(SortedSet<>), typeof(SortedDictionary<,>),
        typeof(Queue<>), typeof(Stack<>), typeof(LinkedList<>), typeof(ICollection<>), typeof(IList<>), typeof(IDictionary<,>), typeof(ISet<>),
    ];

    public static IEnumerable<Type> DomainTypes() =>
        typeof(ServiceTime).Assembly.GetExportedTypes()
            .Where(t => !t.IsEnum && !t.IsInterface && !typeof(Exception).IsAssignableFrom(t));

    [Fact]
    public void PublicDomainTypes_HaveNoPublicSetters()
    {
        var offenders = DomainTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
                .Select(p => $"{t.FullName}.{p.Name}"))
            .ToList();
        Assert.True(offenders.Count == 0, "Public setters: " + string.Join(", ", offenders));
    }

    [Fact]
    public void PublicDomainTypes_HaveNoWritablePublicFields()
    {
        var offenders = DomainTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsInitOnly && !f.IsLiteral)
                .Select(f => $"{t.FullName}.{f.Name}"))
            .ToList();
        Assert.True(offenders.Count == 0, "Writable public fields: " + string.Join(", ", offenders));
    }

    [Fact]
    public void PublicDomainTypes_ExposeNoMutableCollections()
    {
        var offenders = DomainTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => IsMutableCollection(p.PropertyType))
                .Select(p => $"{t.FullName}.{p.Name} ({p.PropertyType.Name})")
                .Concat(t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(f => IsMutableCollection(f.FieldType))
                    .Select(f => $"{t.FullName}.{f.Name} ({f.FieldType.Name})")))
            .ToList();
        Assert.True(offenders.Count == 0, "Mutable collections exposed: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Convention_Checks_TheDomainModel()
    {
        // Guards the filter above: the check would pass vacuously if it saw no types.
        var names = DomainTypes().Select(t => t.Name).ToList();
        Assert.Contains("Scenario", names);
        Assert.Contains("Corridor", names);
        Assert.Contains("VehicleType", names);
        Assert.Contains("RoadNetwork", names);
        Assert.Contains("ServiceTime", names);
    }

    [Fact]
    public void Convention_WouldCatch_AListOrASetter()
    {
        Assert.True(IsMutableCollection(typeof(List<int>)));
        Assert.True(IsMutableCollection(typeof(int[])));
        Assert.True(IsMutableCollection(typeof(IDictionary<string, int>)));
        Assert.False(IsMutableCollection(typeof(ImmutableArray<int>)));
        Assert.False(IsMutableCollection(typeof(IReadOnlyList<int>)));
        Assert.False(IsMutableCollection(typeof(string)));
        var setter = typeof(Probe).GetProperty(nameof(Probe.Settable))!.SetMethod!;
        var init = typeof(Probe).GetProperty(nameof(Probe.InitOnly))!.SetMethod!;
        Assert.False(IsInitOnly(setter));
        Assert.True(IsInitOnly(init));
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static bool IsMutableCollection(Type type)
    {
        if (type.IsArray)
        {
            return true;
        }

        if (type == typeof(string) || type.Namespace == "System.Collections.Immutable")
        {
            return false;
        }

        if (type.IsGenericType && MutableCollections.Contains(type.GetGenericTypeDefinition()))
        {
            return true;
        }

        if (typeof(IList).IsAssignableFrom(type) || typeof(IDictionary).IsAssignableFrom(type))
        {
            return true;
        }

        return type.GetInterfaces().Any(i => i.IsGenericType && MutableCollections.Contains(i.GetGenericTypeDefinition()));
    }

    private sealed class Probe
    {
        public int Settable { get; set; }

        public int InitOnly { get; init; }
    }
}
