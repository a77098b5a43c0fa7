using CsCheck;
using Google.OrTools.Graph;
using TransitPairs.Optimization.VehicleScheduling;

namespace TransitPairs.Optimization.Tests.VehicleScheduling;

/// <summary>Our network simplex against OR-Tools' cost-scaling min-cost flow, an independent implementation.</summary>
public sealed class NetworkSimplexTests
{
    private static readonly Gen<(int Nodes, (int Tail, int Head, int Capacity, int Cost)[] Arcs, int[] Supply)> Networks =
        from nodes in Gen.Int[2, 30]
        from arcs in Gen.Select(Gen.Int[0, nodes - 1], Gen.Int[0, nodes - 1], Gen.Int[0, 6], Gen.Int[0, 50]).Array[0, 120]
        from supply in Gen.Int[-4, 4].Array[nodes]
        select (nodes, arcs.Where(a => a.Item1 != a.Item2).ToArray(), Balance(supply));

    [Fact]
    public void Solve_RandomNetworks_MatchesOrToolsMinCostFlow()
    {
        Networks.Sample(net =>
        {
            var ours = new NetworkSimplex(net.Nodes);
            var theirs = new MinCostFlow();
            foreach (var (tail, head, capacity, cost) in net.Arcs)
            {
                ours.AddArc(tail, head, capacity, cost);
                theirs.AddArcWithCapacityAndUnitCost(tail, head, capacity, cost);
            }

            for (var v = 0; v < net.Nodes; v++)
            {
                ours.SetSupply(v, net.Supply[v]);
                theirs.SetNodeSupply(v, net.Supply[v]);
            }

            var feasible = theirs.Solve() == MinCostFlowBase.Status.OPTIMAL;
            Assert.Equal(feasible, ours.Solve());
            if (!feasible)
            {
                return;
            }

            Assert.Equal(theirs.OptimalCost(), ours.TotalCost);
            var balance = new long[net.Nodes];
            for (var a = 0; a < net.Arcs.Length; a++)
            {
                var f = ours.Flow(a);
                Assert.InRange(f, 0, net.Arcs[a].Capacity);
                balance[net.Arcs[a].Tail] += f;
                balance[net.Arcs[a].Head] -= f;
            }

            Assert.Equal(net.Supply.Select(s => (long)s), balance);
        }, iter: 2000, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Resolve_AfterCostChanges_MatchesOrToolsOnTheNewCosts()
    {
        var changes = Gen.Select(Networks, Gen.Int[-30, 50].Array[120], Gen.Int[-30, 50].Array[120]);
        changes.Sample((net, second, third) =>
        {
            var ours = new NetworkSimplex(net.Nodes);
            foreach (var (tail, head, capacity, cost) in net.Arcs)
            {
                ours.AddArc(tail, head, capacity, cost);
            }

            for (var v = 0; v < net.Nodes; v++)
            {
                ours.SetSupply(v, net.Supply[v]);
            }

            if (!ours.Solve())
            {
                return;
            }

            // Two rounds of new costs (negative ones too), each re-optimised from the basis before.
            foreach (var costs in (int[][])[second, third])
            {
                var theirs = new MinCostFlow();
                for (var a = 0; a < net.Arcs.Length; a++)
                {
                    ours.SetCost(a, costs[a]);
                    theirs.AddArcWithCapacityAndUnitCost(net.Arcs[a].Tail, net.Arcs[a].Head, net.Arcs[a].Capacity, costs[a]);
                }

                for (var v = 0; v < net.Nodes; v++)
                {
                    theirs.SetNodeSupply(v, net.Supply[v]);
                }

                Assert.Equal(MinCostFlowBase.Status.OPTIMAL, theirs.Solve());
                Assert.True(ours.Resolve());
                Assert.Equal(theirs.OptimalCost(), ours.TotalCost);
                Assert.Equal(ours.TotalCost, Enumerable.Range(0, net.Arcs.Length).Sum(a => ours.Flow(a) * costs[a]));
            }
        }, iter: 1000, seed: "0N0XIzNsQ0O2", threads: 1);
    }

    [Fact]
    public void Solve_UnbalancedSupplies_IsInfeasible()
    {
        var flow = new NetworkSimplex(2);
        flow.AddArc(0, 1, 5, 1);
        flow.SetSupply(0, 2);
        flow.SetSupply(1, -1);
        Assert.False(flow.Solve());
    }

    private static int[] Balance(int[] supply)
    {
        var result = (int[])supply.Clone();
        result[^1] -= result.Sum();
        return result;
    }
}
