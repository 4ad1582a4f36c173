// The tasks as a cytoscape graph: one node per task, coloured by status, and an arrow from each dependency to its
// dependent, laid out by dagre. Sized for thousands of tasks: each sweep is applied in one cy.batch() (one
// redraw), a node's data is written only when it changed, and the layout runs only when the set of nodes changed,
// spaced out when it is slow (see LAYOUT_SHARE).

export const STATUSES = ['WAITING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'];

/**
 * Sweeps a node may be missing from before it is removed. The list is paged while tasks change, so a task that moves
 * between pages can be missed by one sweep; only retention really deletes tasks.
 */
const SWEEPS_BEFORE_REMOVAL = 3;
/** A few nodes fitted to the screen would be huge: fitting never zooms in past this. */
const MAX_FIT_ZOOM = 1.25;
/**
 * Layouts take at most this share of the page's time: dagre blocks the page for seconds on thousands of tasks
 * (docs/dag-page.md), so after a layout of L ms the next waits at least 4 L. Tasks that appear meanwhile are
 * placed next to their dependencies until it runs.
 */
const LAYOUT_SHARE = 0.2;
const NODE = { width: 180, height: 30 };
/**
 * dagre's ranks by 'tight-tree' instead of its default 'network-simplex', which takes minutes on 2,000 tasks (in
 * Node.js on this project's 2-core machine: 10 s for 500 and 227 s for 2,000, against 0.9 s and 2.5 s) for ranks
 * that differ little on a DAG of tasks.
 */
const LAYOUT = {
  name: 'dagre',
  ranker: 'tight-tree',
  nodeSep: 12,
  rankSep: 70,
  edgeSep: 8,
  animate: false,
  fit: false,
};

const edgeId = (dependency, dependent) => `${dependency}>${dependent}`; // '>' is in no task id

/** The colours of each status, from the page's CSS, so that the legend and the graph cannot disagree. */
function statusStyles() {
  const css = getComputedStyle(document.documentElement);
  const colour = (name) => css.getPropertyValue(name).trim();
  return STATUSES.map((status) => ({
    selector: `node[status = "${status}"]`,
    style: { 'background-color': colour(`--status-${status}`), color: colour(`--status-${status}-text`) },
  }));
}

function graphStyle() {
  const edge = getComputedStyle(document.documentElement).getPropertyValue('--edge').trim();
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: NODE.width,
        height: NODE.height,
        label: 'data(id)',
        'font-size': 12,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-wrap': 'ellipsis',
        'text-max-width': 168,
        // Labels too small to read are not drawn at all: the cheapest way to keep 2,000 nodes fluid.
        'min-zoomed-font-size': 6,
        'border-width': 1,
        'border-color': '#1f2933',
        'border-opacity': 0.25,
      },
    },
    ...statusStyles(),
    {
      selector: 'node:selected',
      style: { 'border-width': 3, 'border-color': '#1f2933', 'border-opacity': 1 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': 'bezier',
        'line-color': edge,
        'target-arrow-color': edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
      },
    },
    { selector: '.filtered', style: { display: 'none' } },
  ];
}

const nodeData = (task) => ({
  id: task.id,
  type: task.type,
  status: task.status,
  attempts: task.attempts,
  completed_at: task.completed_at,
});

const changed = (node, data) =>
  node.data('status') !== data.status ||
  node.data('attempts') !== data.attempts ||
  node.data('completed_at') !== data.completed_at;

export class TaskGraph {
  #cy;
  /** Edges whose dependency is not on the page yet (not visible in the list yet): dependency id → dependent ids. */
  #waitingEdges = new Map();
  /** Consecutive sweeps each node has been missing from. */
  #missed = new Map();
  #rankDir = 'LR';
  #filter = { statuses: new Set(STATUSES), type: '' };
  /** Whether a new layout is fitted to the screen: until the user pans or zooms, and again after "Fit". */
  #follow = true;
  /** The nodes changed since the last layout. */
  #layoutDue = false;
  #lastLayout = { endedAt: -Infinity, ms: 0 };
  /** The layout put off by LAYOUT_SHARE, if any. */
  #layoutTimer = null;
  /** Layouts run so far. */
  layouts = 0;

