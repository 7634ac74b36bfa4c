import { join } from "node:path";
import type { Files } from "../ports.js";
import { fileSafeName } from "./core/file-safe-name.js";
import type { DeployEvents, DeployEventType, DeployRecords } from "./ports.js";
import type { DeployRecord } from "./types.js";

/**
 * Keeps one deploy's (or rollback's) record: put again in the records file as it changes, written as
 * JSON evidence under the strategy's evidence root, and told to the listeners (GitHub, the incident,
 * Slack), whose links are kept on it. Writes are made one at a time, in order. Only the first put
 * may fail the run (nothing has run yet); later faults become warnings, so that a full disk never
 * stops a rollback half-way.
 */
export class DeployRecorder {
  private chain: Promise<void> = Promise.resolve();
  /** The listeners are told in order, one event after the other. */
  private telling: Promise<void> = Promise.resolve();
  private started = false;

  constructor(
    readonly record: DeployRecord,
    private readonly ports: { records: DeployRecords; events: DeployEvents; files: Files },
    private readonly evidenceRoot: string | null,
    private readonly warn: (message: string) => void,
  ) {}

  /** Puts the record as it is now; the first put throws when it fails, later ones warn. */
  save(): Promise<void> {
    const snapshot = structuredClone(this.record);
    const first = !this.started;
    this.started = true;
    const write = this.chain.then(async () => {
      try {
        await this.ports.records.put(snapshot);
      } catch (error) {
        if (first) throw error;
        this.warn(`the deploy record ${snapshot.id} could not be written: ${(error as Error).message}`);
      }
      await this.writeEvidence(snapshot);
    });
    this.chain = write.catch(() => undefined);
    return write;
  }

  /** Tells the listeners and waits for them; what they linked is kept on the record. */
  async emit(type: DeployEventType): Promise<void> {
    this.emitSoon(type);
    await this.telling;
  }

  /**
   * Tells the listeners without waiting for them: for the moments nothing may delay (from a failed
   * verification to the first rollback step). `settle` waits for what is still being told.
   */
  emitSoon(type: DeployEventType): void {
    this.telling = this.telling.then(() => this.tell(type));
  }

  /** Waits for the listeners told with emitSoon and for every write, then puts the record a last time. */
  async settle(): Promise<void> {
    await this.telling;
    await this.save();
  }

  private async tell(type: DeployEventType): Promise<void> {
    let links: Awaited<ReturnType<DeployEvents["emit"]>>;
    try {
      links = await this.ports.events.emit(type, structuredClone(this.record));
    } catch (error) {
      // The port promises never to throw; a listener that does must not stop a deploy.
      this.warn(`telling about "${type}" failed: ${(error as Error).message}`);
      return;
    }
    if (links.incident) this.record.incident = links.incident;
    if (links.githubDeployment) this.record.githubDeployment = links.githubDeployment;
  }

  /**
   * The record as JSON evidence in the seed's folders under the evidence root: every record in
   * automation/workflows/, a rollback's also in rollback/procedures/, verification results also in
   * validation/metrics/. One file per record, rewritten as it changes.
   */
  private async writeEvidence(record: DeployRecord): Promise<void> {
    if (this.evidenceRoot === null) return;
    const name = `${fileSafeName(record.id)}.json`;
    const text = `${JSON.stringify(record, null, 2)}\n`;
    const files = [join(this.evidenceRoot, "automation", "workflows", name)];
    if (record.kind === "rollback" || record.rollback)
      files.push(join(this.evidenceRoot, "rollback", "procedures", name));
    const measured = record.steps.filter((s) => s.metrics !== undefined && s.metrics.length > 0);
    const metricFile = join(this.evidenceRoot, "validation", "metrics", name);
    try {
      for (const file of files) await this.ports.files.writeAtomic(file, text);
      if (measured.length > 0) {
        const steps = measured.map((s) => ({ name: s.name, status: s.status, metrics: s.metrics }));
        const { id, environment, version, commit } = record;
        await this.ports.files.writeAtomic(
          metricFile,
          `${JSON.stringify({ id, environment, version, commit, steps }, null, 2)}\n`,
        );
      }
    } catch (error) {
      this.warn(
        `the deploy evidence under ${this.evidenceRoot} could not be written: ${(error as Error).message}`,
      );
    }
  }
}
