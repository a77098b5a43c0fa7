namespace TransitPairs.Corridors;

/// <summary>
/// Direction of travel on a corridor: <see cref="Outbound"/> runs from the corridor's
/// <see cref="Corridor.TerminalA"/> to <see cref="Corridor.TerminalB"/>, <see cref="Inbound"/> back
/// (GTFS direction_id 0 and 1).
/// </summary>
public enum Direction
{
    /// <summary>Terminal A → terminal B (GTFS direction_id 0).</summary>
    Outbound,

    /// <summary>Terminal B → terminal A (GTFS direction_id 1).</summary>
    Inbound,
}
