//! [`upper_bound`]: how many requests any schedule could satisfy at most, from capacities
//! that ignore which slots coincide. The least of three valid bounds:
//!
//! 1. a maximum flow (Dinic): source → owner buyer (its capacity) → request (1) → supplier
//!    (its capacity) → sink;
//! 2. a Lagrangian bound on the same relaxation with every buyer of a request (co-buyers
//!    too) consuming its capacity: buyer capacities priced by multipliers, improved by a
//!    fixed number of subgradient steps (any non-negative multipliers give a valid bound);
//! 3. the table cells left free by the fixed meetings.
//!
//! Capacities, per buyer or supplier: Σ over days of min(quota left after the fixed
//! meetings, slots of the day where it is free of them — and, for a supplier, available).
//! Only requests that fit some slot next to the fixed meetings count; requests a fixed
//! meeting satisfies are added on top.

use super::board::Board;
use super::instance::Instance;
use std::collections::VecDeque;

/// Subgradient steps of the Lagrangian bound.
const STEPS: usize = 300;
/// Steps without a better bound before the step factor halves.
const PATIENCE: usize = 15;

/// A valid upper bound on the requests satisfiable together (fixed meetings that satisfy a
/// request count as satisfied): no schedule that [`super::check`] accepts satisfies more.
/// 0 for a malformed instance. Deterministic.
pub fn upper_bound(inst: &Instance) -> usize {
    if inst.validate().is_err() {
        return 0;
    }
    let board = Board::new(inst);
    let caps = Capacities::new(&board);
    let eligible: Vec<usize> = (0..inst.requests.len())
        .filter(|&r| board.is_open(r) && (0..board.slots).any(|s| board.can_place(r, s)))
        .collect();
    let done = board.fixed_done.iter().filter(|d| **d).count();
    let flow = owner_flow(inst, &caps, &eligible);
    let priced = lagrangian(inst, &caps, &eligible);
    done + flow.min(priced).min(caps.table_cells)
}

/// Meetings each buyer and supplier may still take, and free table cells.
struct Capacities {
    buyer: Vec<usize>,
    supplier: Vec<usize>,
    table_cells: usize,
}

impl Capacities {
    fn new(board: &Board) -> Self {
        let inst = board.inst;
        let per_day =
            |quota: u32, used: u32, free: usize| (quota.saturating_sub(used) as usize).min(free);
        let buyer = (0..inst.buyers())
            .map(|b| {
                (0..board.days)
                    .map(|d| {
                        let free = board.day_range[d]
                            .clone()
                            .filter(|&s| board.buyer_occupant(b, s).is_none())
                            .count();
                        per_day(inst.buyer_quota[b], board.buyer_day_count(b, d), free)
                    })
                    .sum()
            })
            .collect();
        let supplier = (0..inst.suppliers())
            .map(|x| {
                (0..board.days)
                    .map(|d| {
                        let free = board.day_range[d]
                            .clone()
                            .filter(|&s| {
                                inst.supplier_available[x][s]
                                    && board.supplier_occupant(x, s).is_none()
                            })
                            .count();
                        per_day(inst.supplier_quota[x], board.supplier_day_count(x, d), free)
                    })
                    .sum()
            })
            .collect();
        let table_cells = (0..board.slots).map(|s| board.tables_free(s)).sum();
        Capacities {
            buyer,
            supplier,
            table_cells,
        }
    }
}

