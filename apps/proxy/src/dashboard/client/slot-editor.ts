import {
  button,
  cap,
  el,
  labelled,
  type Page,
  type ProviderState,
  planName,
  tableWithHead,
} from './client-dom.js';

// The models per Claude Code slot of one provider, and their editor: a model from the provider's live
// catalog (with its plans and maximum effort) and an effort from those the model supports, per slot; and
// the provider's default effort. The server checks both against the catalog before it writes the file.

interface CatalogModel {
  id: string;
  displayName: string;
  efforts: string[];
  defaultEffort: string;
  maxEffort: string;
  plans: string[] | null;
  availability: string | null;
  onPlan: boolean | null;
}
interface Catalog {
  provider: string;
  plan: string | null;
  efforts: string[];
  models: CatalogModel[];
}

const catalogs = new Map<string, Promise<Catalog>>();

function catalogOf(page: Page, providerId: string): Promise<Catalog> {
  let pending = catalogs.get(providerId);
  if (!pending) {
    pending = page.api<Catalog>(`/api/dashboard/catalog?provider=${encodeURIComponent(providerId)}`);
    // A failed read is asked again next time; a good one serves this page (reloading reads it anew).
    pending.catch(() => catalogs.delete(providerId));
    catalogs.set(providerId, pending);
  }
  return pending;
}

const plansText = (m: { plans: string[] | null; availability?: string | null }) =>
  m.availability ?? (m.plans ? m.plans.map(planName).join(', ') : 'All plans');

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  const o = el('option', '', text);
  o.value = value;
  o.selected = selected;
  return o;
}

type Slot = NonNullable<ProviderState['models']>['slots'][number];

/**
 * An editor form: its fields, then Save (POSTs what `body` reads at that moment to /api/dashboard/models)
 * and Cancel. `what` names it for screen readers ("the haiku slot", "the default effort of …").
 */
function editForm(
  page: Page,
  what: string,
  fields: HTMLElement[],
  body: () => Record<string, unknown>,
  close: () => void,
): HTMLFormElement {
  const form = el('form', 'rename slot-edit');
  form.setAttribute('aria-label', `Edit ${what}`);
  for (const field of fields) form.appendChild(field);
  const save = el('button', '', 'Save');
  save.type = 'submit';
  save.setAttribute('aria-label', `Save ${what}`);
  const cancel = button('Cancel', `Cancel editing ${what}`);
  cancel.addEventListener('click', close);
  form.appendChild(save);
  form.appendChild(cancel);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save.disabled = true;
    page.post('models', body()).catch((e: Error) => {
      save.disabled = false;
      page.status(e.message, true);
    });
  });
  return form;
}

