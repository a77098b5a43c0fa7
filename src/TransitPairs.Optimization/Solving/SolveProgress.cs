namespace TransitPairs.Optimization.Solving;

/// <summary>
/// What a long solve reports while it runs, through an <see cref="IProgress{T}"/> the host passes
/// in: the stage it has reached and, when the stage has them, its best objective so far and its
/// bound. Solvers never print; the host decides whether and how to show it.
/// </summary>
/// <param name="Stage">The stage in plain words ("timetable", "vehicle blocks").</param>
/// <param name="Objective">Best objective found in this stage so far, in <paramref name="Unit"/>; null before any.</param>
/// <param name="Bound">Proved bound of this stage, in <paramref name="Unit"/>; null when none.</param>
/// <param name="Unit">Unit of the objective and bound ("vehicles", "yuan"); null when neither is given.</param>
public sealed record SolveProgress(string Stage, double? Objective = null, double? Bound = null, string? Unit = null);
