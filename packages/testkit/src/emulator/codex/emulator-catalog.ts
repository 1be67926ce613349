import { z } from 'zod';
import today from './fixtures/codex-models-today.json';
import { ALL_EFFORTS, type Effort, modelInfoJson, PAGE_ERA_MODELS } from './model-catalog.js';

/** `today`: the backend as it is now (the fixture file); `page-era`: the provider page's catalog. */
export type ModelScenario = 'today' | 'page-era';

/** What validation needs of one model, read from its `/codex/models` entry. */
export interface EmulatorModel {
  slug: string;
  displayName: string;
  efforts: Effort[];
  defaultEffort: Effort;
  visibility: string;
  priority: number;
  contextWindow: number;
  plans: string[];
  minimalClientVersion: string;
  /** false: `reasoning.summary` is a 400 unsupported_parameter (spark). */
  summaryParameter: boolean;
  inputModalities: string[];
  serviceTiers: string[];
  /** The list's own replacement for the model, when it names one. */
  upgrade?: string;
  /** The entry exactly as `/codex/models` serves it. */
  json: Record<string, unknown>;
}

const entrySchema = z.looseObject({
  slug: z.string(),
  display_name: z.string(),
  default_reasoning_level: z.string(),
  supported_reasoning_levels: z.array(z.looseObject({ effort: z.string() })),
  visibility: z.string(),
  priority: z.number(),
  context_window: z.number(),
  available_in_plans: z.array(z.string()),
  minimal_client_version: z.string(),
  supports_reasoning_summary_parameter: z.boolean().optional(),
  input_modalities: z.array(z.string()).optional(),
  service_tiers: z.array(z.looseObject({ id: z.string() })).optional(),
  upgrade: z.looseObject({ model: z.string() }).nullish(),
});
const fixtureSchema = z.object({
  etag: z.string(),
  retired: z.array(z.string()),
  models: z.array(z.unknown()),
});

function fromEntry(json: Record<string, unknown>): EmulatorModel {
  const e = entrySchema.parse(json);
  const efforts = e.supported_reasoning_levels
    .map((level) => level.effort)
    .filter((effort): effort is Effort => (ALL_EFFORTS as readonly string[]).includes(effort));
  return {
    slug: e.slug,
    displayName: e.display_name,
    efforts,
    defaultEffort: (efforts as string[]).includes(e.default_reasoning_level)
      ? (e.default_reasoning_level as Effort)
      : efforts[0]!,
    visibility: e.visibility,
    priority: e.priority,
    contextWindow: e.context_window,
    plans: e.available_in_plans.map((plan) => plan.toLowerCase()),
    minimalClientVersion: e.minimal_client_version,
    summaryParameter: e.supports_reasoning_summary_parameter !== false,
    inputModalities: e.input_modalities ?? ['text', 'image'],
    serviceTiers: (e.service_tiers ?? []).map((tier) => tier.id),
    ...(e.upgrade ? { upgrade: e.upgrade.model } : {}),
    json,
  };
}

const TODAY = fixtureSchema.parse(today);

/** Today's models as the emulator serves them by default (the fixture file), in priority order. */
export const TODAY_MODELS: readonly EmulatorModel[] = TODAY.models
  .map((entry) => fromEntry(entry as Record<string, unknown>))
  .sort((a, b) => a.priority - b.priority);

interface ScenarioData {
  models: EmulatorModel[];
  retired: Set<string>;
  etag: string;
}

function scenarioData(scenario: ModelScenario): ScenarioData {
  if (scenario === 'page-era') {
    // The page-era backend still served every model it listed; nothing was retired yet.
    return {
      models: PAGE_ERA_MODELS.map((model) => fromEntry(modelInfoJson(model))),
      retired: new Set(),
      etag: '"emulator-models-page-era"',
    };
  }
  return {
    models: TODAY.models.map((entry) => fromEntry(entry as Record<string, unknown>)),
    retired: new Set(TODAY.retired),
    etag: TODAY.etag,
  };
}

/** The emulator's live model list: a scenario, plus retirements scripted by a test. */
export class EmulatorCatalog {
  scenario: ModelScenario = 'today';
  #data = scenarioData('today');
  #version = 0;

  use(scenario: ModelScenario): void {
    this.scenario = scenario;
    this.#data = scenarioData(scenario);
    this.#version++;
  }

  /** A model goes away: it leaves the list and `/codex/responses` answers it with the retirement 400. */
  retire(slug: string): void {
    this.#data.retired.add(slug);
    this.#data.models = this.#data.models.filter((model) => model.slug !== slug);
    this.#version++;
  }

  /** Changes whenever the list changes, like the real `ETag` / `X-Models-Etag`. */
  get etag(): string {
    return this.#version === 0 ? this.#data.etag : this.#data.etag.replace(/"$/, `-${this.#version}"`);
  }

  isRetired(slug: string): boolean {
    return this.#data.retired.has(slug);
  }

  find(slug: string): EmulatorModel | undefined {
    return this.#data.models.find((model) => model.slug === slug);
  }

  allowed(model: EmulatorModel, plan: string): boolean {
    return model.plans.includes(plan.toLowerCase());
  }

  /** What `/codex/models` answers for a plan and client version, in priority order. */
  listFor(plan: string, clientVersion: string): Record<string, unknown>[] {
    return this.#data.models
      .filter(
        (model) => this.allowed(model, plan) && versionAtLeast(clientVersion, model.minimalClientVersion),
      )
      .sort((a, b) => a.priority - b.priority)
      .map((model) => model.json);
  }

  reset(): void {
    this.use('today');
    this.#version = 0;
  }
}

/** Compares dotted versions numerically; true when `have` >= `need`. */
export function versionAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map(Number);
  const b = need.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
