using TransitPairs.Scheduling;
using TransitPairs.Time;

namespace TransitPairs.Tests.Scheduling;

public sealed class FleetLowerBoundsTests
{
    private static ScheduledTrip T(string id, string from, string dep, string to, string arr) =>
        new(id, from, ServiceTime.Parse(dep), to, ServiceTime.Parse(arr));

    [Fact]
    public void MostTripsInService_TripEndingWhenAnotherStarts_CountsOneVehicle()
    {
        var trips = new[] { T("T1", "A", "06:00", "B", "07:00"), T("T2", "B", "07:00", "A", "08:00") };
        Assert.Equal(1, FleetLowerBounds.MostTripsInService(trips));
        Assert.Equal(2, FleetLowerBounds.MostTripsInService(trips, minLayoverSeconds: 60));
    }

    [Fact]
    public void TerminalDeficitSum_VehiclesStrandedAtTheWrongEnd_ExceedsMostTripsInService()
    {
        // Both trips leave A; the first vehicle ends at B and cannot come back without an empty run.
        var trips = new[] { T("T1", "A", "06:00", "B", "07:00"), T("T2", "A", "08:00", "B", "09:00") };
        Assert.Equal(1, FleetLowerBounds.MostTripsInService(trips));
        Assert.Equal(2, FleetLowerBounds.TerminalDeficitSum(trips));
    }
}