  constructor(container, { onTap }) {
    this.#cy = cytoscape({
      container,
      style: graphStyle(),
      layout: { name: 'preset' },
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: true, // positions come from the layout
    });
    this.#cy.on('tap', 'node', (event) => onTap(event.target.id()));
    this.#cy.on('tap', (event) => {
      if (event.target === this.#cy) onTap(null);
    });
    this.#cy.on('dragpan pinchzoom scrollzoom', () => (this.#follow = false));
    // The side panel opening or closing resizes the graph's box, which cytoscape does not notice by itself.
    new ResizeObserver(() => {
      this.#cy.resize();
      if (this.#follow) this.#fitVisible();
    }).observe(container);
  }

  /** The cytoscape instance, for the browser test and for debugging in the console. */
  get cy() {
    return this.#cy;
  }

  /**
   * Applies one sweep of the list: adds new tasks and their edges, updates the nodes that changed, removes nodes
   * missing for several sweeps, then lays out if the nodes changed and the last layout is long enough ago. Returns
   * the ids that changed and the time the layout took (null when none ran).
   */
  update(tasks) {
    const cy = this.#cy;
    const seen = new Set();
    const updated = new Set();
    let layoutNow = false;
    cy.batch(() => {
      const added = [];
      for (const task of tasks) {
        if (seen.has(task.id)) continue; // a task that moved between pages while they were read
        seen.add(task.id);
        const data = nodeData(task);
        const node = cy.getElementById(task.id);
        if (node.empty()) {
          added.push(task);
        } else if (changed(node, data)) {
          node.data(data);
          updated.add(task.id);
        }
      }
      const nodes = cy.add(added.map((task) => ({ group: 'nodes', data: nodeData(task) })));
      cy.add(this.#edgesOf(added));
      for (const task of added) updated.add(task.id);
      const removed = this.#removeMissing(seen);
      this.#layoutDue ||= added.length > 0 || removed;
      const wait =
        this.#lastLayout.endedAt + this.#lastLayout.ms * (1 / LAYOUT_SHARE - 1) - performance.now();
      layoutNow = this.#layoutDue && wait <= 0;
      if (this.#layoutDue && !layoutNow) {
        if (nodes.nonempty()) this.#placeNextToDependencies(nodes);
        if (this.#layoutTimer === null) {
          this.#layoutTimer = setTimeout(() => {
            this.#layoutTimer = null;
            if (this.#layoutDue) this.layout();
          }, wait);
        }
      }
      this.#applyFilter();
    });
    const layoutMs = layoutNow ? this.layout() : null;
    return { updated, layoutMs };
  }

  /**
   * Until the next layout: each new node one rank after its dependencies on the page, level with them (moved aside
   * from any node there already), or in a column past everything when none of them is placed.
   */
  #placeNextToDependencies(nodes) {
    const across = this.#rankDir === 'LR' ? 'y' : 'x';
    const along = across === 'y' ? 'x' : 'y';
    const rank = (along === 'x' ? NODE.width : NODE.height) + LAYOUT.rankSep;
    const step = (across === 'y' ? NODE.height : NODE.width) + LAYOUT.nodeSep;
    // Positions by cell of a grid of one rank by one node: a new node never lands on a cell already taken.
    const cell = (p) => `${Math.round(p[along] / rank)}:${Math.round(p[across] / step)}`;
    const taken = new Set();
    const placed = this.#cy.nodes().not(nodes);
    placed.forEach((node) => void taken.add(cell(node.position())));
    const box = placed.boundingBox();
    let free = placed.empty() ? 0 : box[across === 'y' ? 'y2' : 'x2'] + step;
    const positioned = new Set();
    nodes.forEach((node) => {
      const dependencies = node.incomers('node').filter((dep) => !nodes.has(dep) || positioned.has(dep.id()));
      let position;
      if (dependencies.empty()) {
        position = { [along]: placed.empty() ? 0 : box[along === 'x' ? 'x1' : 'y1'], [across]: free };
        free += step;
      } else {
        const at = dependencies.map((dep) => dep.position());
        position = {
          [along]: Math.max(...at.map((p) => p[along])) + rank,
          [across]: at.reduce((sum, p) => sum + p[across], 0) / at.length,
        };
        while (taken.has(cell(position))) position[across] += step;
      }
      taken.add(cell(position));
      node.position(position);
      positioned.add(node.id());
    });
  }

  /** New edges of the tasks just added: to their dependencies on the page, and from them to dependents waiting. */
  #edgesOf(added) {
    const cy = this.#cy;
    const edges = [];
    const edge = (source, target) => ({
      group: 'edges',
      data: { id: edgeId(source, target), source, target },
    });
    for (const task of added) {
      for (const dependency of task.dependencies) {
        if (cy.getElementById(dependency).nonempty()) {
          if (cy.getElementById(edgeId(dependency, task.id)).empty()) edges.push(edge(dependency, task.id));
        } else {
          const waiting = this.#waitingEdges.get(dependency) ?? [];
          waiting.push(task.id);
          this.#waitingEdges.set(dependency, waiting);
        }
      }
      for (const dependent of this.#waitingEdges.get(task.id) ?? []) edges.push(edge(task.id, dependent));
      this.#waitingEdges.delete(task.id);
    }
    return edges;
  }

  #removeMissing(seen) {
    const gone = this.#cy.nodes().filter((node) => {
      if (seen.has(node.id())) {
        this.#missed.delete(node.id());
        return false;
      }
      const missed = (this.#missed.get(node.id()) ?? 0) + 1;
      this.#missed.set(node.id(), missed);
      return missed >= SWEEPS_BEFORE_REMOVAL;
    });
    if (gone.empty()) return false;
    for (const node of gone) this.#missed.delete(node.id());
    gone.remove();
    return true;
  }

  /** Lays the whole graph out again; returns how long dagre took, in milliseconds. */
  layout() {
    const start = performance.now();
    this.#cy.layout({ ...LAYOUT, rankDir: this.#rankDir }).run();
    const ms = performance.now() - start;
    this.#lastLayout = { endedAt: performance.now(), ms };
    this.#layoutDue = false;
    this.layouts += 1;
    if (this.#follow) this.#fitVisible();
    return ms;
  }

  /** Lays out again in this direction, `LR` (left to right) or `TB` (top to bottom), and fits. */
  setRankDir(rankDir) {
    this.#rankDir = rankDir;
    this.#follow = true;
    this.layout();
  }

  /** Shows only the tasks of these statuses and this type ('' for every type), and fits them to the screen. */
  filter({ statuses, type }) {
    this.#filter = { statuses: new Set(statuses), type };
    this.#cy.batch(() => this.#applyFilter());
    this.fit();
  }

  #applyFilter() {
    const { statuses, type } = this.#filter;
    this.#cy.nodes().forEach((node) => {
      const shown = statuses.has(node.data('status')) && (type === '' || node.data('type') === type);
      if (shown === node.hasClass('filtered')) node.toggleClass('filtered', !shown);
    });
  }

  fit() {
    this.#follow = true;
    this.#fitVisible();
  }

  #fitVisible() {
    const cy = this.#cy;
    const visible = cy.nodes().not('.filtered');
    if (visible.empty()) return;
    cy.fit(visible, 30);
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center(visible);
    }
  }

  select(id) {
    this.#cy.$(':selected').unselect();
    if (id !== null) this.#cy.getElementById(id).select();
  }

  has(id) {
    return this.#cy.getElementById(id).nonempty();
  }

  /** The ids of the direct dependents of a task that are on the page. */
  dependentsOf(id) {
    return this.#cy
      .getElementById(id)
      .outgoers('node')
      .map((node) => node.id())
      .sort();
  }

  /** Every type on the page, sorted. */
  types() {
    return [...new Set(this.#cy.nodes().map((node) => node.data('type')))].sort();
  }

  /** Tasks on the page by status, and how many the filter shows. */
  counts() {
    const byStatus = Object.fromEntries(STATUSES.map((status) => [status, 0]));
    let visible = 0;
    this.#cy.nodes().forEach((node) => {
      byStatus[node.data('status')] += 1;
      if (!node.hasClass('filtered')) visible += 1;
    });
    return { total: this.#cy.nodes().length, visible, byStatus };
  }
}
