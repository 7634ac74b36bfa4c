/** The text split into lines, with each line's start offset, as the markdown parser numbers them. */
export class SourceLines {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (const m of text.matchAll(/\r\n|\r|\n/g)) this.starts.push(m.index + m[0].length);
  }
  /** Line i (0-based) without its line break. */
  line(i: number): string {
    const end = i + 1 < this.starts.length ? this.starts[i + 1]! : this.text.length;
    return this.text.slice(this.starts[i], end).replace(/\r?\n$|\r$/, "");
  }
  start(i: number): number {
    return this.starts[i] ?? this.text.length;
  }
}
