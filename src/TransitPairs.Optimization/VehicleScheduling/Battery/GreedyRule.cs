namespace TransitPairs.Optimization.VehicleScheduling.Battery;

/// <summary>How the constructive plan picks the bus for a trip among those that can run it.</summary>
internal enum GreedyRule
{
    /// <summary>The bus that reaches the departure with the most charge, charging wherever a point is free (first in, first out).</summary>
    MostCharge,

    /// <summary>The bus that waits least; it charges only when it could not otherwise run the trip and get home.</summary>
    LeastWait,

    /// <summary>The bus with the most charge, charging only when it could not otherwise run the trip and get home.</summary>
    MostChargeWhenNeeded,

    /// <summary>The bus that stands idle least (wait less the empty run to the trip), charging wherever a point is free (best fit, kept topped up).</summary>
    LeastIdleCharging,

    /// <summary>The bus whose depot is nearest the trip's end, then the most charge, charging wherever a point is free: buses run out and back, so the day's last trips find buses based where they end.</summary>
    HomeFirst,

    /// <summary>The most charge, charging wherever a point is free, but a bus away from home does not take a trip that ends near its depot while a new bus can: it waits where it is for a later trip home (the last trips of a corridor day need buses based where they end).</summary>
    AwayWaits,
}