/// The maximum flow source → owner → request → supplier → sink.
fn owner_flow(inst: &Instance, caps: &Capacities, eligible: &[usize]) -> usize {
    let (buyers, suppliers) = (inst.buyers(), inst.suppliers());
    let source = 0;
    let sink = 1;
    let buyer_node = |b: usize| 2 + b;
    let supplier_node = |s: usize| 2 + buyers + s;
    let request_node = |i: usize| 2 + buyers + suppliers + i;
    let mut net = Dinic::new(2 + buyers + suppliers + eligible.len());
    for (b, &cap) in caps.buyer.iter().enumerate() {
        net.edge(source, buyer_node(b), cap);
    }
    for (s, &cap) in caps.supplier.iter().enumerate() {
        net.edge(supplier_node(s), sink, cap);
    }
    for (i, &r) in eligible.iter().enumerate() {
        let req = &inst.requests[r];
        if let Some(&owner) = req.buyers.first() {
            net.edge(buyer_node(owner), request_node(i), 1);
            net.edge(request_node(i), supplier_node(req.supplier), 1);
        }
    }
    net.max_flow(source, sink)
}

/// The Lagrangian bound: max Σ x_r over x ∈ {0,1} with supplier capacities kept and
/// buyer and table capacities priced.
fn lagrangian(inst: &Instance, caps: &Capacities, eligible: &[usize]) -> usize {
    let mut by_supplier: Vec<Vec<usize>> = vec![Vec::new(); inst.suppliers()];
    for &r in eligible {
        by_supplier[inst.requests[r].supplier].push(r);
    }
    let mut prices = Prices {
        buyer: vec![0.0; inst.buyers()],
        table: 0.0,
    };
    let mut best = f64::INFINITY;
    let mut lower = 0.0_f64;
    let mut factor = 1.0;
    let mut stale = 0;
    for _ in 0..STEPS {
        let (value, chosen) = prices.evaluate(inst, caps, &by_supplier);
        if value < best - 1e-9 {
            best = value;
            stale = 0;
        } else {
            stale += 1;
            if stale >= PATIENCE {
                factor /= 2.0;
                stale = 0;
            }
        }
        lower = lower.max(repair(inst, caps, &chosen) as f64);
        if best.floor() <= lower || !prices.step(inst, caps, &chosen, factor * (value - lower)) {
            break;
        }
    }
    // Any non-negative prices give a valid bound; the margin absorbs rounding in the sums.
    (best + 1e-6).floor().max(0.0) as usize
}

/// Multipliers of the priced capacities (all ≥ 0).
struct Prices {
    buyer: Vec<f64>,
    table: f64,
}

impl Prices {
    /// The bound for these prices and the requests the priced problem takes.
    fn evaluate(
        &self,
        inst: &Instance,
        caps: &Capacities,
        by_supplier: &[Vec<usize>],
    ) -> (f64, Vec<usize>) {
        let mut value: f64 = self
            .buyer
            .iter()
            .zip(&caps.buyer)
            .map(|(p, &c)| p * c as f64)
            .sum();
        value += self.table * caps.table_cells as f64;
        let mut chosen = Vec::new();
        for (s, requests) in by_supplier.iter().enumerate() {
            let mut gains: Vec<(f64, usize)> = requests
                .iter()
                .map(|&r| (self.gain(inst, r), r))
                .filter(|(g, _)| *g > 0.0)
                .collect();
            gains.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            for &(g, r) in gains.iter().take(caps.supplier[s]) {
                value += g;
                chosen.push(r);
            }
        }
        (value, chosen)
    }

    /// 1 minus the prices the request pays.
    fn gain(&self, inst: &Instance, request: usize) -> f64 {
        let paid: f64 = inst.requests[request]
            .buyers
            .iter()
            .map(|&b| self.buyer[b])
            .sum();
        1.0 - paid - self.table
    }

