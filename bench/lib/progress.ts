import cliProgress from 'cli-progress';

/** The progress of one generator step, in rows (or any unit the step chooses). */
export interface StepProgress {
  setTotal(total: number): void;
  advance(amount?: number): void;
  finish(): void;
}

export interface ProgressReporter {
  step(label: string, total: number): StepProgress;
  /** Prints a line without breaking the bars. */
  log(line: string): void;
  stop(): void;
}

const quietStep: StepProgress = { setTotal: () => {}, advance: () => {}, finish: () => {} };

/** For tests and scripted runs: no output at all. */
export const silentProgress: ProgressReporter = { step: () => quietStep, log: () => {}, stop: () => {} };

/**
 * Progress bars on a terminal (cli-progress), one per step; on a pipe or a CI log, one line per
 * finished step instead of redrawn bars.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (!stream.isTTY) {
    return {
      step: (label, total) => {
        const started = performance.now();
        let count = 0;
        return {
          setTotal: (t) => void (total = t),
          advance: (amount = 1) => void (count += amount),
          finish: () => stream.write(`${label.padEnd(28)} ${count.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`),
        };
      },
      log: (line) => void stream.write(`${line}\n`),
      stop: () => {},
    };
  }
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: '{label} |{bar}| {percentage}% {value}/{total} {duration_formatted}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      clearOnComplete: false,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    step: (label, total) => {
      const bar = bars.create(Math.max(1, total), 0, { label: label.padEnd(28) });
      return {
        setTotal: (t) => bar.setTotal(Math.max(1, t)),
        advance: (amount = 1) => bar.increment(amount),
        finish: () => {
          bar.update(bar.getTotal());
          bar.stop();
        },
      };
    },
    log: (line) => bars.log(`${line}\n`),
    stop: () => bars.stop(),
  };
}
