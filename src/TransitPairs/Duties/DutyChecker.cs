using System.Globalization;
using TransitPairs.Scheduling;

namespace TransitPairs.Duties;

/// <summary>
/// Checks driver duties against the vehicle blocks and the rules, without any solver code: every
/// driven block event (trip or empty run) is driven by exactly one driver, as the block has it;
/// each duty opens with its sign-on and closes with its sign-off, and its activities follow one
/// another in time and place; a driver changes vehicle only at a relief point and after the least
/// changeover; continuous driving (the whole stretch against the day limit, its night minutes
/// against the night limit) is reset only by a break of at least the
/// least rest; daily driving and span stay within the rules. Empty list: valid.
/// </summary>
public static class DutyChecker
{
    public static IReadOnlyList<string> Check(DutyProblem problem, CrewSchedule crew)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(crew);
        var problems = new List<string>();
        var rules = problem.Duties;
        var driving = problem.Driving;

        // Each driven event: (vehicle, index among the block's driven events) → times driven.
        var events = new Dictionary<(string Vehicle, int Start, int End, string From, string To), (int Index, BlockEvent Event)>();
        foreach (var block in problem.Schedule.Blocks)
        {
            var k = 0;
            foreach (var e in block.Events.Where(DutyProblem.IsDriving))
            {
                events[(block.VehicleId, e.Start.TotalSeconds, e.End.TotalSeconds, e.FromStop, e.ToStop)] = (k++, e);
            }
        }

        var driven = new Dictionary<(string, int, int, string, string), int>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var duty in crew.Duties)
        {
            var who = "driver " + duty.DriverId;
            if (!ids.Add(duty.DriverId))
            {
                problems.Add($"{who}: the id is used twice.");
            }

            var a = duty.Activities;
            if (a[0].Kind != DutyActivityKind.SignOn || a[0].Seconds != (int)rules.SignOn.TotalSeconds)
            {
                problems.Add(F($"{who}: the duty does not open with a sign-on of {rules.SignOn.TotalMinutes:0} min."));
            }

            if (a[^1].Kind != DutyActivityKind.SignOff || a[^1].Seconds != (int)rules.SignOff.TotalSeconds)
            {
                problems.Add(F($"{who}: the duty does not close with a sign-off of {rules.SignOff.TotalMinutes:0} min."));
            }

            for (var i = 1; i < a.Length; i++)
            {
                if (a[i].Start != a[i - 1].End || a[i].FromStop != a[i - 1].ToStop)
                {
                    problems.Add($"{who}: {Name(a[i])} at {a[i].FromStop} {a[i].Start} does not follow on from {Name(a[i - 1])} ending at {a[i - 1].ToStop} {a[i - 1].End}.");
                }

                if (a[i].Kind is DutyActivityKind.SignOn or DutyActivityKind.SignOff && i != 0 && i != a.Length - 1)
                {
                    problems.Add($"{who}: a sign-on or sign-off in the middle of the duty.");
                }
            }

            var continuous = 0;
            var night = 0;
            var resting = 0;
            var total = 0;
            (string Vehicle, int Index, DutyActivity Drive)? last = null;
            foreach (var act in a)
            {
                if (act.Kind != DutyActivityKind.Drive)
                {
                    resting += act.Kind is DutyActivityKind.Break or DutyActivityKind.Wait or DutyActivityKind.Travel ? act.Seconds : 0;
                    continue;
                }

                var key = (act.VehicleId!, act.Start.TotalSeconds, act.End.TotalSeconds, act.FromStop, act.ToStop);
                if (!events.TryGetValue(key, out var ev))
                {
                    problems.Add($"{who}: drives {act.VehicleId} {act.FromStop} {act.Start} → {act.ToStop} {act.End}, which no block event matches.");
                    continue;
                }

                if (ev.Event.TripId != act.TripId)
                {
                    problems.Add($"{who}: the drive of {act.VehicleId} at {act.Start} names trip '{act.TripId}', the block '{ev.Event.TripId}'.");
                }

                driven[key] = driven.GetValueOrDefault(key) + 1;
                if (last is { } prev && !(prev.Vehicle == act.VehicleId && prev.Index + 1 == ev.Index))
                {
                    // Leaving one vehicle (or one point of its day) for another: a relief.
                    if (!problem.ReliefPoints.Contains(act.FromStop))
                    {
                        problems.Add($"{who}: changes to {act.VehicleId} at {act.FromStop}, which is no relief point.");
                    }

                    if (act.Start.TotalSeconds - prev.Drive.End.TotalSeconds < rules.MinChangeover.TotalSeconds)
                    {
                        problems.Add(F($"{who}: only {(act.Start.TotalSeconds - prev.Drive.End.TotalSeconds) / 60.0:0.#} min to change to {act.VehicleId} at {act.FromStop} {act.Start} (at least {rules.MinChangeover.TotalMinutes:0})."));
                    }
                }

                if (resting >= driving.MinRest.TotalSeconds)
                {
                    continuous = 0;
                    night = 0;
                }

                resting = 0;
                continuous += act.Seconds;
                total += act.Seconds;
                night += rules.NightSeconds(act.Start, act.End);
                if (continuous > driving.MaxContinuousDriving.TotalSeconds)
                {
                    problems.Add(F($"{who}: {continuous / 60.0:0} min of driving without a {driving.MinRest.TotalMinutes:0}-min rest by {act.End} (at most {driving.MaxContinuousDriving.TotalMinutes:0})."));
                }

                if (night > rules.MaxContinuousNightDriving.TotalSeconds)
                {
                    problems.Add(F($"{who}: {night / 60.0:0} min of night driving without a {driving.MinRest.TotalMinutes:0}-min rest by {act.End} (at most {rules.MaxContinuousNightDriving.TotalMinutes:0} at night)."));
                }

                last = (act.VehicleId!, ev.Index, act);
            }

            if (total > driving.MaxDrivingPerDay.TotalSeconds)
            {
                problems.Add(F($"{who}: drives {total / 60.0:0} min in the day (at most {driving.MaxDrivingPerDay.TotalMinutes:0})."));
            }

            var span = duty.SignOff.TotalSeconds - duty.SignOn.TotalSeconds;
            if (span > rules.MaxSpan.TotalSeconds)
            {
                problems.Add(F($"{who}: works {span / 60.0:0} min from sign-on to sign-off (at most {rules.MaxSpan.TotalMinutes:0})."));
            }
        }

        foreach (var (key, ev) in events)
        {
            var times = driven.GetValueOrDefault(key);
            if (times != 1)
            {
                problems.Add($"{key.Vehicle}: {Name(ev.Event)} {key.From} → {key.To} at {ev.Event.Start} is driven {times} times, not once.");
            }
        }

        return problems;
    }

    private static string Name(DutyActivity a) => a.TripId is { } t ? $"trip {t}" : a.Kind.ToString().ToLowerInvariant();

    private static string Name(BlockEvent e) => e.TripId is { } t ? $"trip {t}" : e.Kind.ToString().ToLowerInvariant();

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
