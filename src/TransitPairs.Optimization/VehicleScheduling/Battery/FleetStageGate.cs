using Google.OrTools.Sat;
using TransitPairs.Optimization.Solving;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>
/// Ends the fewest-vehicles stage early: at a plan with the bound's fleet (nothing better
/// exists), or at the first plan after the soft deadline (checked at each plan and by a
/// timer). CP-SAT's <c>StopSearch</c> is asynchronous; the solve then returns "feasible".
/// </summary>
internal sealed class FleetStageGate(CpSolver solver, int fleetLowerBound, WallClockBudget budget, TimeSpan softDeadline) : CpSolverSolutionCallback
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private volatile bool found;

    /// <summary>Starts the timer that stops the search after the soft deadline once a plan exists.</summary>
    public Timer Arm()
    {
        var due = softDeadline - budget.Elapsed;
        return new Timer(_ =>
        {
            if (found)
            {
                solver.StopSearch();
            }
        }, null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Poll);
    }

    public override void OnSolutionCallback()
    {
        found = true;
        if (ObjectiveValue() <= fleetLowerBound || budget.Elapsed >= softDeadline)
        {
            solver.StopSearch();
        }
    }
}
