// The side panel of the selected task: its fields as GET /api/tasks/:id answers them (strongly consistent, with
// `waiting_on`), and a link to its workflow in the Temporal Web UI. Text is set with textContent only: an error
// message may hold anything.

/** The fields listed, in order, and how each reads; a field the task does not have is left out. */
const FIELDS = [
  ['attempts', 'attempts', (task) => `${task.attempts} of ${task.max_attempts}`],
  ['duration_ms', 'duration', (task) => `${task.duration_ms} ms`],
  ['fail_attempts', 'fail attempts', (task) => String(task.fail_attempts)],
  ['priority', 'priority', (task) => String(task.priority)],
  ['not_before', 'not before', (task) => task.not_before],
  ['created_at', 'created', (task) => task.created_at],
  ['started_at', 'started', (task) => task.started_at],
  ['completed_at', 'completed', (task) => task.completed_at],
];

/** `${ui}/namespaces/${namespace}/workflows/${workflowId}`: the Web UI's page of the workflow's latest run. */
export function workflowUrl(settings, taskId) {
  const workflowId = `${settings.workflow_id_prefix}${taskId}`;
  return `${settings.temporal_ui_url}/namespaces/${encodeURIComponent(settings.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export class TaskPanel {
  #root;
  #onSelect;
  #settings = null;

  /** `onSelect(id)` is called when a dependency or dependent in the panel is clicked; `onClose` by ×. */
  constructor(root, { onSelect, onClose }) {
    this.#root = root;
    this.#onSelect = onSelect;
    root.querySelector('#panel-close').addEventListener('click', () => onClose());
  }

  set settings(settings) {
    this.#settings = settings;
  }

  #field(name) {
    return this.#root.querySelector(`[data-field="${name}"]`);
  }

  /** Opens the panel on a task being read: its id at once, the rest when `show` gets it. */
  loading(id) {
    if (this.#root.dataset.taskId !== id) this.#clear();
    this.#root.hidden = false;
    this.#root.dataset.taskId = id;
    this.#field('id').textContent = id;
    this.#field('state').textContent = 'reading…';
    const link = this.#root.querySelector('#panel-workflow');
    if (this.#settings) link.href = workflowUrl(this.#settings, id);
  }

  /** Fills the panel with a task as GET /api/tasks/:id answered it; `dependents` come from the graph. */
  show(task, dependents) {
    this.loading(task.id);
    this.#root.dataset.status = task.status;
    const status = this.#field('status');
    status.textContent = task.status;
    status.className = `badge status-${task.status}`;
    this.#field('type').textContent = task.type;

    const fields = this.#root.querySelector('#panel-fields');
    fields.replaceChildren(
      ...FIELDS.filter(([key]) => task[key] !== undefined && task[key] !== null).flatMap(
        ([key, label, text]) => {
          const dt = document.createElement('dt');
          dt.textContent = label;
          const dd = document.createElement('dd');
          dd.dataset.field = key;
          dd.textContent = text(task);
          return [dt, dd];
        },
      ),
    );

    this.#root.querySelector('#panel-error').hidden = task.error === null;
    this.#field('error-code').textContent = task.error?.code ?? '';
    this.#field('error-message').textContent = task.error?.message ?? '';

    const waiting = task.waiting_on ?? [];
    this.#list('panel-waiting', 'waiting_on', waiting, (entry) => [entry.id, entry.status]);
    this.#list('panel-dependencies', 'dependencies', task.dependencies, (id) => [id]);
    this.#list('panel-dependents', 'dependents', dependents, (id) => [id]);
    this.#field('state').textContent = `read at ${new Date().toLocaleTimeString()}`;
  }

  /** A list of task ids, each a button that selects it, with an optional status after it. */
  #list(sectionId, field, entries, parts) {
    this.#root.querySelector(`#${sectionId}`).hidden = entries.length === 0;
    this.#field(field).replaceChildren(
      ...entries.map((entry) => {
        const [id, status] = parts(entry);
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = id;
        button.addEventListener('click', () => this.#onSelect(id));
        item.append(button);
        if (status) item.append(` ${status}`);
        return item;
      }),
    );
  }

  #clear() {
    delete this.#root.dataset.status;
    this.#field('status').textContent = '';
    this.#field('status').className = 'badge';
    this.#field('type').textContent = '';
    this.#root.querySelector('#panel-fields').replaceChildren();
    for (const id of ['panel-error', 'panel-waiting', 'panel-dependencies', 'panel-dependents']) {
      this.#root.querySelector(`#${id}`).hidden = true;
    }
  }

  failed(id, error) {
    if (this.#root.dataset.taskId !== id) return;
    this.#field('state').textContent = `could not read the task: ${error.message}`;
  }

  hide() {
    this.#root.hidden = true;
    delete this.#root.dataset.taskId;
  }

  /** The task shown, or null. */
  get taskId() {
    return this.#root.hidden ? null : (this.#root.dataset.taskId ?? null);
  }
}
