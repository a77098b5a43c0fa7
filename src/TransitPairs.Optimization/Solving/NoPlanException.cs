using System.Collections.Immutable;
using TransitPairs.Scenarios;
using TransitPairs.Validation;

namespace TransitPairs.Optimization.Solving;

/// <summary>
/// No plan for a scenario, with what would help: the solver's typed <see cref="Remedies"/> and the
/// scenario they apply to, so that a host can state each as a change to that scenario (the CLI as
/// <c>--set</c> text).
/// </summary>
public sealed class NoPlanException : NoFeasiblePlanException
{
    public NoPlanException(string message, ImmutableArray<Remedy> remedies, Scenario? scenario)
        : base(message)
    {
        Remedies = remedies.IsDefault ? [] : remedies;
        Scenario = scenario;
    }

    /// <summary>What would help, most useful first (may be empty).</summary>
    public ImmutableArray<Remedy> Remedies { get; }

    /// <summary>The scenario the remedies change, when the solve came from one.</summary>
    public Scenario? Scenario { get; }
}