    /// A Polyak step of length `gap / ‖g‖²` along the subgradient; false at a zero one.
    fn step(&mut self, inst: &Instance, caps: &Capacities, chosen: &[usize], gap: f64) -> bool {
        let mut load = vec![0.0; inst.buyers()];
        for &r in chosen {
            for &b in &inst.requests[r].buyers {
                load[b] += 1.0;
            }
        }
        let slack: Vec<f64> = caps
            .buyer
            .iter()
            .zip(&load)
            .map(|(&c, l)| c as f64 - l)
            .collect();
        let table_slack = caps.table_cells as f64 - chosen.len() as f64;
        // Only the directions that can move (a zero price with slack stays zero).
        let norm: f64 = slack
            .iter()
            .zip(&self.buyer)
            .filter(|(g, p)| **g < 0.0 || **p > 0.0)
            .map(|(g, _)| g * g)
            .sum::<f64>()
            + if table_slack < 0.0 || self.table > 0.0 {
                table_slack * table_slack
            } else {
                0.0
            };
        if norm <= 0.0 {
            return false;
        }
        let t = gap.max(0.0) / norm;
        for (p, g) in self.buyer.iter_mut().zip(&slack) {
            *p = (*p - t * g).max(0.0);
        }
        self.table = (self.table - t * table_slack).max(0.0);
        true
    }
}

/// A feasible subset of the priced solution (buyer and table capacities respected): its
/// size is a lower estimate that sets the step length.
fn repair(inst: &Instance, caps: &Capacities, chosen: &[usize]) -> usize {
    let mut left = caps.buyer.clone();
    let mut tables = caps.table_cells;
    let mut kept = 0;
    for &r in chosen {
        let buyers = &inst.requests[r].buyers;
        if tables > 0 && buyers.iter().all(|&b| left[b] > 0) {
            for &b in buyers {
                left[b] -= 1;
            }
            tables -= 1;
            kept += 1;
        }
    }
    kept
}

/// A small Dinic maximum flow on integer capacities.
struct Dinic {
    /// Per node, indices into `edges`.
    adjacent: Vec<Vec<usize>>,
    /// `(to, capacity left)`; edge `i ^ 1` is the reverse of edge `i`.
    edges: Vec<(usize, usize)>,
    level: Vec<usize>,
    next: Vec<usize>,
}

impl Dinic {
    fn new(nodes: usize) -> Self {
        Dinic {
            adjacent: vec![Vec::new(); nodes],
            edges: Vec::new(),
            level: vec![0; nodes],
            next: vec![0; nodes],
        }
    }

    fn edge(&mut self, from: usize, to: usize, capacity: usize) {
        self.adjacent[from].push(self.edges.len());
        self.edges.push((to, capacity));
        self.adjacent[to].push(self.edges.len());
        self.edges.push((from, 0));
    }

    fn max_flow(&mut self, source: usize, sink: usize) -> usize {
        let mut flow = 0;
        while self.levels(source, sink) {
            self.next.iter_mut().for_each(|n| *n = 0);
            loop {
                let pushed = self.push(source, sink, usize::MAX);
                if pushed == 0 {
                    break;
                }
                flow += pushed;
            }
        }
        flow
    }

    /// Breadth-first levels from the source; true when the sink is reached.
    fn levels(&mut self, source: usize, sink: usize) -> bool {
        const UNSEEN: usize = usize::MAX;
        self.level.iter_mut().for_each(|l| *l = UNSEEN);
        self.level[source] = 0;
        let mut queue = VecDeque::from([source]);
        while let Some(node) = queue.pop_front() {
            for &e in &self.adjacent[node] {
                let (to, cap) = self.edges[e];
                if cap > 0 && self.level[to] == UNSEEN {
                    self.level[to] = self.level[node] + 1;
                    queue.push_back(to);
                }
            }
        }
        self.level[sink] != UNSEEN
    }

    /// One augmenting path along increasing levels (depth first, current-arc pointers).
    fn push(&mut self, node: usize, sink: usize, limit: usize) -> usize {
        if node == sink {
            return limit;
        }
        while self.next[node] < self.adjacent[node].len() {
            let e = self.adjacent[node][self.next[node]];
            let (to, cap) = self.edges[e];
            if cap > 0 && self.level[to] == self.level[node] + 1 {
                let pushed = self.push(to, sink, limit.min(cap));
                if pushed > 0 {
                    self.edges[e].1 -= pushed;
                    self.edges[e ^ 1].1 += pushed;
                    return pushed;
                }
            }
            self.next[node] += 1;
        }
        0
    }
}
