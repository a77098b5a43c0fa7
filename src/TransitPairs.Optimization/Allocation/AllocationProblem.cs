using System.Collections.Immutable;

namespace TransitPairs.Optimization.Allocation;

/// <summary>
/// The integer input of fleet allocation across corridors (Furth &amp; Wilson 1981, "Setting
/// frequencies on bus routes: theory and practice", TRR 818): several corridors share a fleet
/// (or a purchase budget) and charger sites; for each corridor and time band the solver picks a
/// headway from <see cref="AllocationBand.AllowedHeadwaysMinutes"/>.
/// </summary>
public sealed class AllocationProblem
{
    /// <param name="corridors">At least one corridor; ids unique.</param>
    /// <param name="chargerSites">Sites named by <see cref="AllocationCorridor.Charging"/>; ids unique.</param>
    /// <param name="fleetSize">Buses available in total, or null for no fleet limit.</param>
    /// <param name="budgetYuan">Purchase budget in yuan for buses beyond those owned, or null for no budget limit.</param>
    /// <param name="weights">Objective weights; <see cref="AllocationWeights.Default"/> when null.</param>
    public AllocationProblem(
        ImmutableArray<AllocationCorridor> corridors,
        ImmutableArray<ChargerSiteCapacity> chargerSites,
        int? fleetSize,
        long? budgetYuan,
        AllocationWeights? weights = null)
    {
        if (corridors.IsDefaultOrEmpty)
        {
            throw new ArgumentException("An allocation needs at least one corridor.", nameof(corridors));
        }

        if (corridors.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != corridors.Length)
        {
            throw new ArgumentException("Corridor ids must be unique.", nameof(corridors));
        }

        chargerSites = chargerSites.IsDefault ? [] : chargerSites;
        if (chargerSites.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() != chargerSites.Length)
        {
            throw new ArgumentException("Charger site ids must be unique.", nameof(chargerSites));
        }

        foreach (var corridor in corridors)
        {
            foreach (var charging in corridor.Charging.Where(charging => !chargerSites.Any(s => s.Id == charging.SiteId)))
            {
                throw new ArgumentException($"Corridor {corridor.Id} charges at unknown site {charging.SiteId}.", nameof(chargerSites));
            }
        }

        if (fleetSize is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fleetSize), fleetSize, "The fleet size cannot be negative.");
        }

        if (budgetYuan is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(budgetYuan), budgetYuan, "The budget cannot be negative.");
        }

        Corridors = corridors;
        ChargerSites = chargerSites;
        FleetSize = fleetSize;
        BudgetYuan = budgetYuan;
        Weights = weights ?? AllocationWeights.Default;
    }

    public ImmutableArray<AllocationCorridor> Corridors { get; }

    public ImmutableArray<ChargerSiteCapacity> ChargerSites { get; }

    /// <summary>Buses available in total (owned and to be bought), or null for no limit.</summary>
    public int? FleetSize { get; }

    /// <summary>Yuan available to buy buses beyond <see cref="AllocationCorridor.OwnedBuses"/>, or null for no limit.</summary>
    public long? BudgetYuan { get; }

    public AllocationWeights Weights { get; }

    /// <summary>The same problem with another fleet size and budget (what-if runs, marginal values).</summary>
    public AllocationProblem WithLimits(int? fleetSize, long? budgetYuan) =>
        new(Corridors, ChargerSites, fleetSize, budgetYuan, Weights);
}

/// <summary>
/// One corridor: its time bands, the buses it already owns and what another bus costs.
/// </summary>
public sealed class AllocationCorridor
{
    /// <param name="id">Corridor id, non-empty.</param>
    /// <param name="bands">The service day's time bands, at least one.</param>
    /// <param name="seatsPerBus">Passengers one departure carries (seats on seated-only patterns), ≥ 1.</param>
    /// <param name="ownedBuses">Buses already owned for this corridor, free under a budget, ≥ 0.</param>
    /// <param name="purchaseCostYuan">Price of one more bus, yuan, ≥ 0.</param>
    /// <param name="charging">Where and how long a battery bus charges per round trip (one entry per site, sites distinct); empty or default for buses that need no charging in service.</param>
    public AllocationCorridor(
        string id,
        ImmutableArray<AllocationBand> bands,
        int seatsPerBus,
        int ownedBuses,
        long purchaseCostYuan,
        ImmutableArray<CorridorCharging> charging = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (bands.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"Corridor {id} needs at least one time band.", nameof(bands));
        }

