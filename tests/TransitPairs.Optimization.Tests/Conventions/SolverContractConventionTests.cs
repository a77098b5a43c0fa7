using System.Reflection;
using TransitPairs.Optimization.Solving;
using TransitPairs.Optimization.VehicleScheduling;
using TransitPairs.Scenarios;
using TransitPairs.TestSupport;

namespace TransitPairs.Optimization.Tests.Conventions;

/// <summary>The solver contract, checked by reflection over the assemblies as built.</summary>
public sealed class SolverContractConventionTests
{
    private static readonly Assembly Optimization = typeof(SolveOptions).Assembly;

    /// <summary>Every public static method of a public type outside the contract itself that returns a <see cref="SolveOutcome{TSolution}"/>.</summary>
    private static List<MethodInfo> EntryPoints() =>
        [.. Optimization.GetExportedTypes()
            .Where(t => t.Namespace != typeof(SolveOptions).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(SolveOutcome<>))];

    /// <summary>Public static methods named like a solver entry point that do not return the contract's outcome.</summary>
    private static List<string> Dialects() =>
        [.. Optimization.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name is "Solve" or "SolveChecked" or "Retime")
            .Where(m => !(m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(SolveOutcome<>)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Distinct()];

    [Fact]
    public void DomainAssembly_NeverReferencesOrTools()
    {
        var domain = typeof(Scenario).Assembly;
        var references = domain.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty).ToList();
        Assert.Contains("NodaTime", references); // guard: the list is the real one
        Assert.DoesNotContain(references, r => r.StartsWith("Google.", StringComparison.Ordinal));
        Assert.Contains(Optimization.GetReferencedAssemblies(), a => a.Name == "Google.OrTools"); // and the check can tell
    }

    [Fact]
    public void SolverEntryPoints_TakeSolveOptionsAndReturnTheOutcome()
    {
        var entries = EntryPoints();
        Assert.True(entries.Count >= 4, $"only {entries.Count} entry points found");
        Assert.All(entries, m =>
        {
            var parameters = m.GetParameters().Select(p => p.ParameterType).ToList();
            Assert.True(parameters.Contains(typeof(SolveOptions)), $"{m.DeclaringType!.Name}.{m.Name} takes no SolveOptions");
        });

        // Every entry point has an overload handed the one clock.
        Assert.All(entries.GroupBy(m => m.DeclaringType), group =>
            Assert.Contains(group, m => m.GetParameters().Any(p => p.ParameterType == typeof(WallClockBudget))));
    }

    [Fact]
    public void SolverEntryPoints_NoOtherResultShapesAreLeft()
    {
        Assert.Empty(Dialects().Except(NotYetMoved, StringComparer.Ordinal));
    }

    /// <summary>Entry points still on their own result types, moving onto the contract (empty when done).</summary>
    private static readonly string[] NotYetMoved =
    [
    ];

    [Fact]
    public void SolverCatalog_HasARowForEveryEntryPointAndNoOther()
    {
        var catalogued = SolverCatalog.All.Select(s => s.EntryPoint).ToHashSet();
        var entered = EntryPoints().Select(m => m.DeclaringType!).ToHashSet();
        Assert.Equal(entered.OrderBy(t => t.Name), catalogued.OrderBy(t => t.Name));
        Assert.Contains(typeof(VspSolver), catalogued);
    }

    /// <summary>
    /// docs/solvers.md holds the catalog's table between its markers. With
    /// <c>TRANSITPAIRS_UPDATE_DOCS=1</c> the test writes the table there instead (then review the diff).
    /// </summary>
    [Fact]
    public void SolversPage_IsTheCatalogsTable()
    {
        const string Begin = "<!-- solver-catalog:begin (generated from SolverCatalog; TRANSITPAIRS_UPDATE_DOCS=1 dotnet test rewrites it) -->\n";
        const string End = "<!-- solver-catalog:end -->";
        var path = Path.Combine(TestPaths.RepositoryRoot, "docs", "solvers.md");
        var page = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = page.IndexOf(Begin, StringComparison.Ordinal);
        var end = page.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/solvers.md has lost its catalog markers");
        var table = page[(start + Begin.Length)..end];
        if (Environment.GetEnvironmentVariable("TRANSITPAIRS_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, page[..(start + Begin.Length)] + SolverCatalog.MarkdownTable() + page[end..]);
            return;
        }

        Assert.Equal(SolverCatalog.MarkdownTable(), table);
    }
}
