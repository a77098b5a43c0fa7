namespace TransitPairs.Validation;

/// <summary>
/// One thing wrong with the input, said so that a planner can fix it: which file, where in it
/// (a JSON path such as <c>$.policy.maxHeadwayMinutes</c> or a CSV line such as <c>line 14</c>),
/// what is wrong, and what would fix it.
/// </summary>
/// <param name="Source">The file (as the user named it), or a short name of the input.</param>
/// <param name="Location">JSON path, <c>line N</c>, or a column name; empty when the whole file is meant.</param>
/// <param name="Problem">What is wrong, in a planner's words.</param>
/// <param name="Fix">What would fix it.</param>
public sealed record InputProblem(string Source, string Location, string Problem, string Fix)
{
    /// <summary><c>file: location: problem. Fix: …</c> on one line.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Location)
            ? $"{Source}: {Problem} Fix: {Fix}"
            : $"{Source}: {Location}: {Problem} Fix: {Fix}";
}

/// <summary>Thrown when an input cannot be used; carries every problem found, not only the first.</summary>
public sealed class InputException : Exception
{
    public InputException(IReadOnlyList<InputProblem> problems)
        : base(problems.Count == 0 ? "Bad input." : string.Join(Environment.NewLine, problems))
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("An input exception names at least one problem.", nameof(problems));
        }

        Problems = problems;
    }

    public InputException(InputProblem problem)
        : this([problem])
    {
    }

    public InputException()
        : this(new InputProblem("input", string.Empty, "Bad input.", "Check the input."))
    {
    }

    public InputException(string message)
        : this(new InputProblem("input", string.Empty, message, "Check the input."))
    {
    }

    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new InputProblem("input", string.Empty, message, "Check the input.")];
    }

    /// <summary>Every problem found, in the order found.</summary>
    public IReadOnlyList<InputProblem> Problems { get; }
}

/// <summary>
/// Thrown when the input is valid but no plan satisfies it (too few buses, a trip longer than any
/// battery allows, …). The message says why in a planner's terms; the host exits with code 1.
/// Solvers that know what would help throw a subclass carrying their typed remedies.
/// </summary>
public class NoFeasiblePlanException : Exception
{
    public NoFeasiblePlanException()
        : base("No feasible plan exists for this input.")
    {
    }

    public NoFeasiblePlanException(string message)
        : base(message)
    {
    }

    public NoFeasiblePlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
