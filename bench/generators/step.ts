import { Faker, base, en, fr } from '@faker-js/faker';
import type pg from 'pg';
import type { ProgressReporter, StepProgress } from '../lib/progress.js';
import { Random } from '../lib/random.js';

/** What every generator step receives. */
export interface GeneratorContext {
  /** A connection as the database owner (the migration role): bulk writes bypass row level security, rows still carry organization_id. */
  client: pg.Client;
  /** Another connection as the owner, for work alongside (the caller ends it). */
  connect: () => Promise<pg.Client>;
  /** This step's own random stream, derived from the run's seed and the step's name. */
  random: Random;
  /** A French Faker seeded from the same stream. */
  faker: Faker;
  /** 1 is the reference data set of DESIGN.md; 0.01 a quick one. */
  scale: number;
  /** The data set's "now": the timeline ends here (persons and staff were created before it). */
  anchor: Date;
  progress: StepProgress;
  log: (line: string) => void;
}

/**
 * One module's contribution to the reference data set. Steps run in order; each gets the outputs
 * of the steps it depends on as its typed input, and returns what later steps need.
 * `name` seeds the step's random stream: keep it stable, or the step's data changes.
 */
export interface GeneratorStep<Input, Output> {
  name: string;
  label: string;
  /** Expected units of work (rows) at this scale, for the progress bar. */
  estimate: (scale: number) => number;
  run: (ctx: GeneratorContext, input: Input) => Promise<Output>;
}

export interface StepTiming {
  step: string;
  ms: number;
}

export interface RunnerOptions {
  client: pg.Client;
  connect: () => Promise<pg.Client>;
  seed: string;
  scale: number;
  anchor: Date;
  progress: ProgressReporter;
}

/** Runs steps with a shared seed, progress display and timings. */
export class StepRunner {
  readonly timings: StepTiming[] = [];
  private readonly root: Random;

  constructor(private readonly options: RunnerOptions) {
    this.root = new Random(options.seed);
  }

  async run<Input, Output>(step: GeneratorStep<Input, Output>, input: Input): Promise<Output> {
    const random = this.root.derive(step.name);
    const faker = new Faker({ locale: [fr, en, base] });
    faker.seed(random.derive('faker').uint32());
    const progress = this.options.progress.step(step.label, step.estimate(this.options.scale));
    const started = performance.now();
    try {
      return await step.run(
        { client: this.options.client, connect: this.options.connect, random, faker, scale: this.options.scale, anchor: this.options.anchor, progress, log: (line) => this.options.progress.log(line) },
        input,
      );
    } finally {
      progress.finish();
      this.timings.push({ step: step.name, ms: Math.round(performance.now() - started) });
    }
  }
}