        for (var i = 1; i < bands.Length; i++)
        {
            if (bands[i].StartMinute < bands[i - 1].EndMinute)
            {
                throw new ArgumentException($"Corridor {id}: band {bands[i].Name} starts before band {bands[i - 1].Name} ends; list bands in time order without overlap.", nameof(bands));
            }
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(seatsPerBus, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(ownedBuses);
        ArgumentOutOfRangeException.ThrowIfNegative(purchaseCostYuan);
        Id = id;
        Bands = bands;
        SeatsPerBus = seatsPerBus;
        OwnedBuses = ownedBuses;
        PurchaseCostYuan = purchaseCostYuan;
        Charging = charging.IsDefault ? [] : charging;
        if (Charging.Select(c => c.SiteId).Distinct(StringComparer.Ordinal).Count() != Charging.Length)
        {
            throw new ArgumentException($"Corridor {id} names a charger site twice; give one entry per site.", nameof(charging));
        }
    }

    public string Id { get; }

    public ImmutableArray<AllocationBand> Bands { get; }

    /// <summary>Passengers one departure carries, ≥ 1.</summary>
    public int SeatsPerBus { get; }

    /// <summary>Buses already owned, ≥ 0; they cost nothing under a budget.</summary>
    public int OwnedBuses { get; }

    /// <summary>Yuan per additional bus.</summary>
    public long PurchaseCostYuan { get; }

    /// <summary>Charging per round trip at each site (empty when buses need none in service).</summary>
    public ImmutableArray<CorridorCharging> Charging { get; }
}

/// <summary>
/// One time band of a corridor (e.g. morning peak 06:00–09:00): its length, the cycle time of a
/// bus, the demand in each direction and the headways the policy allows.
/// </summary>
public sealed class AllocationBand
{
    /// <param name="name">Band name, non-empty.</param>
    /// <param name="startMinute">Start of the band, minutes since the service-day start, ≥ 0 (may pass 24:00).</param>
    /// <param name="durationMinutes">Length of the band, minutes, ≥ 1.</param>
    /// <param name="cycleMinutes">Minutes for one bus to come back to its first terminal in this band:
    /// run time both ways + layover at both ends + charging time of battery buses, ≥ 1.</param>
    /// <param name="outboundPassengersPerHour">Demand in the outbound direction at the max-load point, passengers per hour, ≥ 0.</param>
    /// <param name="inboundPassengersPerHour">Demand in the inbound direction, passengers per hour, ≥ 0.</param>
    /// <param name="allowedHeadwaysMinutes">Headways the policy allows in this band, minutes, each ≥ 1, at least one, distinct.</param>
    public AllocationBand(
        string name,
        int startMinute,
        int durationMinutes,
        int cycleMinutes,
        int outboundPassengersPerHour,
        int inboundPassengersPerHour,
        ImmutableArray<int> allowedHeadwaysMinutes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(startMinute);
        ArgumentOutOfRangeException.ThrowIfLessThan(durationMinutes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cycleMinutes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(outboundPassengersPerHour);
        ArgumentOutOfRangeException.ThrowIfNegative(inboundPassengersPerHour);
        if (allowedHeadwaysMinutes.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"Band {name} allows no headway.", nameof(allowedHeadwaysMinutes));
        }

        if (allowedHeadwaysMinutes.Any(h => h < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(allowedHeadwaysMinutes), "Every headway is at least one minute.");
        }

        if (allowedHeadwaysMinutes.Distinct().Count() != allowedHeadwaysMinutes.Length)
        {
            throw new ArgumentException($"Band {name} lists a headway twice.", nameof(allowedHeadwaysMinutes));
        }

        Name = name;
        StartMinute = startMinute;
        DurationMinutes = durationMinutes;
        CycleMinutes = cycleMinutes;
        OutboundPassengersPerHour = outboundPassengersPerHour;
        InboundPassengersPerHour = inboundPassengersPerHour;
        AllowedHeadwaysMinutes = [.. allowedHeadwaysMinutes.Order()];
    }

    public string Name { get; }

