namespace TransitPairs.Validation;

/// <summary>
/// Thrown by a domain constructor when one argument is out of place. <see cref="ArgumentException.ParamName"/>
/// names the parameter, which is spelled like the field of the scenario files (camelCase), so a
/// loader can turn the failure into an <see cref="InputProblem"/> at the right JSON path.
/// </summary>
public sealed class InvalidValueException : ArgumentException
{
    public InvalidValueException(string paramName, string problem, string fix)
        : base(problem, paramName)
    {
        Problem = problem;
        Fix = fix;
    }

    public InvalidValueException()
        : this("value", "A value is invalid.", "Correct the value.")
    {
    }

    public InvalidValueException(string message)
        : this("value", message, "Correct the value.")
    {
    }

    public InvalidValueException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
        Fix = "Correct the value.";
    }

    /// <summary>What is wrong, in a planner's words (without the parameter suffix of <see cref="Exception.Message"/>).</summary>
    public string Problem { get; }

    /// <summary>What would fix it.</summary>
    public string Fix { get; }
}
