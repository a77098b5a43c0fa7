using TransitPairs.Optimization.Solving;
using TransitPairs.Scheduling;

namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>What the exact CP-SAT model (<see cref="BatteryModel"/>) gives: its blocks, status, objective and bound (both vehicles × 10⁸ + fen).</summary>
internal sealed record BatteryModelSolution(VehicleSchedule Schedule, SolveStatus Status, long Objective, long Bound);
