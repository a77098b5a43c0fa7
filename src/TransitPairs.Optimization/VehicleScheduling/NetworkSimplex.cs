namespace TransitPairs.Optimization.VehicleScheduling;

/// <summary>
/// Primal network simplex for min-cost flow with balanced supplies (Σ supply = 0), arcs with lower
/// bound 0, a capacity and an integer cost (Ahuja, Magnanti &amp; Orlin, <i>Network Flows</i>, ch. 11;
/// block-search pivoting after Grigoriadis 1986, as in LEMON's <c>NetworkSimplex</c>).
/// </summary>
/// <remarks>
/// Why our own: on the time-space networks of single-depot days OR-Tools' cost-scaling
/// <c>MinCostFlow</c> (the only min-cost flow class its .NET wrapper has) took 3–14 s on
/// 10,000 trips where a network simplex needs a few hundredths of a second (measured with
/// the LEMON yardstick described in <c>benchmarks/README.md</c>); the vehicle cost of 100,000 adds cost-scaling phases, and
/// the flow of such a network is found in few pivots from a good basis.
/// <para>
/// The basis is a spanning tree on the nodes plus an artificial root; every node starts joined
/// to the root by an artificial arc of cost <c>(max |cost| + 1) × nodes</c> (more than any path),
/// so a flow that still uses one at the end means no feasible flow exists. The tree is kept
/// strongly feasible (Cunningham 1976: the leaving arc is the last blocking arc met going round
/// the cycle from the apex in the direction of flow), which prevents cycling. The tree is stored
/// as parent, depth and child lists; a pivot re-hangs the subtree cut off by the leaving arc and
/// walks it once to update depths and potentials.
/// </para>
/// </remarks>
internal sealed class NetworkSimplex
{
    private const sbyte AtUpper = -1;
    private const sbyte InTree = 0;
    private const sbyte AtLower = 1;

    private readonly int nodeCount;
    private readonly long[] supply;
    private int[] tail;
    private int[] head;
    private long[] capacity;
    private long[] cost;
    private int arcCount;

    // Solve state: arcs 0..arcCount-1 are the network's, arcCount..arcCount+nodeCount-1 artificial.
    private long[] flow = [];
    private sbyte[] state = [];
    private long[] potential = [];
    private int[] parent = [];
    private int[] predArc = [];
    private bool[] predUp = []; // true: predArc runs node → parent
    private int[] depth = [];
    private int[] firstChild = [];
    private int[] nextSibling = [];
    private int[] prevSibling = [];
    private int[] stack = [];
    private int root;
    private long pricedCost;

    /// <param name="nodeCount">Nodes 0..nodeCount-1.</param>
    /// <param name="arcCapacityHint">Expected number of arcs (storage is grown as needed).</param>
    public NetworkSimplex(int nodeCount, int arcCapacityHint = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        this.nodeCount = nodeCount;
        supply = new long[nodeCount];
        var size = Math.Max(arcCapacityHint, 4);
        tail = new int[size];
        head = new int[size];
        capacity = new long[size];
        cost = new long[size];
    }

    public int ArcCount => arcCount;

    /// <summary>The cost of the optimal flow (after <see cref="Solve"/> returned true).</summary>
    public long TotalCost { get; private set; }

    /// <summary>Pivots of the last solve (for profiling).</summary>
    public long Pivots { get; private set; }

