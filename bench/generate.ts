// npm run bench:generate -- [--scale 1] [--seed relais-reference] [--anchor YYYY-MM-DD] [--data-dir ./data-bench] [--reset]
// Writes the reference data set of DESIGN.md into the embedded database of a data directory, or
// into the PostgreSQL server named by DATABASE_URL.
import { DataSetExistsError } from './generators/reference-data-set.js';
import { generateInto, generateUsage, parseGenerateArgs, printSummary, type GenerateCommand } from './lib/generate-command.js';
import { describeTarget } from './lib/target.js';

async function main() {
  let command: GenerateCommand;
  try {
    command = parseGenerateArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${generateUsage}`);
    process.exit(2);
  }
  try {
    printSummary(await generateInto(command));
  } catch (error) {
    if (error instanceof DataSetExistsError) {
      console.error(`${describeTarget(command.target)} already holds a data set (${error.counts.persons} persons, ${error.counts.auditEvents} audit events). Add --reset to replace it.`);
      process.exit(1);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