    /// <summary>Minutes since the service-day start, ≥ 0.</summary>
    public int StartMinute { get; }

    /// <summary>Minutes, ≥ 1.</summary>
    public int DurationMinutes { get; }

    /// <summary>End of the band (exclusive), minutes since the service-day start.</summary>
    public int EndMinute => StartMinute + DurationMinutes;

    /// <summary>Round-trip cycle of one bus, minutes, ≥ 1.</summary>
    public int CycleMinutes { get; }

    /// <summary>Passengers per hour, outbound.</summary>
    public int OutboundPassengersPerHour { get; }

    /// <summary>Passengers per hour, inbound.</summary>
    public int InboundPassengersPerHour { get; }

    /// <summary>Allowed headways in minutes, ascending.</summary>
    public ImmutableArray<int> AllowedHeadwaysMinutes { get; }
}

/// <summary>
/// Charging of a battery corridor's buses in service: each round trip needs
/// <see cref="SessionsPerRoundTrip"/> sessions of <see cref="SessionMinutes"/> at the site.
/// </summary>
/// <remarks>
/// Charger model (stated, deliberately simple): in every band, a corridor running headway h makes
/// 60 / h round trips an hour and so occupies <c>60/h × sessions × sessionMinutes</c> charger
/// minutes per hour at its site; the corridors charging at a site together use at most
/// <c>points × 60</c> charger minutes per hour. This is the "sessions per hour ≤ points × 60 /
/// session minutes" capacity of a queue with steady arrivals; it ignores bunching of arrivals
/// inside the hour, which the block solver's charger schedule checks exactly.
/// </remarks>
public sealed record CorridorCharging
{
    public CorridorCharging(string siteId, int sessionsPerRoundTrip, int sessionMinutes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(siteId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionsPerRoundTrip, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionMinutes, 1);
        SiteId = siteId;
        SessionsPerRoundTrip = sessionsPerRoundTrip;
        SessionMinutes = sessionMinutes;
    }

    public string SiteId { get; }

    /// <summary>Charging sessions per round trip at the site, ≥ 1.</summary>
    public int SessionsPerRoundTrip { get; }

    /// <summary>Minutes a bus occupies a charging point per session, ≥ 1.</summary>
    public int SessionMinutes { get; }

    /// <summary>
    /// Charger-seconds per hour this charging occupies at headway <paramref name="headwayMinutes"/>:
    /// ⌈3600 × sessions × session minutes / headway⌉ (60 / headway round trips an hour).
    /// </summary>
    public long SecondsPerHour(int headwayMinutes) =>
        ((3600L * SessionsPerRoundTrip * SessionMinutes) + headwayMinutes - 1) / headwayMinutes;
}

/// <summary>A charging site (terminal or depot) with <see cref="Points"/> charging points.</summary>
public sealed record ChargerSiteCapacity
{
    public ChargerSiteCapacity(string id, int points)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        Id = id;
        Points = points;
    }

    public string Id { get; }

    /// <summary>Charging points usable at once, ≥ 0.</summary>
    public int Points { get; }
}

/// <summary>
/// Weights of the allocation objective. The unit is the passenger-minute of waiting (weight 1):
/// <c>objective = Σ served passengers × headway / 2 + UnservedPenaltyMinutes × Σ unserved passengers</c>.
/// Cost (the purchase value of the buses used) is a second, lexicographic objective: it only
/// decides between plans with the same passenger objective.
/// </summary>
/// <param name="UnservedPenaltyMinutes">Passenger-minutes charged per passenger the seats cannot carry, ≥ 0.
/// The default, 120, is about twice the longest policy headway (60 min): a passenger left behind
/// waits for the next bus or finds another mode, which costs more than the longest wait.</param>
public sealed record AllocationWeights(double UnservedPenaltyMinutes)
{
    /// <summary>120 passenger-minutes per unserved passenger.</summary>
    public static AllocationWeights Default { get; } = new(120);

    public double UnservedPenaltyMinutes { get; } =
        UnservedPenaltyMinutes >= 0 && double.IsFinite(UnservedPenaltyMinutes)
            ? UnservedPenaltyMinutes
            : throw new ArgumentOutOfRangeException(nameof(UnservedPenaltyMinutes), UnservedPenaltyMinutes, "The penalty is a finite number ≥ 0.");
}