    /// <summary>Adds an arc tail → head carrying 0..<paramref name="arcCapacity"/> units at <paramref name="unitCost"/> each; returns its index.</summary>
    public int AddArc(int arcTail, int arcHead, long arcCapacity, long unitCost)
    {
        if ((uint)arcTail >= (uint)nodeCount || (uint)arcHead >= (uint)nodeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(arcTail), "An arc end is not a node of the network.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(arcCapacity);
        if (arcCount == tail.Length)
        {
            var size = tail.Length * 2;
            Array.Resize(ref tail, size);
            Array.Resize(ref head, size);
            Array.Resize(ref capacity, size);
            Array.Resize(ref cost, size);
        }

        tail[arcCount] = arcTail;
        head[arcCount] = arcHead;
        capacity[arcCount] = arcCapacity;
        cost[arcCount] = unitCost;
        return arcCount++;
    }

    /// <summary>Sets what a node sends (positive) or takes in (negative).</summary>
    public void SetSupply(int node, long amount) => supply[node] = amount;

    /// <summary>Flow on an arc of the last optimal solution.</summary>
    public long Flow(int arc) => flow[arc];

    /// <summary>
    /// Changes the cost of a network arc. Before the first <see cref="Solve"/> it only sets the
    /// cost; after it, <see cref="Resolve"/> continues from the last optimal basis.
    /// </summary>
    public void SetCost(int arc, long unitCost)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)arc, (uint)arcCount, nameof(arc));
        cost[arc] = unitCost;
    }

    /// <summary>
    /// Re-optimises after <see cref="SetCost"/> from the last optimal basis (which stays a feasible
    /// flow when only costs change): potentials are recomputed along the tree, then pivots go on.
    /// Same answer as a fresh <see cref="Solve"/>, usually in far fewer pivots. Costs (in absolute value)
    /// above the dearest arc of the last fresh solve start a fresh one (its artificial arcs would be too cheap).
    /// </summary>
    public bool Resolve()
    {
        long maxCost = 0;
        for (var a = 0; a < arcCount; a++)
        {
            maxCost = Math.Max(maxCost, Math.Abs(cost[a]));
        }

        if (flow.Length == 0 || maxCost > pricedCost)
        {
            return Solve(); // the artificial arcs must stay dearer than any path
        }

        var top = 0;
        stack[top++] = root;
        potential[root] = 0;
        while (top > 0)
        {
            var v = stack[--top];
            for (var c = firstChild[v]; c >= 0; c = nextSibling[c])
            {
                var a = predArc[c];
                potential[c] = predUp[c] ? potential[v] - cost[a] : potential[v] + cost[a];
                stack[top++] = c;
            }
        }

        return Optimise();
    }

    /// <summary>Finds a min-cost flow; false when supplies do not balance or no flow meets them.</summary>
    public bool Solve()
    {
        if (supply.Sum() != 0)
        {
            return false;
        }

        Initialise();
        return Optimise();
    }

    private bool Optimise()
    {
        var blockSize = Math.Max(10, (int)Math.Sqrt(arcCount));
        var nextArc = 0;
        Pivots = 0;
        while (true)
        {
            var entering = FindEnteringArc(blockSize, ref nextArc);
            if (entering < 0)
            {
                break;
            }

            Pivot(entering);
            Pivots++;
        }

        for (var v = 0; v < nodeCount; v++)
        {
            if (flow[arcCount + v] != 0)
            {
                return false;
            }
        }

        long total = 0;
        for (var a = 0; a < arcCount; a++)
        {
            total += flow[a] * cost[a];
        }

        TotalCost = total;
        return true;
    }

    private void Initialise()
    {
        var all = arcCount + nodeCount;
        root = nodeCount;
        Array.Resize(ref tail, all);
        Array.Resize(ref head, all);
        Array.Resize(ref capacity, all);
        Array.Resize(ref cost, all);
        flow = new long[all];
        state = new sbyte[all];
        potential = new long[nodeCount + 1];
        parent = new int[nodeCount + 1];
        predArc = new int[nodeCount + 1];
        predUp = new bool[nodeCount + 1];
        depth = new int[nodeCount + 1];
        firstChild = new int[nodeCount + 1];
        nextSibling = new int[nodeCount + 1];
        prevSibling = new int[nodeCount + 1];
        stack = new int[nodeCount + 1];

        long maxCost = 0;
        for (var a = 0; a < arcCount; a++)
        {
            maxCost = Math.Max(maxCost, Math.Abs(cost[a]));
            state[a] = AtLower;
        }

        pricedCost = maxCost;
        var artificialCost = (maxCost + 1) * (nodeCount + 1);
        Array.Fill(firstChild, -1);
        parent[root] = -1;
        predArc[root] = -1;
        for (var v = 0; v < nodeCount; v++)
        {
            var a = arcCount + v;
            capacity[a] = long.MaxValue;
            state[a] = InTree;
            parent[v] = root;
            predArc[v] = a;
            depth[v] = 1;
            if (supply[v] >= 0)
            {
                // v → root at no cost: zero flow points towards the root (strongly feasible).
                tail[a] = v;
                head[a] = root;
                cost[a] = 0;
                flow[a] = supply[v];
                predUp[v] = true;
                potential[v] = 0;
            }
            else
            {
                tail[a] = root;
                head[a] = v;
                cost[a] = artificialCost;
                flow[a] = -supply[v];
                predUp[v] = false;
                potential[v] = artificialCost;
            }

            prevSibling[v] = v == 0 ? -1 : v - 1;
            nextSibling[v] = v + 1 < nodeCount ? v + 1 : -1;
        }

        firstChild[root] = nodeCount > 0 ? 0 : -1;
    }

    /// <summary>Block search: scan blocks of arcs from where the last search stopped and take the most violating arc of the first block that has one.</summary>
    private int FindEnteringArc(int blockSize, ref int nextArc)
    {
        long best = 0;
        var entering = -1;
        var count = blockSize;
        for (var scanned = 0; scanned < arcCount; scanned++)
        {
            var a = nextArc + scanned;
            if (a >= arcCount)
            {
                a -= arcCount;
            }

            var violation = state[a] * (cost[a] + potential[tail[a]] - potential[head[a]]);
            if (violation < best)
            {
                best = violation;
                entering = a;
            }

            if (--count == 0)
            {
                if (entering >= 0)
                {
                    nextArc = a + 1 == arcCount ? 0 : a + 1;
                    return entering;
                }

                count = blockSize;
            }
        }

        return entering;
    }

    private void Pivot(int entering)
    {
        // The cycle: flow goes along the entering arc from `first` to `second`, up from `second` to the apex, down to `first`.
        int first, second;
        if (state[entering] == AtLower)
        {
            first = tail[entering];
            second = head[entering];
        }
        else
        {
            first = head[entering];
            second = tail[entering];
        }

        var apex = Apex(first, second);
        var delta = capacity[entering];
        var leavingChild = -1; // the node whose tree arc leaves; -1 = the entering arc itself is the bottleneck
        var onFirstSide = false;

        // Going round from the apex in the direction of flow, the first side is met first (from the
        // apex down to `first`), so ties there go to the arc nearest `first` (strict <); the second
        // side comes after the entering arc, so ties go to the arc nearest the apex (≤).
        for (var u = first; u != apex; u = parent[u])
        {
            var a = predArc[u];
            var room = predUp[u] ? flow[a] : Residual(a);
            if (room < delta)
            {
                delta = room;
                leavingChild = u;
                onFirstSide = true;
            }
        }

        for (var u = second; u != apex; u = parent[u])
        {
            var a = predArc[u];
            var room = predUp[u] ? Residual(a) : flow[a];
            if (room <= delta)
            {
                delta = room;
                leavingChild = u;
                onFirstSide = false;
            }
        }

        if (delta == long.MaxValue)
        {
            throw new InvalidOperationException("Network simplex: a negative cycle of unlimited capacity.");
        }

        if (delta > 0)
        {
            var signed = state[entering] * delta;
            flow[entering] += signed;
            for (var u = tail[entering]; u != apex; u = parent[u])
            {
                flow[predArc[u]] += predUp[u] ? -signed : signed;
            }

            for (var u = head[entering]; u != apex; u = parent[u])
            {
                flow[predArc[u]] += predUp[u] ? signed : -signed;
            }
        }

        if (leavingChild < 0)
        {
            state[entering] = (sbyte)-state[entering];
            return;
        }

        var leaving = predArc[leavingChild];
        state[leaving] = flow[leaving] == 0 ? AtLower : AtUpper;
        state[entering] = InTree;
        var joinInside = onFirstSide ? first : second;  // the entering arc's end inside the cut-off subtree
        var joinOutside = onFirstSide ? second : first;
        Rehang(entering, joinInside, joinOutside, leavingChild);
    }

    private long Residual(int arc) => capacity[arc] == long.MaxValue ? long.MaxValue : capacity[arc] - flow[arc];

    private int Apex(int u, int v)
    {
        while (u != v)
        {
            if (depth[u] > depth[v])
            {
                u = parent[u];
            }
            else if (depth[v] > depth[u])
            {
                v = parent[v];
            }
            else
            {
                u = parent[u];
                v = parent[v];
            }
        }

        return u;
    }

    /// <summary>
    /// The leaving arc cut the subtree under <paramref name="cutRoot"/> off; hang it again from
    /// <paramref name="outside"/> through the entering arc, reversing the stem from
    /// <paramref name="inside"/> up to <paramref name="cutRoot"/>, then update depths and potentials in it.
    /// </summary>
    private void Rehang(int entering, int inside, int outside, int cutRoot)
    {
        // Walk the stem inside → cutRoot, making each node the parent of the one it came from.
        var newParent = outside;
        var newPred = entering;
        var newUp = tail[entering] == inside;
        var u = inside;
        while (true)
        {
            var oldParent = parent[u];
            var oldPred = predArc[u];
            var oldUp = predUp[u];
            Detach(u);
            parent[u] = newParent;
            predArc[u] = newPred;
            predUp[u] = newUp;
            Attach(u, newParent);
            if (u == cutRoot)
            {
                break;
            }

            newParent = u;
            newPred = oldPred;
            newUp = !oldUp;
            u = oldParent;
        }

        // Potentials: the entering arc gets zero reduced cost; the whole subtree shifts by the same amount.
        var shift = predUp[inside]
            ? potential[outside] - cost[entering] - potential[inside]
            : potential[outside] + cost[entering] - potential[inside];
        var top = 0;
        stack[top++] = inside;
        while (top > 0)
        {
            var v = stack[--top];
            potential[v] += shift;
            depth[v] = depth[parent[v]] + 1;
            for (var c = firstChild[v]; c >= 0; c = nextSibling[c])
            {
                stack[top++] = c;
            }
        }
    }

    private void Detach(int u)
    {
        var p = parent[u];
        if (prevSibling[u] >= 0)
        {
            nextSibling[prevSibling[u]] = nextSibling[u];
        }
        else
        {
            firstChild[p] = nextSibling[u];
        }

        if (nextSibling[u] >= 0)
        {
            prevSibling[nextSibling[u]] = prevSibling[u];
        }
    }

    private void Attach(int u, int p)
    {
        prevSibling[u] = -1;
        nextSibling[u] = firstChild[p];
        if (firstChild[p] >= 0)
        {
            prevSibling[firstChild[p]] = u;
        }

        firstChild[p] = u;
    }
}