/** The editor of one slot: a model from the list, and an effort that model supports. */
function slotForm(page: Page, provider: ProviderState, slot: Slot, catalog: Catalog, close: () => void) {
  const model = el('select');
  model.name = 'model';
  const known = catalog.models.some((m) => m.id === slot.modelId);
  if (!known) model.appendChild(option(slot.modelId, `${slot.modelId} (not in the list)`, true));
  for (const m of catalog.models)
    model.appendChild(
      option(
        m.id,
        `${m.displayName} (${m.id}) \u00b7 up to ${m.maxEffort} \u00b7 ${plansText(m)}${
          m.onPlan === false && catalog.plan
            ? ` \u00b7 not on your default account's ${planName(catalog.plan)} plan`
            : ''
        }`,
        m.id === slot.modelId,
      ),
    );
  const effort = el('select');
  effort.name = 'effort';
  const fillEfforts = () => {
    const m = catalog.models.find((x) => x.id === model.value);
    const current = effort.value || slot.slotEffort || '';
    effort.textContent = '';
    effort.appendChild(option('', `Model default${m ? ` (${m.defaultEffort})` : ''}`, current === ''));
    for (const e of m?.efforts ?? []) effort.appendChild(option(e, e, e === current));
  };
  fillEfforts();
  model.addEventListener('change', fillEfforts);
  const body = () => ({
    provider: provider.id,
    slot: slot.slot,
    model: model.value,
    effort: effort.value || null,
  });
  const fields = [labelled('Model', model), labelled('Effort', effort)];
  return editForm(page, `the ${slot.slot} slot`, fields, body, close);
}

/** The provider's default effort (ccs's own key in the settings file), from its effort ladder. */
function effortForm(
  page: Page,
  provider: ProviderState,
  current: string | null,
  catalog: Catalog,
  close: () => void,
) {
  const effort = el('select');
  effort.name = 'default-effort';
  effort.appendChild(option('', "Each slot's own", current === null));
  for (const e of catalog.efforts) effort.appendChild(option(e, e, e === current));
  const body = () => ({ provider: provider.id, effort: effort.value || null });
  const what = `the default effort of ${provider.displayName}`;
  return editForm(page, what, [labelled('Default effort', effort)], body, close);
}

/** Opens an editor under the table (one at a time per provider), once the catalog is read. */
function opener(
  page: Page,
  slotBox: HTMLElement,
  build: (catalog: Catalog, close: () => void) => HTMLFormElement,
) {
  return (b: HTMLButtonElement) => {
    b.disabled = true;
    catalogOf(page, slotBox.dataset.provider ?? '')
      .then((catalog) => {
        b.disabled = false;
        const close = () => {
          slotBox.textContent = '';
          b.focus();
        };
        slotBox.textContent = '';
        const form = build(catalog, close);
        slotBox.appendChild(form);
        form.querySelector('select')?.focus();
      })
      .catch((e: Error) => {
        b.disabled = false;
        page.status(e.message, true);
      });
  };
}

export function providerModels(page: Page, p: ProviderState, editable: boolean): HTMLElement {
  const box = el('section', 'provider-models');
  box.setAttribute('data-provider', p.id);
  const h = el('h3', '', p.displayName);
  h.id = `models-${p.id}`;
  box.setAttribute('aria-labelledby', h.id);
  box.appendChild(h);
  if (p.modelsError) {
    box.appendChild(el('div', 'error', p.modelsError));
    return box;
  }
  const m = p.models;
  if (!m) {
    box.appendChild(el('p', 'note', 'No model settings.'));
    return box;
  }
  const editor = el('div', 'slot-editor');
  editor.dataset.provider = p.id;
  const note = el('p', 'note', `From ${m.source}. Default effort: ${m.effort ?? 'per slot'}.`);
  if (editable) {
    const change = button('Change', `Change the default effort of ${p.displayName}`);
    const open = opener(page, editor, (catalog, close) => effortForm(page, p, m.effort, catalog, close));
    change.addEventListener('click', () => open(change));
    note.appendChild(document.createTextNode(' '));
    note.appendChild(change);
  }
  box.appendChild(note);
  const columns = ['Slot', 'Model', 'Max effort', 'Available on'];
  const table = tableWithHead('', editable ? [...columns, 'Change'] : columns);
  const body = el('tbody');
  for (const s of m.slots) {
    const tr = el('tr');
    tr.appendChild(el('td', '', cap(s.slot)));
    const td = el('td');
    td.appendChild(el('code', '', s.model));
    if (s.displayName) td.appendChild(document.createTextNode(` ${s.displayName}`));
    tr.appendChild(td);
    tr.appendChild(el('td', '', s.maxEffort ?? 'unknown'));
    tr.appendChild(el('td', '', plansText(s)));
    if (editable) {
      const cell = el('td');
      const edit = button('Edit', `Edit the ${s.slot} slot of ${p.displayName}`);
      const open = opener(page, editor, (catalog, close) => slotForm(page, p, s, catalog, close));
      edit.addEventListener('click', () => open(edit));
      cell.appendChild(edit);
      tr.appendChild(cell);
    }
    body.appendChild(tr);
  }
  table.appendChild(body);
  box.appendChild(table);
  box.appendChild(editor);
  return box;
}
